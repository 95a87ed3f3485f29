import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../calls/index.js';
import { createSimClock } from '../clock/index.js';
import { parseSimulatorConfig } from '../config/index.js';
import { ChangeAnnouncer } from '../events/index.js';
import { MutationEngine } from '../mutations/index.js';
import { createTestDomain } from '../tools-server/test-domain.js';
import { startToolServer, type ToolServer } from '../tools-server/index.js';
import { createAdminApi, type AdminApi } from './admin-api.js';

const config = parseSimulatorConfig({
  timeScale: 0.001,
  models: { m: { tier: 'fast', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 } } },
  providers: [{ name: 'p', models: ['m'] }],
});
const clock = createSimClock(config.timeScale);
const domain = createTestDomain();
const announcer = new ChangeAnnouncer({ redisChannel: 'unused' });
const mutations = new MutationEngine({ clock, seed: 1, ratePerSecond: 0, mutate: () => undefined });
let admin: AdminApi;
let server: ToolServer;
let base = '';

beforeAll(async () => {
  admin = createAdminApi({ world: domain.world, calls: new CallLog(), mutations, announcer, redisChannel: 'unused' });
  server = await startToolServer({ config, clock, domain, calls: new CallLog(), admin: admin.handle });
  base = `${server.url}/admin`;
});
afterAll(async () => {
  admin.close();
  await server.close();
  await announcer.close();
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() as Record<string, unknown> });

describe('admin API', () => {
  it('patches an entity in one namespace only, and reads it per namespace with its history', async () => {
    const patched = await json(await fetch(`${base}/entities/note/n1?namespace=agent-a`, { method: 'PATCH', body: JSON.stringify({ text: 'mine' }) }));
    expect(patched).toMatchObject({ status: 200, body: { namespace: 'agent-a', cause: 'admin', entity: 'note:n1' } });
    expect((await json(await fetch(`${base}/entities/note/n1?namespace=agent-a`))).body).toMatchObject({ value: { text: 'mine' } });
    expect((await json(await fetch(`${base}/entities/note/n1`))).body).toMatchObject({ namespace: null, value: { text: 'hello' } });
    const history = await json(await fetch(`${base}/history/note/n1/text?namespace=agent-a`));
    expect((history.body.history as Array<{ value: string }>).map((interval) => interval.value)).toEqual(['hello', 'mine']);
    expect((await json(await fetch(`${base}/changes?since=0`))).body.changes).toHaveLength(1);
  });

  it('rejects bad bodies and settings with a 4xx naming the problem', async () => {
    expect((await fetch(`${base}/entities/note/n1`, { method: 'PATCH', body: '[1,2]' })).status).toBe(400);
    expect((await fetch(`${base}/entities/note/n404`, { method: 'PATCH', body: '{"text":"x"}' })).status).toBe(404);
    expect((await fetch(`${base}/entities/note/n1`, { method: 'DELETE' })).status).toBe(405);
    expect(await json(await fetch(`${base}/mutations`, { method: 'PUT', body: JSON.stringify({ speed: 3 }) }))).toMatchObject({ status: 400, body: { error: { parameter: 'speed' } } });
    expect(await json(await fetch(`${base}/mutations`, { method: 'PUT', body: JSON.stringify({ webhookUrls: ['nope'] }) }))).toMatchObject({ status: 400, body: { error: { parameter: 'webhookUrls' } } });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect(((await json(await fetch(base))).body.routes as string[]).length).toBeGreaterThan(5);
  });

  it('reports a mutation request in a domain with nothing to change', async () => {
    expect((await json(await fetch(`${base}/mutate`, { method: 'POST' }))).body).toMatchObject({ event: null });
    const settings = await json(await fetch(`${base}/mutations`, { method: 'PUT', body: JSON.stringify({ ratePerSecond: 0, webhookUrls: ['http://127.0.0.1:9/x'] }) }));
    expect(settings.body).toMatchObject({ ratePerSecond: 0, webhookUrls: ['http://127.0.0.1:9/x'], redis: false });
  });
});
