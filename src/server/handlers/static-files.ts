// The dashboard's static files from one directory: `/` is index.html, paths never leave the directory,
// and without the directory `/` says where the API is.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { RouteHandler } from '../gateway-services.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const fallbackPage = `<!doctype html><meta charset="utf-8"><title>hotpath</title>
<h1>hotpath gateway</h1><p>No dashboard is installed here. API: <code>POST /v1/chat/completions</code>,
<code>GET /v1/models</code>, <code>GET /v1/dashboard/stream</code>, <code>GET /metrics</code>, <code>GET /readyz</code>.</p>`;

export function createStaticFilesHandler(directory: string | undefined): RouteHandler {
  const root = directory === undefined ? undefined : normalize(directory);
  return async (context) => {
    if (root === undefined) {
      if (context.path !== '/') throw new GatewayHttpError(404, `${context.path} does not exist`, { code: 'not_found' });
      context.response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(fallbackPage) });
      context.response.end(context.request.method === 'HEAD' ? undefined : fallbackPage);
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(context.path === '/' ? '/index.html' : context.path);
    } catch {
      throw new GatewayHttpError(400, 'the path is not valid percent-encoding', { code: 'invalid_path' });
    }
    const file = normalize(join(root, relative));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) throw new GatewayHttpError(404, `${context.path} does not exist`, { code: 'not_found' });
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) throw new GatewayHttpError(404, `${context.path} does not exist`, { code: 'not_found' });
    context.response.writeHead(200, { 'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-cache' });
    if (context.request.method === 'HEAD') {
      context.response.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.once('error', reject);
      stream.once('end', resolve);
      stream.pipe(context.response);
    });
  };
}
