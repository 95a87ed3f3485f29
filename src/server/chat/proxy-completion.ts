// A chat completion for a configured model (not an agent): answered from the exact cache when the
// same tenant asked the same thing, else sent to the model (fallbacks and hedging included) and
// relayed. The client's own tools pass through untouched: its `tools`, the model's `tool_calls`
// deltas and the client's `tool` messages are part of the forwarded request and answer.

import { performance } from 'node:perf_hooks';
import type { StageSpan } from '../../spec/index.js';
import type { RequestRecord } from '../observability/request-record.js';
import type { ProxyResponseCache } from '../runtime/proxy-response-cache.js';
import type { ModelRuntime } from '../runtime/model-runtime.js';
import type { ChatCall } from './chat-call.js';
import { relayResponse } from './relay-response.js';
import { startWithFallbacks, type StartOutcome } from './start-with-fallbacks.js';
import type { AttemptRequest, StartedResponse } from './upstream-attempt.js';

const maxCachedBytes = 4 * 1024 * 1024;
const maxCacheTags = 32;

export interface ProxyTarget {
  /** Name in records and metrics. */
  name: string;
  start(request: AttemptRequest): Promise<StartOutcome>;
}

/** A configured model with its fallbacks and hedge. */
export function modelTarget(model: ModelRuntime, models: ReadonlyMap<string, ModelRuntime>): ProxyTarget {
  const candidates = [model, ...model.fallbacks.map((name) => models.get(name)!)];
  return { name: model.name, start: (request) => startWithFallbacks({ candidates, hedgeAfterMs: model.hedgeAfterMs, request }) };
}

export async function proxyCompletion(call: ChatCall, target: ProxyTarget): Promise<RequestRecord> {
  const { services, context, chat } = call;
  const spans: StageSpan[] = [];
  const elapsed = () => performance.now() - context.startedPerf;
  const cache = cacheFor(call, services.runtime.cache.proxyResponses);
  const headers: Record<string, string> = { 'x-request-id': context.requestId };
  const base = {
    id: context.requestId,
    kind: 'proxy' as const,
    target: target.name,
    tenant: call.caller.tenant,
    ...(call.user === undefined ? {} : { user: call.user }),
    startedAt: context.startedAt,
  };

  let key: string | undefined;
  if (cache !== undefined) {
    const lookupStart = elapsed();
    key = cache.store.keyOf(call.caller.tenant, chat as Record<string, unknown>);
    const found = await cache.store.get(key);
    spans.push({ stage: 'cache', name: 'proxy cache', startMs: lookupStart, endMs: elapsed(), attributes: { hit: found !== undefined } });
    headers['x-hotpath-cache-key'] = key;
    if (found !== undefined && found.status === 200) {
      context.response.writeHead(200, { 'content-type': found.contentType, 'content-length': Buffer.byteLength(found.body), 'x-hotpath-cache': 'hit', ...headers });
      context.response.end(found.body);
      const totalMs = elapsed();
      return { ...base, status: 200, totalMs, firstTokenMs: totalMs, spans, cache: 'proxy', modelCalls: [] };
    }
  }
  headers['x-hotpath-cache'] = cache === undefined ? 'bypass' : 'miss';

  const modelStart = elapsed();
  const outcome = await target.start({ chat, bytes: call.bytes, requestId: context.requestId, identity: call.identity, signal: context.signal, deadline: call.deadline });
  const started: StartedResponse = outcome.started;
  headers['x-hotpath-model'] = started.model.name;
  const relayed = await relayResponse({
    response: context.response,
    started,
    stream: chat.stream === true,
    headers,
    captureBytes: key === undefined || started.status !== 200 ? 0 : maxCachedBytes,
    requestStartedAt: context.startedPerf,
    deadline: call.deadline,
  });
  spans.push({ stage: 'model', name: `model ${started.model.name}`, startMs: modelStart, endMs: elapsed(), attributes: { attempts: outcome.modelCalls.length } });
  if (cache !== undefined && key !== undefined && relayed.body !== undefined) {
    cache.store.set(key, { status: 200, contentType: started.contentType, body: relayed.body, storedAt: Date.now() }, { tenant: call.caller.tenant, tags: cache.tags }).catch(() => {});
  }
  return {
    ...base,
    status: started.status,
    totalMs: elapsed(),
    ...(relayed.firstByteMs === undefined ? {} : { firstTokenMs: relayed.firstByteMs }),
    spans,
    modelCalls: outcome.modelCalls,
    fallbacks: outcome.fallbacks,
    ...(relayed.error === undefined ? {} : { error: { code: relayed.error.code ?? 'stream_error', message: relayed.error.message } }),
  };
}

/** The cache and the entry's tags, when this request may use the cache. */
function cacheFor(call: ChatCall, store: ProxyResponseCache | undefined): { store: ProxyResponseCache; tags: string[] } | undefined {
  if (store === undefined) return undefined;
  const header = String(call.context.request.headers['x-hotpath-cache'] ?? '').toLowerCase();
  if (header === 'off' || header === 'no-store') return undefined;
  const policy = call.services.config.cache.proxyResponses;
  const deterministic = call.chat.temperature === 0;
  if (header !== 'on' && !(policy === 'always' || (policy === 'deterministic' && deterministic))) return undefined;
  const tags = String(call.context.request.headers['x-hotpath-cache-tags'] ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .slice(0, maxCacheTags);
  return { store, tags };
}
