// What the dashboard reads: GET /v1/dashboard/stream (server-sent events: a `snapshot` of the metrics
// every interval, a `run` for each finished request with its spans, `runs` once at connection with
// the recent ones), GET /v1/dashboard/runs (recent, newest first) and GET /v1/dashboard/runs/{id}.

import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import { sendJson } from '../http/send-json.js';
import { openSse, type SseWriter } from '../http/sse-writer.js';
import type { MetricsSnapshot } from '../observability/gateway-metrics.js';

export interface DashboardFeed {
  readonly handler: RouteHandler;
  /** Ends every open stream (shutdown). */
  closeAll(): void;
}

export function createDashboardFeed(services: GatewayServices): DashboardFeed {
  const clients = new Set<SseWriter>();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const broadcast = (data: string, event: string) => {
    for (const client of clients) if (!client.send(data, event)) clients.delete(client);
  };
  // One ticker for every client: a snapshot is computed once per interval whatever the audience.
  const startTicker = () => {
    if (timer !== undefined) return;
    timer = setInterval(() => {
      const snapshot: MetricsSnapshot = services.metrics.snapshot();
      broadcast(JSON.stringify(snapshot), 'snapshot');
    }, services.config.server.dashboardIntervalMs);
    timer.unref();
    unsubscribe = services.runs.subscribe((record) => broadcast(JSON.stringify(record), 'run'));
  };
  const stopTicker = () => {
    clearInterval(timer);
    timer = undefined;
    unsubscribe?.();
    unsubscribe = undefined;
  };
  return {
    handler: async (context) => {
      const sse = openSse(context.response);
      clients.add(sse);
      startTicker();
      sse.send(JSON.stringify(services.metrics.snapshot()), 'snapshot');
      sse.send(JSON.stringify(services.runs.list(50)), 'runs');
      await new Promise<void>((resolve) => context.response.once('close', resolve));
      clients.delete(sse);
      if (clients.size === 0) stopTicker();
    },
    closeAll() {
      for (const client of clients) client.end();
      clients.clear();
      stopTicker();
    },
  };
}

export function createRunsListHandler(services: GatewayServices): RouteHandler {
  return async (context) => {
    const limit = Math.min(Math.max(1, Number(context.query.get('limit') ?? 50) || 50), services.config.server.recentRuns);
    sendJson(context.response, 200, { object: 'list', data: services.runs.list(limit) });
  };
}

export function createRunHandler(services: GatewayServices): RouteHandler {
  return async (context) => {
    const record = services.runs.get(context.params.id!);
    if (record === undefined) throw new GatewayHttpError(404, `run "${context.params.id}" is not among the ${services.config.server.recentRuns} most recent`, { code: 'run_not_found', param: 'id' });
    sendJson(context.response, 200, record);
  };
}
