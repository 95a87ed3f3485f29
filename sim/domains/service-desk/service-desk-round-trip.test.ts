import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../../calls/index.js';
import { createSimClock } from '../../clock/index.js';
import { parseSimulatorConfig } from '../../config/index.js';
import type { DomainRequest, PlannedCall } from '../../domain/index.js';
import { createRandom } from '../../random/index.js';
import { canonicalJson, startToolServer, type ToolServer } from '../../tools-server/index.js';
import { driveConversation } from './brain-driver.js';
import { intentMix } from './intents.js';
import { createServiceDeskDomain } from './service-desk-domain.js';

const config = parseSimulatorConfig({
  seed: 7,
  timeScale: 0.001,
  models: { m: { tier: 'powerful', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 } } },
  providers: [{ name: 'p', models: ['m'] }],
  tools: { defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 } },
});
const clock = createSimClock(config.timeScale);
const domain = createServiceDeskDomain({ seed: config.seed, clock });
let server: ToolServer;

beforeAll(async () => {
  server = await startToolServer({ config, clock, domain, calls: new CallLog() });
});
afterAll(async () => {
  await server.close();
});

/** The plan grouped into waves: a call runs one wave after the latest call it depends on. */
function planWaves(plan: readonly PlannedCall[]): string[][] {
  const level: number[] = [];
  plan.forEach((call, index) => {
    level[index] = call.dependsOn.length === 0 ? 0 : 1 + Math.max(...call.dependsOn.map((dependency) => level[dependency]!));
  });
  const waves: string[][] = [];
  plan.forEach((call, index) => {
    (waves[level[index]!] ??= []).push(`${call.name} ${canonicalJson(call.arguments)}`);
  });
  return waves.map((wave) => wave.sort());
}

async function roundTrip(request: DomainRequest, namespace: string) {
  const requestId = `${namespace}-${request.kind}-${request.userId}#${namespace}`;
  const driven = await driveConversation({ brain: domain.brain, toolsUrl: server.url, catalog: domain.catalog, userId: request.userId, text: request.text, requestId });
  const waves = driven.waves.map((wave) => wave.map((call) => `${call.name} ${canonicalJson(call.arguments)}`).sort());
  return { driven, waves, at: clock.now() };
}

describe('service desk: generated requests ↔ brain ↔ tool server', () => {
  for (const { kind } of intentMix) {
    it(`${kind}: makes the planned calls wave by wave, then states the world's facts`, async () => {
      const random = createRandom('round-trip', kind);
      for (let index = 0; index < 6; index++) {
        const namespace = `rt-${kind}-${index}`;
        const request = domain.generateRequest({ random: random.fork(index), kind, entitySkew: 1.1, userSkew: 1 });
        expect(request.kind).toBe(kind);
        const { driven, waves, at } = await roundTrip(request, namespace);
        expect(waves, request.text).toEqual(planWaves(request.plan));
        for (const fact of request.truth.facts) {
          const value = domain.world.get(namespace, fact.entity)![fact.field];
          expect(driven.answer, `${request.text} → ${fact.entity}.${fact.field}`).toContain(domain.renderFact(fact, value));
        }
        for (const expected of request.truth.sideEffects) {
          const effects = domain.world.effects({ namespace, kind: expected.kind }).filter((effect) => effect.ok);
          expect(effects.some((effect) => Object.entries(expected.match).every(([key, value]) => effect.params[key] === value))).toBe(true);
        }
        // No other ticket, article, error or change; no other person's data than the related ones.
        const mentions = domain.scanMentions(driven.answer);
        for (const entity of mentions.entities) expect(request.truth.entities, driven.answer).toContain(entity);
        const allowedUsers = new Set([request.userId, ...domain.relatedUsers(namespace, request, at)]);
        for (const user of mentions.users) expect(allowedUsers.has(user), `${user} in ${driven.answer}`).toBe(true);
        if (request.kind === 'ticket-status' && request.truth.facts.length === 0) expect(driven.answer).toMatch(/don't have access/);
      }
    });
  }

  it('keeps simple answers near 30–60 tokens and complex ones near 100–150', async () => {
    const random = createRandom('lengths');
    for (const kind of ['my-manager', 'debug-error'] as const) {
      const request = domain.generateRequest({ random: random.fork(kind), kind, entitySkew: 1, userSkew: 1 });
      const { driven } = await roundTrip(request, `len-${kind}`);
      const tokens = driven.answer.length / 4;
      const [low, high] = kind === 'my-manager' ? [25, 75] : [95, 190];
      expect(tokens).toBeGreaterThanOrEqual(low);
      expect(tokens).toBeLessThanOrEqual(high);
    }
  });

  it('answers with the data as it is when asked: a background change shows in the next answer', async () => {
    const random = createRandom('fresh');
    const request = domain.generateRequest({ random, kind: 'my-manager', entitySkew: 1, userSkew: 1 });
    const before = await roundTrip(request, 'fresh');
    const manager = domain.world.get('fresh', `user:${request.userId}`)!.manager as string;
    const other = domain.data.users.find((user) => user.id !== manager && user.id !== request.userId)!;
    await new Promise((resolve) => setTimeout(resolve, 5)); // history has millisecond resolution
    domain.world.set(null, `user:${request.userId}`, { manager: other.id }, { cause: 'admin' });
    const after = await roundTrip(request, 'fresh');
    expect(before.driven.answer).not.toContain(other.name);
    expect(after.driven.answer).toContain(other.name);
    expect(domain.relatedUsers('fresh', request, before.at)).toContain(manager);
    expect(domain.relatedUsers('fresh', request, after.at)).toContain(other.id);
  });

  it('keeps a namespace’s writes away from other namespaces', async () => {
    const random = createRandom('isolation');
    const request = domain.generateRequest({ random, kind: 'update-ticket', entitySkew: 1, userSkew: 1 });
    const ticket = request.truth.entities[0]!;
    const before = domain.world.get('other-agent', ticket)!;
    await roundTrip(request, 'writer');
    expect(domain.world.get('writer', ticket)!.version).toBeGreaterThan(before.version);
    expect(domain.world.get('other-agent', ticket)).toEqual(before);
    expect(domain.world.effects({ namespace: 'other-agent' })).toEqual([]);
  });
});
