import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultSimulatorConfig, type SimulatorConfigInput } from './config/index.js';
import { callTool } from './domains/service-desk/brain-driver.js';
import { createRandom } from './random/index.js';
import type { Simulator } from './simulator.js';
import { startSimulator } from './start-simulator.js';
import type { ChangeEvent } from './world/index.js';

const channel = `hotpath-test:${process.pid}:${Date.now()}:sim-changes`;
const webhookEvents: ChangeEvent[] = [];
const redisEvents: ChangeEvent[] = [];
let webhook: Server;
let subscriber: Redis;
let sim: Simulator;

const tcpServers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition() && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
}

function configWith(overrides: Partial<SimulatorConfigInput>): SimulatorConfigInput {
  const byName = Object.fromEntries(Object.entries(defaultSimulatorConfig.tools!.byName!).map(([name, profile]) => [name, { ...profile, errorRate: 0 }]));
  return { ...defaultSimulatorConfig, timeScale: 0.01, tools: { defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 }, byName }, ...overrides };
}

beforeAll(async () => {
  webhook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      webhookEvents.push(JSON.parse(body) as ChangeEvent);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  subscriber = new Redis('redis://127.0.0.1:6379');
  subscriber.on('message', (_channel: string, message: string) => redisEvents.push(JSON.parse(message) as ChangeEvent));
  await subscriber.subscribe(channel);
  sim = await startSimulator({
    config: configWith({
      mutations: {
        ratePerSecond: 0,
        webhookUrls: [`http://127.0.0.1:${(webhook.address() as AddressInfo).port}/changes`],
        redisUrl: 'redis://127.0.0.1:6379',
        redisChannel: channel,
      },
    }),
  });
});

afterAll(async () => {
  await sim?.close();
  subscriber?.disconnect();
  await new Promise((resolve) => { webhook.close(resolve); webhook.closeAllConnections(); });
});

describe('startSimulator', () => {
  it('runs a ticket-status request end to end with the openai SDK, the brain and the tool APIs', async () => {
    const random = createRandom('e2e');
    let request = sim.domain.generateRequest({ random, kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    while (request.truth.facts.length === 0) request = sim.domain.generateRequest({ random, kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const key = 'e2e-ticket-status';
    const requestId = `${key}#e2e`;
    const client = new OpenAI({ baseURL: `${sim.providers[0]!.url}/v1`, apiKey: 'unused', maxRetries: 0, defaultHeaders: { 'x-request-id': requestId } });
    const tools: ChatCompletionTool[] = sim.domain.catalog.map((entry) => ({
      type: 'function',
      function: { name: entry.name, description: entry.description, parameters: z.toJSONSchema(entry.input) as Record<string, unknown> },
    }));
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: `You are the IT service desk assistant.\nCurrent user: ${request.userId}` },
      { role: 'user', content: request.text },
    ];
    let answer = '';
    for (let turn = 0; turn < 4 && !answer; turn++) {
      const completion = await client.chat.completions.create({ model: 'sim-powerful', messages, tools });
      const message = completion.choices[0]!.message;
      if (!message.tool_calls?.length) {
        answer = message.content ?? '';
        break;
      }
      messages.push(message);
      const results = await Promise.all(message.tool_calls.map(async (call) => {
        if (call.type !== 'function') throw new Error('unexpected tool call type');
        const result = await callTool({ toolsUrl: sim.toolsUrl, catalog: sim.domain.catalog, requestId }, call.function.name, JSON.parse(call.function.arguments) as Record<string, unknown>);
        return { role: 'tool' as const, tool_call_id: call.id, content: result.content };
      }));
      messages.push(...results);
    }
    for (const fact of request.truth.facts) {
      expect(answer).toContain(sim.domain.renderFact(fact, sim.domain.world.get('e2e', fact.entity)![fact.field]));
    }
    const llmCalls = sim.calls.list({ key, kind: 'llm' });
    const toolCalls = sim.calls.list({ key, kind: 'tool' });
    expect(llmCalls).toHaveLength(2);
    expect(toolCalls.map((call) => call.name).sort()).toEqual(['check_permissions', 'get_ticket_status', 'lookup_user']);
    expect(toolCalls.every((call) => call.namespace === 'e2e' && call.status === 200)).toBe(true);
    // The bound's latency formula is the tool server's.
    const response = await fetch(`${sim.toolsUrl}/api/tickets/${request.truth.entities[0]!.slice('ticket:'.length)}`, { headers: { 'x-request-id': `${key}#other` } });
    await response.text();
    const record = sim.calls.list({ key, kind: 'tool', namespace: 'other' })[0]!;
    const latency = sim.sampleToolLatencyMs(key, 'get_ticket_status', { ticketId: request.truth.entities[0]!.slice('ticket:'.length) });
    expect(Number(response.headers.get('x-simulated-latency-ms'))).toBeCloseTo(latency + record.connectionPenaltyMs, 0);
    const sample = sim.sampleModelCall({ key, model: 'sim-fast', turn: 0, inputTokens: 300, outputTokens: 40 });
    expect(sample.firstTokenMs).toBeGreaterThan(0);
    expect(sample.totalMs).toBeGreaterThan(sample.firstTokenMs);
  });

  it('serves the admin API: entities, changes announced by webhook and Redis, history, effects, calls', async () => {
    const admin = `${sim.toolsUrl}/admin`;
    const user = await (await fetch(`${admin}/entities/user/u0003`)).json() as { value: { manager: string } };
    expect(user.value.manager).toMatch(/^u\d{4}$/);
    const patched = await fetch(`${admin}/entities/user/u0003`, { method: 'PATCH', body: JSON.stringify({ manager: 'u0001' }) });
    const event = await patched.json() as ChangeEvent;
    expect(event).toMatchObject({ type: 'user.updated', cause: 'admin', namespace: null, tags: ['user:u0003', 'users'] });
    await waitFor(() => webhookEvents.some((seen) => seen.id === event.id) && redisEvents.some((seen) => seen.id === event.id));
    expect(webhookEvents.find((seen) => seen.id === event.id)).toEqual(event);
    expect(redisEvents.find((seen) => seen.id === event.id)).toEqual(event);
    const history = await (await fetch(`${admin}/entities/user/u0003/history/manager`)).json() as { history: Array<{ value: unknown }> };
    expect(history.history.map((interval) => interval.value)).toEqual([user.value.manager, 'u0001']);
    const listed = await (await fetch(`${admin}/entities/ticket?limit=5`)).json() as { total: number; entities: unknown[] };
    expect(listed.total).toBe(300);
    expect(listed.entities).toHaveLength(5);
    expect((await fetch(`${admin}/entities/user/u9999`)).status).toBe(404);

    const reset = await fetch(`${sim.toolsUrl}/api/users/u0004/password-reset`, { method: 'POST', headers: { 'x-request-id': 'admin-write#agent-x' } });
    expect(reset.status).toBe(200);
    await reset.text();
    const effects = await (await fetch(`${admin}/effects?namespace=agent-x`)).json() as { effects: Array<{ kind: string; ok: boolean }> };
    expect(effects.effects).toMatchObject([{ kind: 'reset_password', ok: true }]);
    await waitFor(() => webhookEvents.some((seen) => seen.namespace === 'agent-x'));
    expect(webhookEvents.find((seen) => seen.namespace === 'agent-x')).toMatchObject({ cause: 'write', requestId: 'admin-write#agent-x', entity: 'user:u0004' });
    const calls = await (await fetch(`${admin}/calls?namespace=agent-x`)).json() as { calls: Array<{ name: string }> };
    expect(calls.calls.map((call) => call.name)).toEqual(['reset_password']);
    const changes = await (await fetch(`${admin}/changes?since=${event.id - 1}`)).json() as { changes: ChangeEvent[] };
    expect(changes.changes[0]!.id).toBe(event.id);
  });

  it('applies mutations on demand and at the rate set at run time', async () => {
    const admin = `${sim.toolsUrl}/admin`;
    const mutated = await (await fetch(`${admin}/mutate`, { method: 'POST' })).json() as ChangeEvent;
    expect(mutated.cause).toBe('mutation');
    expect(sim.mutateOnce()?.cause).toBe('mutation');
    const bad = await fetch(`${admin}/mutations`, { method: 'PUT', body: JSON.stringify({ ratePerSecond: -1 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { parameter: 'ratePerSecond' } });
    const before = webhookEvents.filter((event) => event.cause === 'mutation').length;
    const updated = await (await fetch(`${admin}/mutations`, { method: 'PUT', body: JSON.stringify({ ratePerSecond: 20 }) })).json() as { ratePerSecond: number };
    expect(updated.ratePerSecond).toBe(20);
    await waitFor(() => webhookEvents.filter((event) => event.cause === 'mutation').length >= before + 3);
    await fetch(`${admin}/mutations`, { method: 'PUT', body: JSON.stringify({ ratePerSecond: 0 }) });
    expect(webhookEvents.filter((event) => event.cause === 'mutation').length).toBeGreaterThanOrEqual(before + 3);
    const settings = await (await fetch(`${admin}/mutations`)).json() as { ratePerSecond: number; redis: boolean; announcements: { webhookDelivered: number } };
    expect(settings).toMatchObject({ ratePerSecond: 0, redis: true });
    expect(settings.announcements.webhookDelivered).toBeGreaterThan(0);
  });

  it('serves tau-bench retail when configured, and closes every server it opened', async () => {
    const serversBefore = tcpServers();
    const retail = await startSimulator({ config: configWith({ domain: 'tau-retail', mutations: { ratePerSecond: 0 } }) });
    expect(tcpServers()).toBe(serversBefore + 1 + retail.providers.length);
    const response = await fetch(`${retail.toolsUrl}/retail/orders/${encodeURIComponent('#W2378156')}`);
    expect(await response.json()).toMatchObject({ order_id: '#W2378156', status: 'delivered' });
    expect(retail.domain.name).toBe('tau-retail');
    await retail.close();
    await retail.close();
    // libuv releases a closed server's handle a moment after close() resolves.
    await waitFor(() => tcpServers() === serversBefore, 2000);
    expect(tcpServers()).toBe(serversBefore);
  });
});
