// POST /v1/cache/invalidate and POST /v1/webhooks/changes: both end as notices on the invalidation
// bus, so every cache layer in every process evicts. Invalidation is scoped to the caller's tenant.

import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import { fieldError } from '../chat/chat-request.js';
import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { GatewayHttpError, badRequest } from '../http/gateway-http-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';

const tagList = z.array(z.string().min(1, 'must not be empty'), { error: 'must be an array of strings' }).max(1000, 'must hold at most 1000 entries');

const invalidateSchema = z.strictObject({
  tags: tagList.optional(),
  keys: tagList.optional(),
  /** Alone: data about this user (tag user:<id>). With tags: only this user's entries. */
  user: z.string().min(1, 'must not be empty').max(256).optional(),
});

export function createInvalidateHandler(services: GatewayServices): RouteHandler {
  const { runtime, config } = services;
  return async (context) => {
    const body = await readJsonBody(context.request, { limitBytes: config.server.bodyLimitBytes });
    const parsed = invalidateSchema.safeParse(body.value);
    if (!parsed.success) throw fieldError(parsed.error);
    const { tags = [], keys = [], user } = parsed.data;
    if (tags.length === 0 && keys.length === 0 && user === undefined) throw badRequest('tags: give tags, keys or user to invalidate', 'tags');
    const tenant = context.caller!.tenant;
    const request =
      tags.length === 0 && keys.length === 0
        ? { tags: [`user:${user}`], tenant, source: 'api' }
        : { ...(tags.length === 0 ? {} : { tags }), ...(keys.length === 0 ? {} : { keys }), tenant, ...(user === undefined || tags.length === 0 ? {} : { user }), source: 'api' };
    const outcome = await runtime.cache.invalidator.invalidate(request);
    sendJson(context.response, 200, { notices: outcome.notices.length, evicted: outcome.evicted });
  };
}

export function createWebhookHandler(services: GatewayServices): RouteHandler {
  const { runtime, config } = services;
  const secret = config.changeFeeds.webhook.secret;
  const secretDigest = secret === undefined ? undefined : createHash('sha256').update(secret).digest();
  return async (context) => {
    if (!config.changeFeeds.webhook.enabled) throw new GatewayHttpError(404, 'webhooks are turned off (changeFeeds.webhook.enabled)', { code: 'not_found' });
    if (secretDigest !== undefined) {
      const given = context.request.headers['x-hotpath-webhook-secret'];
      const digest = createHash('sha256').update(typeof given === 'string' ? given : '').digest();
      if (!timingSafeEqual(digest, secretDigest)) throw new GatewayHttpError(401, 'the webhook secret is missing or wrong: send X-Hotpath-Webhook-Secret', { code: 'invalid_webhook_secret' });
    }
    const body = await readJsonBody(context.request, { limitBytes: config.server.bodyLimitBytes });
    const outcome = await runtime.cache.webhook(body.value);
    if (!outcome.ok) throw badRequest(outcome.error.message, String(outcome.error.details.field ?? 'body'), 'invalid_change');
    if (outcome.status === 200) sendJson(context.response, 200, { accepted: false, ignored: outcome.ignored });
    else sendJson(context.response, 202, { accepted: true, tags: outcome.notice.tags });
  };
}
