// POST /v1/chat/completions: "hotpath" or an agent's name runs that agent; "auto" lets the router
// choose among the configured tiers; any configured model is proxied to its provider. Anything else
// is a 404 naming what exists.

import { randomUUID } from 'node:crypto';
import { createChatRequestParser } from '../chat/chat-request.js';
import type { ChatCall } from '../chat/chat-call.js';
import { agentCompletion } from '../chat/agent-completion.js';
import { modelTarget, proxyCompletion, type ProxyTarget } from '../chat/proxy-completion.js';
import { routedTarget } from '../chat/routed-target.js';
import { badRequest, GatewayHttpError } from '../http/gateway-http-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import type { RequestRecord } from '../observability/request-record.js';

export function endUser(bodyUser: string | null | undefined, header: string | string[] | undefined): string | undefined {
  if (typeof bodyUser === 'string' && bodyUser !== '') return bodyUser;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return undefined;
  if (value.length > 256) throw badRequest('X-Hotpath-User: must be at most 256 characters', 'X-Hotpath-User');
  return value;
}

export function createChatCompletionsHandler(services: GatewayServices): RouteHandler {
  const { config, runtime } = services;
  const parse = createChatRequestParser(config.limits);
  const modelTargets = new Map<string, ProxyTarget>([...runtime.models.values()].map((model) => [model.name, modelTarget(model, runtime.models)]));
  const known = () => [...(runtime.defaultAgent === undefined ? [] : ['hotpath']), ...runtime.agents.keys(), ...(runtime.autoRouter === undefined ? [] : ['auto']), ...runtime.models.keys()];

  return async (context) => {
    const body = await readJsonBody(context.request, { limitBytes: config.server.bodyLimitBytes });
    const chat = parse(body.value);
    const call: ChatCall = {
      services,
      context,
      caller: context.caller!,
      user: endUser(chat.user, context.request.headers['x-hotpath-user']),
      chat,
      bytes: body.bytes,
      identity: { id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, created: Math.floor(Date.now() / 1000), model: chat.model },
      deadline: context.startedAt + config.limits.requestTimeoutMs,
    };
    if (chat.n !== undefined && chat.n !== null && chat.n > 1 && !runtime.models.has(chat.model)) {
      throw badRequest(`n: only a configured model can give several choices ("${chat.model}" gives one)`, 'n');
    }
    let record: RequestRecord;
    const agentName = chat.model === 'hotpath' ? runtime.defaultAgent : runtime.agents.has(chat.model) ? chat.model : undefined;
    if (agentName !== undefined) {
      record = await agentCompletion(call, agentName, runtime.agents.get(agentName)!.agent);
    } else if (chat.model === 'auto' && runtime.autoRouter !== undefined) {
      record = await proxyCompletion(call, routedTarget({ name: 'auto', router: runtime.autoRouter, models: runtime.models, embeddings: runtime.embeddings, user: call.user }));
    } else if (modelTargets.has(chat.model)) {
      record = await proxyCompletion(call, modelTargets.get(chat.model)!);
    } else {
      const hint = chat.model === 'hotpath' ? ' (no agent is configured)' : '';
      throw new GatewayHttpError(404, `model: "${chat.model}" does not exist${hint}; available: ${known().join(', ')}`, { code: 'model_not_found', param: 'model' });
    }
    services.finish(record);
  };
}
