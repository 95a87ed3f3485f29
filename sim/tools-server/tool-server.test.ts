import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { CallLog } from '../calls/index.js';
import { createSimClock } from '../clock/index.js';
import { parseSimulatorConfig, type SimulatorConfigInput } from '../config/index.js';
import { createTestDomain } from './test-domain.js';
import { createToolLatencySampler } from './tool-latency.js';
import { startToolServer, type ToolServer } from './tool-server.js';

const timeScale = 0.01;
const baseConfig: SimulatorConfigInput = {
  seed: 11,
  timeScale,
  models: { m: { tier: 'fast', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 } } },
  providers: [{ name: 'p', models: ['m'] }],
  connectionSetupMs: { p50: 200, p95: 300 },
  tools: { defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 }, byName: {} },
};

const servers: ToolServer[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

async function start(overrides: Partial<SimulatorConfigInput> = {}) {
  const config = parseSimulatorConfig({ ...baseConfig, ...overrides });
  const calls = new CallLog();
  const domain = createTestDomain();
  const server = await startToolServer({ config, clock: createSimClock(config.timeScale), domain, calls });
  servers.push(server);
  const agent = new Agent({ connections: 1 });
  agents.push(agent);
  const call = async (method: 'GET' | 'PATCH', path: string, options: { requestId?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await request(`${server.url}${path}`, {
      method,
      dispatcher: agent,
      headers: {
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return { server, calls, domain, config, call };
}

describe('tool server', () => {
  it('gives the same call of the same request the same latency in every namespace', async () => {
    const { call, calls, config } = await start();
    const first = await call('GET', '/api/notes/n1', { requestId: 'req-1#agent-a' });
    const second = await call('GET', '/api/notes/n1', { requestId: 'req-1#agent-b' });
    const other = await call('GET', '/api/notes/n1', { requestId: 'req-2#agent-a' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ text: 'hello', version: 1 });
    const sampler = createToolLatencySampler(config);
    const expected = sampler.latencyMs('req-1', 'get_note', { noteId: 'n1' });
    // The first call on the socket also paid the connection setup.
    const firstPenalty = calls.list()[0]!.connectionPenaltyMs;
    expect(Number(first.headers['x-simulated-latency-ms'])).toBeCloseTo(expected + firstPenalty, 0);
    expect(Number(second.headers['x-simulated-latency-ms'])).toBeCloseTo(expected, 0);
    expect(Number(other.headers['x-simulated-latency-ms'])).toBeCloseTo(sampler.latencyMs('req-2', 'get_note', { noteId: 'n1' }), 0);
    expect(expected).not.toBeCloseTo(sampler.latencyMs('req-2', 'get_note', { noteId: 'n1' }), 3);
    const records = calls.list({ kind: 'tool' });
    expect(records.map((record) => record.namespace)).toEqual(['agent-a', 'agent-b', 'agent-a']);
    // Elapsed wall time follows the scaled latency (generous bounds: shared CI machine).
    const wall = records[1]!.endedAt - records[1]!.startedAt;
    expect(wall).toBeGreaterThanOrEqual(expected * timeScale - 2);
    expect(wall).toBeLessThan(expected * timeScale + 250);
  });

  it('charges the connection setup to the first request on each new socket only', async () => {
    const { call, calls, server } = await start();
    await call('GET', '/api/notes/n1', { requestId: 'a#x' });
    await call('GET', '/api/notes/n1', { requestId: 'b#x' });
    const penalties = calls.list().map((record) => record.connectionPenaltyMs);
    expect(penalties[0]).toBeGreaterThan(100);
    expect(penalties[1]).toBe(0);
    expect(server.connections.accepted).toBe(1);
  });

  it('injects 503s by attempt so that a retry can succeed', async () => {
    const { call, config } = await start({ tools: { defaults: { latencyMs: { p50: 100, p95: 200 }, errorRate: 0.5 }, byName: {} } });
    const sampler = createToolLatencySampler(config);
    let key = '';
    for (let index = 0; index < 200 && !key; index++) {
      const candidate = `retry-${index}`;
      if (sampler.fails(candidate, 'get_note', { noteId: 'n1' }, 1) && !sampler.fails(candidate, 'get_note', { noteId: 'n1' }, 2)) key = candidate;
    }
    expect(key).not.toBe('');
    const failed = await call('GET', '/api/notes/n1', { requestId: `${key}#a` });
    expect(failed.status).toBe(503);
    expect(failed.json).toMatchObject({ error: { code: 'unavailable' } });
    const retried = await call('GET', '/api/notes/n1', { requestId: `${key}#a` });
    expect(retried.status).toBe(200);
    // Another namespace starts its own attempt count, so it sees the same first failure.
    expect((await call('GET', '/api/notes/n1', { requestId: `${key}#b` })).status).toBe(503);
  });

  it('answers bad input with a 4xx naming the parameter, and unknown routes with 404', async () => {
    const { call } = await start();
    const badPath = await call('GET', '/api/notes/nope');
    expect(badPath.status).toBe(400);
    expect(badPath.json).toMatchObject({ error: { code: 'invalid_parameter', parameter: 'noteId' } });
    const missing = await call('PATCH', '/api/notes/n1', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { parameter: 'text' } });
    const unknownParameter = await call('GET', '/api/notes/n1?colour=red');
    expect(unknownParameter.json).toMatchObject({ error: { parameter: 'colour' } });
    const invalidJson = await call('PATCH', '/api/notes/n1', { body: '{"text": ' });
    expect(invalidJson).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
    const arrayBody = await call('PATCH', '/api/notes/n1', { body: '[1]' });
    expect(arrayBody.status).toBe(400);
    const notFound = await call('GET', '/api/notes/n9');
    expect(notFound).toMatchObject({ status: 404, json: { error: { code: 'not_found', parameter: 'noteId' } } });
    expect((await call('GET', '/api/nothing/here')).status).toBe(404);
    expect((await call('GET', '/api/notes/%E0%A4%A')).status).toBe(404);
    const wrongMethod = await call('PATCH', '/api/nothing');
    expect(wrongMethod.status).toBe(404);
    const notAllowed = await request(`${(servers[0] as ToolServer).url}/api/notes/n1`, { method: 'DELETE', dispatcher: agents[0] });
    await notAllowed.body.text();
    expect(notAllowed.statusCode).toBe(405);
  });

  it('writes into the caller namespace only and records the side effect', async () => {
    const { call, domain } = await start();
    const edited = await call('PATCH', '/api/notes/n1', { requestId: 'w1#agent-a', body: { text: 'changed' } });
    expect(edited.status).toBe(200);
    expect((await call('GET', '/api/notes/n1', { requestId: 'r#agent-a' })).json?.text).toBe('changed');
    expect((await call('GET', '/api/notes/n1', { requestId: 'r#agent-b' })).json?.text).toBe('hello');
    expect(domain.world.effects({ namespace: 'agent-a' })).toMatchObject([
      { kind: 'edit_note', params: { noteId: 'n1', text: 'changed' }, requestId: 'w1#agent-a', key: 'w1', ok: true },
    ]);
    await call('PATCH', '/api/notes/n7', { requestId: 'w2#agent-a', body: { text: 'x' } });
    expect(domain.world.effects({ key: 'w2' })[0]?.ok).toBe(false);
  });

  it('returns an ETag and answers 304 when the data has not changed', async () => {
    const { call } = await start();
    const first = await call('GET', '/api/notes/n1', { requestId: 'e#a' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await call('GET', '/api/notes/n1', { requestId: 'e#a', headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await call('PATCH', '/api/notes/n1', { requestId: 'e#a', body: { text: 'new' } });
    const changed = await call('GET', '/api/notes/n1', { requestId: 'e#a', headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
  });

  it('cancels the pending delay when the client disconnects, without performing the write', async () => {
    const { server, calls, domain } = await start({
      timeScale: 1,
      tools: { defaults: { latencyMs: { p50: 5000, p95: 6000 }, errorRate: 0 }, byName: {} },
    });
    const controller = new AbortController();
    const pending = request(`${server.url}/api/notes/n1`, {
      method: 'PATCH', body: JSON.stringify({ text: 'never' }), headers: { 'content-type': 'application/json', 'x-request-id': 'gone#a' },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    const started = Date.now();
    while (calls.size === 0 && Date.now() - started < 2000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.list()[0]).toMatchObject({ aborted: true, status: 499, name: 'edit_note' });
    expect(domain.world.get('a', 'note:n1')?.text).toBe('hello');
    expect(domain.world.effects({ key: 'gone' })[0]?.ok).toBe(false);
  });
});
