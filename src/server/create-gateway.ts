// createGateway: the HTTP gateway over a configuration. One node:http listener (see
// docs/decisions/010-http-framework.md) dispatches a fixed route table; each request gets an id, an
// abort signal tied to its connection, the caller from its API key, and OpenAI-shaped errors for every
// refusal. Warm-up drives readiness; close() drains in-flight requests within a grace period.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GatewayConfig } from '../config/index.js';
import { HotpathError } from '../util/index.js';
import { createAuthenticator, isLoopback } from './auth/authenticate.js';
import type { GatewayServices, RequestContext, RouteHandler } from './gateway-services.js';
import { createAgentRunsHandler } from './handlers/agent-runs-handler.js';
import { createInvalidateHandler, createWebhookHandler } from './handlers/cache-handlers.js';
import { createChatCompletionsHandler } from './handlers/chat-completions-handler.js';
import { createDashboardFeed, createRunHandler, createRunsListHandler } from './handlers/dashboard-handlers.js';
import { createEmbeddingsHandler } from './handlers/embeddings-handler.js';
import { createHealthHandler, createMetricsHandler, createReadyHandler } from './handlers/health-handlers.js';
import { createModelsHandler } from './handlers/models-handler.js';
import { createStaticFilesHandler } from './handlers/static-files.js';
import { errorCode, GatewayHttpError, toGatewayHttpError } from './http/gateway-http-error.js';
import { RouteTable } from './http/route-table.js';
import { sendError } from './http/send-json.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { RecentRuns } from './observability/recent-runs.js';
import { Readiness } from './readiness.js';
import { createGatewayRuntime, type GatewayRuntime, type GatewayRuntimeOptions } from './runtime/gateway-runtime.js';

export interface GatewayOptions {
  config: GatewayConfig;
  /** A runtime built elsewhere (tests); built from `config` otherwise and closed with the gateway. */
  runtime?: GatewayRuntime;
  runtimeOptions?: GatewayRuntimeOptions;
  /** Directory of the dashboard's static files (default: `server.dashboardDirectory` from the working directory). */
  dashboardDirectory?: string;
  /** Process metrics (event loop, memory) in /metrics. Default true. */
  processMetrics?: boolean;
  /** Where errors the gateway could not attribute to a request are reported. Default stderr. */
  log?: (line: string) => void;
}

export interface ListenOptions {
  port?: number;
  host?: string;
}

export interface Gateway {
  /** The node:http request listener (for an existing server, or in-process injection in tests). */
  readonly listener: (request: IncomingMessage, response: ServerResponse) => void;
  readonly services: GatewayServices;
  /** Starts warm-up; resolves once ready (or closed). Readiness retries failed parts with backoff. */
  warmUp(): Promise<void>;
  listen(options?: ListenOptions): Promise<{ url: string; server: Server }>;
  /** Stops accepting, lets in-flight requests finish for `graceMs` (default server.shutdownGraceMs), then closes. */
  close(options?: { graceMs?: number }): Promise<void>;
}

type AuthMode = 'none' | 'api' | 'dashboard' | 'webhook';

interface Route {
  handler: RouteHandler;
  auth: AuthMode;
}

const requestIdPattern = /^[\w.:#/@+=-]{1,128}$/;
const noQuery: URLSearchParams = new URLSearchParams();

export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runtime = options.runtime ?? createGatewayRuntime(config, options.runtimeOptions);
  const ownsRuntime = options.runtime === undefined;
  const metrics = new GatewayMetrics({ defaultMetrics: options.processMetrics ?? true });
  const runs = new RecentRuns(config.server.recentRuns);
  const readiness = new Readiness(runtime, (ready) => metrics.setReady(ready));
  const authenticator = createAuthenticator(config.auth);
  const directory = resolve(options.dashboardDirectory ?? config.server.dashboardDirectory);
  const services: GatewayServices = {
    config,
    runtime,
    metrics,
    runs,
    readiness,
    authenticator,
    dashboardDirectory: existsSync(directory) ? directory : undefined,
    finish(record) {
      metrics.observe(record);
      runs.add(record);
    },
  };
  const dashboard = createDashboardFeed(services);
  const routes = new RouteTable<Route>()
    .add('POST', '/v1/chat/completions', { handler: createChatCompletionsHandler(services), auth: 'api' })
    .add('GET', '/v1/models', { handler: createModelsHandler(services), auth: 'api' })
    .add('POST', '/v1/embeddings', { handler: createEmbeddingsHandler(services), auth: 'api' })
    .add('POST', '/v1/agents/{name}/runs', { handler: createAgentRunsHandler(services), auth: 'api' })
    .add('POST', '/v1/cache/invalidate', { handler: createInvalidateHandler(services), auth: 'api' })
    .add('POST', '/v1/webhooks/changes', { handler: createWebhookHandler(services), auth: 'webhook' })
    .add('GET', '/v1/dashboard/stream', { handler: dashboard.handler, auth: 'dashboard' })
    .add('GET', '/v1/dashboard/runs', { handler: createRunsListHandler(services), auth: 'dashboard' })
    .add('GET', '/v1/dashboard/runs/{id}', { handler: createRunHandler(services), auth: 'dashboard' })
    .add('GET', '/healthz', { handler: createHealthHandler(), auth: 'none' })
    .add('GET', '/readyz', { handler: createReadyHandler(services), auth: 'none' })
    .add('GET', '/metrics', { handler: createMetricsHandler(services), auth: 'none' });
  const staticFiles: Route = { handler: createStaticFilesHandler(services.dashboardDirectory), auth: 'none' };

  let closing = false;
  let server: Server | undefined;
  const drained = new Set<() => void>();

  const authenticate = (route: Route, context: RequestContext) => {
    switch (route.auth) {
      case 'none':
        return;
      case 'dashboard':
        if (isLoopback(context.request) && context.request.headers.authorization === undefined) {
          context.caller = { tenant: config.auth.anonymousTenant, keyName: 'loopback' };
          return;
        }
        context.caller = authenticator.authenticate(context.request, context.query.get('api_key') ?? undefined);
        return;
      case 'webhook':
        // With a shared secret the backend authenticates by it (checked by the handler).
        if (config.changeFeeds.webhook.secret !== undefined) return;
        context.caller = authenticator.authenticate(context.request);
        return;
      case 'api':
        context.caller = authenticator.authenticate(context.request);
    }
  };

  const dispatch = async (request: IncomingMessage, response: ServerResponse, controller: AbortController) => {
    const startedPerf = performance.now();
    const startedAt = Date.now();
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const clientId = request.headers['x-request-id'];
    const lookup = routes.lookup(request.method ?? 'GET', path);
    const context: RequestContext = {
      request,
      response,
      params: lookup.kind === 'found' ? lookup.match.params : {},
      path,
      query: queryAt < 0 ? noQuery : new URLSearchParams(url.slice(queryAt + 1)),
      requestId: typeof clientId === 'string' && requestIdPattern.test(clientId) ? clientId : randomUUID(),
      signal: controller.signal,
      startedAt,
      startedPerf,
      caller: undefined,
    };
    if (closing) response.shouldKeepAlive = false;
    try {
      let route: Route;
      if (lookup.kind === 'found') {
        route = lookup.match.handler;
      } else if (lookup.kind === 'method-not-allowed') {
        throw new GatewayHttpError(405, `${request.method} is not allowed on ${path} (allowed: ${lookup.allowed.join(', ')})`, { code: 'method_not_allowed', headers: { allow: lookup.allowed.join(', ') } });
      } else if ((request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/v1/')) {
        route = staticFiles;
      } else {
        throw new GatewayHttpError(404, `${request.method} ${path} does not exist`, { code: 'not_found' });
      }
      if (closing && route.auth !== 'none') throw new GatewayHttpError(503, 'the gateway is shutting down', { code: 'shutting_down', headers: { 'retry-after': '1', connection: 'close' } });
      if (metrics.inFlight > config.limits.maxConcurrentRequests) {
        throw new GatewayHttpError(503, `the gateway is at its limit of ${config.limits.maxConcurrentRequests} concurrent requests (limits.maxConcurrentRequests)`, { code: 'overloaded', headers: { 'retry-after': '1' } });
      }
      authenticate(route, context);
      await route.handler(context);
    } catch (caught) {
      const error = toGatewayHttpError(caught);
      if (error.status >= 500 && error.status !== 503 && error.status !== 504) log(`hotpath gateway: ${request.method} ${path} failed: ${describe(caught)}`);
      if (error.status !== 499) metrics.countError(errorCode(error));
      if (!response.headersSent) {
        // A refused body may still be arriving: drop it so the error reaches the client.
        if (!request.complete) request.resume();
        sendError(response, error);
      } else if (!response.writableEnded) {
        response.end();
      }
    }
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    metrics.requestStarted();
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort(new HotpathError('HOTPATH_ABORTED', 'the client closed the connection'));
      metrics.requestEnded();
      if (closing) {
        server?.closeIdleConnections();
        if (metrics.inFlight === 0) for (const resolveDrained of drained) resolveDrained();
      }
    });
    void dispatch(request, response, controller);
  };

  let closed: Promise<void> | undefined;
  return {
    listener,
    services,
    warmUp: () => readiness.start(),
    listen({ port = config.server.port, host = config.server.host } = {}) {
      const created = createServer({ keepAliveTimeout: 65_000 }, listener);
      server = created;
      return new Promise((resolvePromise, reject) => {
        created.once('error', reject);
        created.listen(port, host, () => {
          created.off('error', reject);
          const address = created.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolvePromise({ url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`, server: created });
        });
      });
    },
    close({ graceMs = config.server.shutdownGraceMs } = {}) {
      closed ??= (async () => {
        closing = true;
        readiness.close();
        dashboard.closeAll();
        const stopped = server === undefined ? Promise.resolve() : new Promise<void>((done) => server!.close(() => done()));
        server?.closeIdleConnections();
        if (metrics.inFlight > 0) {
          await new Promise<void>((done) => {
            const timer = setTimeout(done, graceMs);
            timer.unref();
            drained.add(() => {
              clearTimeout(timer);
              done();
            });
          });
        }
        server?.closeAllConnections();
        await stopped;
        if (ownsRuntime) await runtime.close();
        metrics.close();
      })();
      return closed;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof GatewayHttpError && error.cause !== undefined) return describe(error.cause);
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
