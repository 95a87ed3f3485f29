// GET /healthz (the process answers) and GET /readyz (pools connected, models warm, caches reachable;
// 503 with what is pending until then and from the moment shutdown begins), GET /metrics (Prometheus).

import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { sendJson } from '../http/send-json.js';

export function createHealthHandler(): RouteHandler {
  return async (context) => {
    sendJson(context.response, 200, { status: 'ok', pid: process.pid });
  };
}

export function createReadyHandler(services: GatewayServices): RouteHandler {
  return async (context) => {
    const state = services.readiness.state;
    sendJson(context.response, state.ready ? 200 : 503, { ready: state.ready, phase: state.phase, warmed: state.warmed, failed: state.failed, attempts: state.attempts });
  };
}

export function createMetricsHandler(services: GatewayServices): RouteHandler {
  return async (context) => {
    const text = await services.metrics.text();
    context.response.writeHead(200, { 'content-type': services.metrics.contentType, 'content-length': Buffer.byteLength(text) });
    context.response.end(text);
  };
}
