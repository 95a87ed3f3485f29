import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../spec/index.js';
import { createLocalBus } from './local-bus.js';
import { createWebhookHandler } from './webhook-handler.js';

describe('createWebhookHandler', () => {
  it('publishes the notice of a valid body and reports it', async () => {
    const bus = createLocalBus();
    const seen: ChangeNotice[] = [];
    bus.subscribe((notice) => seen.push(notice));
    const handleWebhook = createWebhookHandler({ bus });
    const outcome = await handleWebhook(JSON.stringify({ id: 1, type: 'user.updated', entity: 'user:u1', tags: [], at: 5, namespace: null, cause: 'admin' }));
    expect(outcome).toEqual({ ok: true, status: 202, notice: { tags: ['user:u1'], source: 'webhook', at: 5 } });
    expect(seen).toEqual([{ tags: ['user:u1'], source: 'webhook', at: 5 }]);
  });

  it('answers 400 naming the bad field, and publishes nothing', async () => {
    const bus = createLocalBus();
    const seen: ChangeNotice[] = [];
    bus.subscribe((notice) => seen.push(notice));
    const outcome = await createWebhookHandler({ bus })({ tags: [42] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.status).toBe(400);
    expect(outcome.error.code).toBe('HOTPATH_INVALID_ARGUMENT');
    expect(outcome.error.details.field).toBe('tags[0]');
    expect(seen).toEqual([]);
  });

  it('ignores changes written in another namespace', async () => {
    const bus = createLocalBus();
    const seen: ChangeNotice[] = [];
    bus.subscribe((notice) => seen.push(notice));
    const handleWebhook = createWebhookHandler({ bus, namespace: 'hotpath' });
    const event = { id: 1, type: 'user.updated', entity: 'user:u1', tags: ['user:u1'], at: 5, cause: 'write' };
    expect(await handleWebhook({ ...event, namespace: 'other-agent' })).toMatchObject({ ok: true, status: 200 });
    expect(await handleWebhook({ ...event, namespace: 'hotpath' })).toMatchObject({ ok: true, status: 202 });
    expect(await handleWebhook({ ...event, namespace: null })).toMatchObject({ ok: true, status: 202 });
    expect(seen).toHaveLength(2);
  });

  it('names the bad option', () => {
    expect(() => createWebhookHandler({ bus: undefined as never })).toThrow(/option bus/);
  });
});
