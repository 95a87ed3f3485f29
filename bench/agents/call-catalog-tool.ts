import type { ToolCatalogEntry } from '../../sim/index.js';
import { requestIdHeader } from '../../sim/index.js';
import { keepAliveTransport, type HttpTransport } from './http-transport.js';

export interface CallCatalogToolOptions {
  toolsUrl: string;
  entry: ToolCatalogEntry;
  args: Record<string, unknown>;
  /** Sent as x-request-id (`<key>#<namespace>`). */
  requestId: string;
  signal?: AbortSignal;
  /** Keep-alive fetch unless given. */
  transport?: HttpTransport;
}

/**
 * Calls one catalog tool over HTTP: `{name}` path parameters from the arguments, the rest as the
 * query (GET, DELETE) or a JSON body. Returns the JSON body, or `{ error: { status?, message } }` the model
 * can read and react to. Only cancellation is thrown.
 */
export async function callCatalogTool(options: CallCatalogToolOptions): Promise<unknown> {
  const { toolsUrl, entry, args, requestId, signal, transport = keepAliveTransport } = options;
  const rest: Record<string, unknown> = { ...args };
  let missing: string | undefined;
  const path = entry.http.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') missing ??= name;
    return encodeURIComponent(String(value ?? ''));
  });
  if (missing !== undefined) return { error: { message: `missing required argument "${missing}" for ${entry.name}` } };

  const url = new URL(`${toolsUrl.replace(/\/$/, '')}${path}`);
  const headers: Record<string, string> = { accept: 'application/json', [requestIdHeader]: requestId };
  let body: string | undefined;
  // GET and DELETE carry no body: their arguments go in the query, as the simulator reads them.
  if (entry.http.method === 'GET' || entry.http.method === 'DELETE') {
    for (const [name, value] of Object.entries(rest)) appendQuery(url.searchParams, name, value);
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(rest);
  }

  let response;
  try {
    response = await transport({ url: url.toString(), method: entry.http.method, headers, body, signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { error: { message: `${entry.name} unreachable: ${(error as Error).message}` } };
  }
  const parsed = parseJson(response.text);
  if (response.status >= 200 && response.status < 300) return parsed ?? response.text;
  const message = errorMessage(parsed) ?? (response.text.slice(0, 500) || `HTTP ${response.status}`);
  return { error: { status: response.status, message } };
}

function appendQuery(params: URLSearchParams, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendQuery(params, name, item);
  } else {
    params.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}
