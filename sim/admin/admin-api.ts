// The simulator's admin API under `${toolsUrl}/admin`: inspect and change the world, read the call
// log and the side effects, trigger a mutation, and change the mutation settings at run time.
// Documented in sim/README.md.

import type { IncomingMessage } from 'node:http';
import type { CallLog, CallQuery } from '../calls/index.js';
import type { ChangeAnnouncer } from '../events/index.js';
import type { MutationEngine } from '../mutations/index.js';
import { errorBody, sendJson, type AdminHandler } from '../tools-server/index.js';
import { WorldWriteError, type ChangeEvent, type World } from '../world/index.js';

export interface AdminApiOptions {
  world: World;
  calls: CallLog;
  mutations: MutationEngine;
  announcer: ChangeAnnouncer;
  redisChannel: string;
  redisUrl?: string;
  /** How many recent change events GET /admin/changes keeps. */
  recentChangeLimit?: number;
}

export interface AdminApi {
  handle: AdminHandler;
  /** Stops listening to the world. */
  close(): void;
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  const { world, calls, mutations, announcer } = options;
  const limit = options.recentChangeLimit ?? 1000;
  const recent: ChangeEvent[] = [];
  const unsubscribe = world.subscribe((event) => {
    recent.push(event);
    if (recent.length > limit) recent.splice(0, recent.length - limit);
  });
  const view = (key: string, namespace: string | undefined) => (namespace === undefined ? world.getBase(key) : world.get(namespace, key));
  const settings = () => ({
    ratePerSecond: mutations.ratePerSecond,
    webhookUrls: announcer.webhookUrls,
    redisChannel: options.redisChannel,
    redis: options.redisUrl !== undefined,
    applied: mutations.count,
    announcements: announcer.stats(),
  });

  const handle: AdminHandler = async (request, response, url) => {
    const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const method = request.method ?? 'GET';
    const query = url.searchParams;
    const namespace = query.get('namespace') ?? undefined;
    const route = `${method} ${parts[0] ?? ''}`;

    if (route === 'GET ') {
      return sendJson(response, 200, { routes: adminRoutes });
    }
    if (parts[0] === 'entities') {
      const [, type, id, historyWord, field] = parts;
      if (!type) return sendJson(response, 404, errorBody('not_found', 'use /admin/entities/{type}[/{id}]'));
      if (method === 'GET' && id === undefined) {
        const keys = world.keys(type);
        const offset = Number(query.get('offset') ?? 0);
        const count = Number(query.get('limit') ?? 100);
        const entities = keys.slice(offset, offset + count).map((key) => ({ key, ...view(key, namespace) }));
        return sendJson(response, 200, { type, total: keys.length, offset, entities });
      }
      const key = `${type}:${id}`;
      if (method === 'GET' && historyWord === 'history' && field) {
        return sendJson(response, 200, { key, field, namespace: namespace ?? null, history: world.history(namespace ?? '', key, field) });
      }
      if (method === 'GET' && historyWord === undefined) {
        const value = view(key, namespace);
        if (!value) return sendJson(response, 404, errorBody('not_found', `no entity ${key}`));
        return sendJson(response, 200, { key, namespace: namespace ?? null, value });
      }
      if (method === 'PATCH' && historyWord === undefined) {
        const patch = await readJson(request);
        if (!patch.ok) return sendJson(response, 400, errorBody('invalid_body', patch.message));
        try {
          const event = world.set(namespace ?? null, key, patch.value, { cause: 'admin' });
          return sendJson(response, 200, event);
        } catch (error) {
          if (error instanceof WorldWriteError) return sendJson(response, 404, errorBody('not_found', error.message));
          throw error;
        }
      }
      return sendJson(response, 405, errorBody('method_not_allowed', `${method} not allowed on ${url.pathname}`));
    }
    if (route === 'GET history') {
      const [, type, id, field] = parts;
      if (!type || !id || !field) return sendJson(response, 404, errorBody('not_found', 'use /admin/history/{type}/{id}/{field}'));
      const key = `${type}:${id}`;
      return sendJson(response, 200, { key, field, namespace: namespace ?? null, history: world.history(namespace ?? '', key, field) });
    }
    if (route === 'GET effects') {
      return sendJson(response, 200, { effects: world.effects(filterOf(query, ['namespace', 'requestId', 'key', 'kind'])) });
    }
    if (route === 'GET calls') {
      const filter = filterOf(query, ['namespace', 'requestId', 'key', 'kind']) as CallQuery;
      const name = query.get('name');
      const since = Number(query.get('since') ?? 0);
      const records = calls.list(filter).filter((record) => (name === null || record.name === name) && record.startedAt >= since);
      return sendJson(response, 200, { calls: records });
    }
    if (route === 'GET changes') {
      const since = Number(query.get('since') ?? 0);
      return sendJson(response, 200, { changes: recent.filter((event) => event.id > since) });
    }
    if (route === 'POST mutate') {
      request.resume();
      const event = mutations.mutateOnce();
      return event ? sendJson(response, 200, event) : sendJson(response, 200, { event: null, message: 'nothing to change in this domain' });
    }
    if (route === 'GET mutations') return sendJson(response, 200, settings());
    if (route === 'PUT mutations') {
      const body = await readJson(request);
      if (!body.ok) return sendJson(response, 400, errorBody('invalid_body', body.message));
      const { ratePerSecond, webhookUrls, ...unknown } = body.value;
      const unknownKey = Object.keys(unknown)[0];
      if (unknownKey) return sendJson(response, 400, errorBody('invalid_parameter', `unknown setting "${unknownKey}"`, unknownKey));
      if (ratePerSecond !== undefined && (typeof ratePerSecond !== 'number' || !(ratePerSecond >= 0))) {
        return sendJson(response, 400, errorBody('invalid_parameter', 'ratePerSecond must be a number >= 0', 'ratePerSecond'));
      }
      if (webhookUrls !== undefined && (!Array.isArray(webhookUrls) || webhookUrls.some((entry) => typeof entry !== 'string'))) {
        return sendJson(response, 400, errorBody('invalid_parameter', 'webhookUrls must be an array of URLs', 'webhookUrls'));
      }
      try {
        if (webhookUrls !== undefined) announcer.setWebhookUrls(webhookUrls as string[]);
      } catch (error) {
        return sendJson(response, 400, errorBody('invalid_parameter', (error as Error).message, 'webhookUrls'));
      }
      if (ratePerSecond !== undefined) mutations.setRate(ratePerSecond);
      return sendJson(response, 200, settings());
    }
    request.resume();
    return sendJson(response, 404, errorBody('not_found', `no admin route ${method} ${url.pathname}`));
  };

  return { handle, close: unsubscribe };
}

export const adminRoutes = [
  'GET /admin/entities/{type}?namespace=&offset=&limit=',
  'GET /admin/entities/{type}/{id}?namespace=',
  'PATCH /admin/entities/{type}/{id}?namespace=  (JSON body: fields to set; base world unless namespace)',
  'GET /admin/entities/{type}/{id}/history/{field}?namespace=',
  'GET /admin/history/{type}/{id}/{field}?namespace=',
  'GET /admin/effects?namespace=&requestId=&key=&kind=',
  'GET /admin/calls?namespace=&requestId=&key=&kind=&name=&since=',
  'GET /admin/changes?since=<event id>',
  'POST /admin/mutate',
  'GET /admin/mutations',
  'PUT /admin/mutations  (JSON body: { ratePerSecond?, webhookUrls? })',
];

function filterOf(query: URLSearchParams, names: string[]): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null) filter[name] = value;
  }
  return filter;
}

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'body must be a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, message: 'body is not valid JSON' };
  }
}

