// GET /v1/models: the agents ("hotpath" for the default one), "auto" when tiers are configured, and
// every configured model, in the OpenAI list shape.

import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { sendJson } from '../http/send-json.js';

export function createModelsHandler(services: GatewayServices): RouteHandler {
  const { runtime } = services;
  const created = Math.floor(Date.now() / 1000);
  const entry = (id: string, ownedBy: string, extra: Record<string, unknown>) => ({ id, object: 'model', created, owned_by: ownedBy, hotpath: extra });
  const data = [
    ...(runtime.defaultAgent === undefined ? [] : [entry('hotpath', 'hotpath', { kind: 'agent', agent: runtime.defaultAgent })]),
    ...[...runtime.agents.values()].map((agent) => entry(agent.name, 'hotpath', { kind: 'agent', ...(agent.description === undefined ? {} : { description: agent.description }), tools: agent.agent.tools.declarations().map((tool) => tool.name) })),
    ...(runtime.autoRouter === undefined ? [] : [entry('auto', 'hotpath', { kind: 'router', tiers: runtime.autoRouter.tiers })]),
    ...[...runtime.models.values()].map((model) => entry(model.name, model.provider.name, { kind: 'model', provider: model.provider.name, upstream: model.upstreamId, ...(model.tier === undefined ? {} : { tier: model.tier }), fallbacks: model.fallbacks })),
  ];
  const body = { object: 'list', data };
  return async (context) => {
    sendJson(context.response, 200, body);
  };
}
