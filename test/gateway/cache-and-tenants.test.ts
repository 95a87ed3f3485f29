// The proxy's exact cache: deterministic requests are answered from it, one tenant never gets
// another's entry, and invalidation by key, tag, user or backend webhook evicts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, sseData, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let gateway: TestGateway;
let url: string;
let answer = 0;

const keys = { acme: 'acme-key-123456', globex: 'globex-key-123456' };

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  upstream.reply = () => ({ kind: 'text', text: `answer ${++answer}` });
  gateway = startTestGateway(upstreamConfig(upstream.url, {
    auth: { keys: [{ key: keys.acme, tenant: 'acme' }, { key: keys.globex, tenant: 'globex' }] },
    router: { classifier: false },
  }));
  url = await gateway.listen();
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

async function ask(tenant: keyof typeof keys, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[tenant]}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const content = response.headers.get('content-type')?.includes('event-stream')
    ? sseData(text).filter((event): event is Record<string, unknown> => event !== '[DONE]').map((event) => (event.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? '').join('')
    : (JSON.parse(text) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
  return { status: response.status, cache: response.headers.get('x-hotpath-cache'), key: response.headers.get('x-hotpath-cache-key'), content, text };
}

async function invalidate(tenant: keyof typeof keys, body: Record<string, unknown>) {
  const response = await fetch(`${url}/v1/cache/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[tenant]}` }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { notices: number; evicted: Record<string, number> } };
}

describe('proxy response cache', () => {
  it('answers a repeated temperature-0 request from the cache, without calling the provider', async () => {
    const body = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'cache me' }] });
    const first = await ask('acme', body);
    const calls = upstream.requests.length;
    const second = await ask('acme', body);
    expect(first.cache).toBe('miss');
    expect(second.cache).toBe('hit');
    expect(second.content).toBe(first.content);
    expect(upstream.requests.length).toBe(calls);
    // The end user does not change the answer of a model call, so it is not part of the key.
    expect((await ask('acme', { ...body, user: 'someone-else' })).cache).toBe('hit');
  });

  it('replays a cached stream as the same SSE events', async () => {
    const body = chatBody({ temperature: 0, stream: true, messages: [{ role: 'user', content: 'stream me' }] });
    const first = await ask('acme', body);
    const second = await ask('acme', body);
    expect(second.cache).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(sseData(second.text).at(-1)).toBe('[DONE]');
  });

  it('never serves one tenant an answer another tenant cached', async () => {
    const body = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'same question, two tenants' }] });
    const acme = await ask('acme', body);
    const globex = await ask('globex', body);
    expect(globex.cache).toBe('miss');
    expect(globex.content).not.toBe(acme.content);
    expect(globex.key).not.toBe(acme.key);
    expect((await ask('globex', body)).content).toBe(globex.content);
  });

  it('leaves non-deterministic requests alone unless the client opts in, and honours opting out', async () => {
    const creative = chatBody({ temperature: 0.8, messages: [{ role: 'user', content: 'be creative' }] });
    expect((await ask('acme', creative)).cache).toBe('bypass');
    expect((await ask('acme', creative)).cache).toBe('bypass');
    const optIn = chatBody({ temperature: 0.8, messages: [{ role: 'user', content: 'opt in' }] });
    await ask('acme', optIn, { 'x-hotpath-cache': 'on' });
    expect((await ask('acme', optIn, { 'x-hotpath-cache': 'on' })).cache).toBe('hit');
    const deterministic = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'opt out' }] });
    await ask('acme', deterministic);
    expect((await ask('acme', deterministic, { 'x-hotpath-cache': 'off' })).cache).toBe('bypass');
  });

  it('evicts by key, by tag, by user and on a backend webhook, and only within the caller tenant', async () => {
    const byKey = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'evict by key' }] });
    const { key } = await ask('acme', byKey);
    expect((await invalidate('acme', { keys: [key] })).status).toBe(200);
    expect((await ask('acme', byKey)).cache).toBe('miss');

    const tagged = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'about document 7' }] });
    await ask('acme', tagged, { 'x-hotpath-cache-tags': 'doc:7, project:2' });
    await ask('globex', tagged, { 'x-hotpath-cache-tags': 'doc:7' });
    const evicted = await invalidate('acme', { tags: ['doc:7'] });
    expect(evicted.body.evicted['proxy-responses']).toBe(1);
    expect((await ask('acme', tagged, { 'x-hotpath-cache-tags': 'doc:7, project:2' })).cache).toBe('miss');
    expect((await ask('globex', tagged)).cache).toBe('hit');

    const aboutUser = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'profile of u7' }] });
    await ask('acme', aboutUser, { 'x-hotpath-cache-tags': 'user:u7' });
    await invalidate('acme', { user: 'u7' });
    expect((await ask('acme', aboutUser, { 'x-hotpath-cache-tags': 'user:u7' })).cache).toBe('miss');

    const webhooked = chatBody({ temperature: 0, messages: [{ role: 'user', content: 'status of INC-1' }] });
    await ask('globex', webhooked, { 'x-hotpath-cache-tags': 'ticket:INC-1' });
    const hook = await fetch(`${url}/v1/webhooks/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.globex}` },
      body: JSON.stringify({ id: 1, type: 'ticket.updated', entity: 'ticket:INC-1', tags: ['ticket:INC-1'], namespace: null }),
    });
    expect(hook.status).toBe(202);
    expect((await ask('globex', webhooked)).cache).toBe('miss');
  });

  it('refuses an invalidation that names nothing, naming the field', async () => {
    const response = await invalidate('acme', {});
    expect(response.status).toBe(400);
    const bad = await fetch(`${url}/v1/cache/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.acme}` }, body: JSON.stringify({ tags: 'doc:7' }) });
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('tags');
  });
});
