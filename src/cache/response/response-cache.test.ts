import { describe, expect, it } from 'vitest';
import type { CacheStore } from '../../spec/index.js';
import { createMemoryStore } from '../stores/memory-store.js';
import { createResponseCache } from './response-cache.js';
import type { ResponseCacheOptions, RunEvidence } from './response-cache-types.js';
import type { ResponseEntry } from './response-entry.js';
import { base, memoryBus, pointAt, readCall, vectorAt, writeCall } from './response-cache.test-helper.js';
import { createThresholdCalibrator } from './threshold-calibrator.js';

const namespace = 'tenant-a:agent-1';
const ticket = (id: string, version = 1) =>
  readCall({ toolName: 'get_ticket_status', input: { ticketId: id }, output: { id, status: 'open', version }, reads: ['ticket:{ticketId}'], scope: 'tenant' });
const answered = (text: string, toolCalls: RunEvidence['toolCalls'] = [], embedding?: Float32Array): RunEvidence => ({
  text,
  finishReason: 'stop',
  toolCalls,
  ...(embedding ? { embedding } : {}),
});

/** A calibrator that already trusts similarities ≥ 0.9 (and serves no lower). */
function trustingCalibrator() {
  return createThresholdCalibrator({ priorThreshold: 0.9 });
}

function cache(options: ResponseCacheOptions = {}) {
  return createResponseCache({ explorationRate: 0, calibrator: trustingCalibrator(), ...options });
}

async function store(responses: ReturnType<typeof cache>, request: { text: string; user?: string; namespace?: string }, evidence: RunEvidence) {
  const lookup = responses.begin({ namespace: request.namespace ?? namespace, text: request.text, ...(request.user ? { user: request.user } : {}) });
  return lookup.complete(evidence);
}

describe('createResponseCache: exact hits and scope', () => {
  it('answers a repeat exactly, synchronously with a memory store, with normalised text', async () => {
    const responses = cache();
    expect(await store(responses, { text: "What's the status of INC-4821?" }, answered('INC-4821 is open', [ticket('INC-4821')]))).toMatchObject({ stored: true });
    const hit = responses.begin({ namespace, text: "  what's the status of inc-4821 " }).exact();
    expect(hit).not.toBeInstanceOf(Promise);
    expect(hit).toMatchObject({ layer: 'exact', answer: 'INC-4821 is open' });
  });

  it('never answers across namespaces (tenants, agent configurations)', async () => {
    const responses = cache();
    await store(responses, { text: 'status of INC-4821' }, answered('open', [ticket('INC-4821')], base()));
    expect(responses.begin({ namespace: 'tenant-b:agent-1', text: 'status of INC-4821' }).exact()).toBeUndefined();
    expect(await responses.begin({ namespace: 'tenant-b:agent-1', text: 'status of INC-4821' }).semantic(base())).toBeUndefined();
  });

  it('keeps an answer built from user-scoped data to its user', async () => {
    const responses = cache();
    const userScoped = readCall({ toolName: 'get_ticket_status', input: { ticketId: 'INC-1' }, scope: 'user', reads: ['ticket:{ticketId}'] });
    await store(responses, { text: 'status of INC-1', user: 'u1' }, answered('yours is open', [userScoped], base()));
    expect(responses.begin({ namespace, text: 'status of INC-1', user: 'u1' }).exact()).toMatchObject({ answer: 'yours is open' });
    expect(responses.begin({ namespace, text: 'status of INC-1', user: 'u2' }).exact()).toBeUndefined();
    expect(responses.begin({ namespace, text: 'status of INC-1' }).exact()).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'status of INC-1', user: 'u2' }).semantic(base())).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'Status of INC-1?', user: 'u1' }).semantic(base())).toMatchObject({ layer: 'semantic' });
  });

  it('treats a tool without a tenant-wide cache policy as user data', async () => {
    const responses = cache();
    await store(responses, { text: 'who is on call', user: 'u1' }, answered('Dana', [readCall({ toolName: 'on_call', input: {}, scope: 'none' })]));
    expect(responses.begin({ namespace, text: 'who is on call', user: 'u2' }).exact()).toBeUndefined();
  });

  it('treats any tool input holding the asker id as user data, whatever the tool says', async () => {
    const responses = cache();
    const lookup = readCall({ toolName: 'lookup_user', input: { userId: 'u0042' }, scope: 'tenant', reads: ['user:{userId}'] });
    await store(responses, { text: 'Who is my manager?', user: 'u0042' }, answered('Your manager is Dana', [lookup]));
    expect(responses.begin({ namespace, text: 'Who is my manager?', user: 'u0077' }).exact()).toBeUndefined();
    expect(responses.begin({ namespace, text: 'Who is my manager?', user: 'u0042' }).exact()).toMatchObject({ answer: 'Your manager is Dana' });
  });

  it('shares a tenant-scoped answer between users', async () => {
    const responses = cache();
    await store(responses, { text: 'status of INC-7', user: 'u1' }, answered('open', [ticket('INC-7')]));
    expect(responses.begin({ namespace, text: 'status of INC-7', user: 'u2' }).exact()).toMatchObject({ answer: 'open' });
  });
});

describe('createResponseCache: semantic hits need the same entities', () => {
  it('hits a paraphrase with the same slots above the threshold, and never with other slots', async () => {
    const responses = cache();
    await store(responses, { text: "What's the status of INC-4821?" }, answered('INC-4821 is open', [ticket('INC-4821')], base()));
    expect(await responses.begin({ namespace, text: 'Any news on INC-4821?' }).semantic(vectorAt(0.95))).toMatchObject({ layer: 'semantic', answer: 'INC-4821 is open' });
    expect(await responses.begin({ namespace, text: 'Any news on INC-4822?' }).semantic(base())).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'Any news on INC-4821?' }).semantic(vectorAt(0.85))).toBeUndefined();
  });

  it('remembers the wording of a semantic hit, so its repeat is an exact hit with the same data tags', async () => {
    const responses = cache();
    await store(responses, { text: "What's the status of INC-4821?" }, answered('INC-4821 is open', [ticket('INC-4821')], base()));
    expect(await responses.begin({ namespace, text: 'Any news on INC-4821?' }).semantic(vectorAt(0.95))).toMatchObject({ layer: 'semantic' });
    await responses.idle();
    expect(responses.begin({ namespace, text: 'Any news on INC-4821?' }).exact()).toMatchObject({ layer: 'exact', answer: 'INC-4821 is open' });
    await responses.invalidate({ tags: ['ticket:INC-4821'] });
    expect(responses.begin({ namespace, text: 'Any news on INC-4821?' }).exact()).toBeUndefined();
  });

  it('separates names, numbers and periods', async () => {
    const responses = cache();
    await store(responses, { text: "What's Dana Smith's email?" }, answered('dana@example.com', [], base(0)));
    await store(responses, { text: 'Upgrade to 5 GB: what does it cost?' }, answered('10 USD', [], base(1)));
    await store(responses, { text: 'How many P1 incidents this quarter?' }, answered('12', [], base(2)));
    expect(await responses.begin({ namespace, text: "What's John Lee's email?" }).semantic(base(0))).toBeUndefined();
    expect(await responses.begin({ namespace, text: "What is Dana Smith's e-mail?" }).semantic(base(0))).toMatchObject({ answer: 'dana@example.com' });
    expect(await responses.begin({ namespace, text: 'Upgrade to 50 GB: what does it cost?' }).semantic(base(1))).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'How many P1 incidents last quarter?' }).semantic(base(2))).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'How many P2 incidents this quarter?' }).semantic(base(2))).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'Number of P1 incidents in the current quarter?' }).semantic(base(2))).toMatchObject({ answer: '12' });
  });

  it('needs acronyms on both sides', async () => {
    const responses = cache();
    await store(responses, { text: 'How do I set up VPN?' }, answered('Install the client', [], base()));
    expect(await responses.begin({ namespace, text: 'How do I set up SSO?' }).semantic(base())).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'how can i set up the vpn' }).semantic(base())).toMatchObject({ answer: 'Install the client' });
  });

  it('uses the threshold calibrated for the entry pattern', async () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.05 });
    const responses = createResponseCache({ explorationRate: 0, calibrator });
    await store(responses, { text: 'Who is my manager?' }, answered('Dana', [], base()));
    expect(await responses.begin({ namespace, text: 'Who do I report to?' }).semantic(vectorAt(0.99))).toBeUndefined();
    const cluster = responses.begin({ namespace, text: 'Who do I report to?' });
    await cluster.semantic(vectorAt(0.99));
    for (let index = 0; index < 400; index++) calibrator.observe({ cluster: cluster.candidate!.entry.cluster, similarity: 0.9 + (index % 10) / 100, correct: true });
    expect(await responses.begin({ namespace, text: 'Who do I report to?' }).semantic(vectorAt(0.99))).toMatchObject({ layer: 'semantic' });
  });
});

describe('createResponseCache: side effects', () => {
  it('never stores a run that called a side-effecting tool, and then bypasses that request', async () => {
    const responses = cache();
    const outcome = await store(responses, { text: 'I forgot my password.', user: 'u1' }, answered('A reset link is on its way', [writeCall('reset_password', { userId: 'u1' }, ['user:{userId}'])], base()));
    expect(outcome).toEqual({ stored: false, reason: 'side-effect' });
    const again = responses.begin({ namespace, text: 'I forgot my password', user: 'u1' });
    expect(again.bypass).toBe('side-effect-request');
    expect(again.exact()).toBeUndefined();
  });

  it('never serves a command, even from an entry of an identical vector', async () => {
    const responses = cache();
    await store(responses, { text: 'How do I reset my password?' }, answered('Open the portal and click "forgot"', [], base()));
    const command = responses.begin({ namespace, text: 'Reset my password' });
    expect(command.act).toBe('command');
    expect(command.bypass).toBe('command');
    expect(await command.semantic(base())).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'What are the steps to reset my password?' }).semantic(vectorAt(0.97))).toMatchObject({ layer: 'semantic' });
    expect(await store(responses, { text: 'Reset my password' }, answered('Done'))).toEqual({ stored: false, reason: 'command' });
  });

  it('bypasses a request that sits closer to a side-effecting request than to its cached candidate', async () => {
    const responses = cache();
    await store(responses, { text: 'My password expired.' }, answered('Use the portal', [], vectorAt(0.92, 0)));
    await store(responses, { text: 'My password expired and I am locked out.', user: 'u1' }, answered('Reset sent', [writeCall('reset_password', { userId: 'u1' })], base(0)));
    expect(await responses.begin({ namespace, text: 'My password has expired.' }).semantic(vectorAt(0.92, 0))).toMatchObject({ answer: 'Use the portal' });
    const lookup = responses.begin({ namespace, text: 'My password has expired.' });
    expect(await lookup.semantic(vectorAt(0.99, 0))).toBeUndefined();
    expect(lookup.bypass).toBe('side-effect-neighbour');
  });

  it('bypasses and never stores what the plan cache says acts', async () => {
    const responses = cache();
    const lookup = responses.begin({ namespace, text: 'The printer on floor 3 is broken.', predictsSideEffects: true });
    expect(lookup.bypass).toBe('side-effect-pattern');
    expect(await lookup.complete(answered('I opened a ticket'))).toEqual({ stored: false, reason: 'side-effect-pattern' });
  });

  it('does not store failed or unfinished runs', async () => {
    const responses = cache();
    expect(await store(responses, { text: 'status of INC-1' }, answered('sorry', [readCall({ toolName: 't', input: {}, failed: true })]))).toEqual({ stored: false, reason: 'tool-error' });
    expect(await store(responses, { text: 'status of INC-1' }, { text: 'cut', finishReason: 'length', toolCalls: [] })).toEqual({ stored: false, reason: 'incomplete' });
    expect(await store(responses, { text: 'status of INC-1' }, { text: 'x', finishReason: 'stop', toolCalls: [{ toolName: 'mystery', input: {}, failed: false, tool: undefined }] })).toEqual({ stored: false, reason: 'side-effect' });
  });
});

describe('createResponseCache: invalidation', () => {
  it('evicts on a change notice for any tag of the entry (bus)', async () => {
    const bus = memoryBus();
    const responses = cache({ bus });
    await store(responses, { text: 'status of INC-4821' }, answered('open', [ticket('INC-4821')], base()));
    await bus.publish({ tags: ['ticket:INC-9999'], source: 'webhook' });
    expect(responses.begin({ namespace, text: 'status of INC-4821' }).exact()).toBeDefined();
    await bus.publish({ tags: ['ticket:INC-4821'], source: 'webhook' });
    expect(responses.begin({ namespace, text: 'status of INC-4821' }).exact()).toBeUndefined();
    expect(await responses.begin({ namespace, text: 'the status of INC-4821' }).semantic(base())).toBeUndefined();
    expect(responses.stats().evicted.tag).toBe(1);
  });

  it('applies a notice scoped to one tenant or one user only to their entries (and applies each notice once)', async () => {
    const responses = cache();
    const acme = responses.begin({ namespace: 'acme:agent', tenant: 'acme', text: 'status of INC-1' });
    await acme.complete(answered('acme: open', [ticket('INC-1')]));
    const globex = responses.begin({ namespace: 'globex:agent', tenant: 'globex', text: 'status of INC-1' });
    await globex.complete(answered('globex: open', [ticket('INC-1')]));
    const notice = { tags: ['ticket:INC-1'], source: 'webhook', tenant: 'globex' };
    expect(await responses.applyNotice(notice)).toBe(1);
    expect(await responses.applyNotice(notice)).toBe(1);
    expect(responses.begin({ namespace: 'acme:agent', tenant: 'acme', text: 'status of INC-1' }).exact()).toBeDefined();
    expect(responses.begin({ namespace: 'globex:agent', tenant: 'globex', text: 'status of INC-1' }).exact()).toBeUndefined();
    expect(responses.stats().evicted.tag).toBe(1);
    await responses.applyNotice({ tags: ['ticket:INC-1'], source: 'webhook' });
    expect(responses.begin({ namespace: 'acme:agent', tenant: 'acme', text: 'status of INC-1' }).exact()).toBeUndefined();
  });

  it('evicts through the API and announces it on the bus', async () => {
    const bus = memoryBus();
    const responses = cache({ bus });
    await responses.begin({ namespace, tenant: 'tenant-a', text: 'status of INC-4821' }).complete(answered('open', [ticket('INC-4821')]));
    expect(await responses.invalidate({ tags: ['ticket:INC-4821'], source: 'write', tenant: 'tenant-a' })).toBe(1);
    expect(responses.begin({ namespace, tenant: 'tenant-a', text: 'status of INC-4821' }).exact()).toBeUndefined();
    expect(bus.published).toMatchObject([{ tags: ['ticket:INC-4821'], source: 'write', tenant: 'tenant-a' }]);
  });

  it('expires entries after their TTL, the shortest of the cache, the tools and untagged data', async () => {
    let time = 1_000_000;
    const now = () => time;
    const responses = cache({ now, ttlMs: 60_000, untaggedTtlMs: 5_000, store: createMemoryStore<ResponseEntry>({ maxBytes: 1e7, now }) });
    await store(responses, { text: 'status of INC-1' }, answered('open', [readCall({ toolName: 'get_ticket_status', input: { ticketId: 'INC-1' }, reads: ['ticket:{ticketId}'], ttlMs: 20_000 })]));
    await store(responses, { text: 'weather today' }, answered('sunny', [readCall({ toolName: 'weather', input: {} })]));
    time += 6_000;
    expect(responses.begin({ namespace, text: 'weather today' }).exact()).toBeUndefined();
    expect(responses.begin({ namespace, text: 'status of INC-1' }).exact()).toBeDefined();
    time += 15_000;
    expect(responses.begin({ namespace, text: 'status of INC-1' }).exact()).toBeUndefined();
  });

  it('evicts an entry once a newer version of its data is seen, and refuses to store a run that saw an older one', async () => {
    const responses = cache();
    await store(responses, { text: 'status of INC-1' }, answered('open (v1)', [ticket('INC-1', 1)], base()));
    responses.observeToolResult({ toolName: 'get_ticket_status', input: { ticketId: 'INC-1' }, output: { version: 1 } });
    expect(responses.begin({ namespace, text: 'status of INC-1' }).exact()).toBeDefined();
    responses.observeToolResult({ toolName: 'get_ticket_status', input: { ticketId: 'INC-1' }, output: { version: 2 } });
    expect(responses.begin({ namespace, text: 'status of INC-1' }).exact()).toBeUndefined();
    expect(await store(responses, { text: 'status of INC-1' }, answered('open (v1 again)', [ticket('INC-1', 1)]))).toEqual({ stored: false, reason: 'stale-dependency' });
    expect(responses.stats().evicted.version).toBe(1);
  });

  it('does not store a run that started before an invalidation of its data (the in-flight race)', async () => {
    const responses = cache();
    const lookup = responses.begin({ namespace, text: 'status of INC-1' });
    await responses.invalidate({ tags: ['ticket:INC-1'] });
    expect(await lookup.complete(answered('open', [ticket('INC-1')]))).toEqual({ stored: false, reason: 'invalidated-in-flight' });
    const later = responses.begin({ namespace, text: 'status of INC-1' });
    expect(await later.complete(answered('closed', [ticket('INC-1')]))).toMatchObject({ stored: true });
  });

  it('drops an entry whose data was invalidated while the store was writing it', async () => {
    const memory = createMemoryStore<ResponseEntry>({ maxBytes: 1e7 });
    let release: () => void = () => {};
    const slow: CacheStore<ResponseEntry> = {
      get: (key) => memory.get(key),
      set: async (key, value, setOptions) => {
        await new Promise<void>((resolve) => (release = resolve));
        memory.set(key, value, setOptions);
      },
      delete: (key) => memory.delete(key),
      invalidateTags: (tags) => memory.invalidateTags(tags),
      entries: () => memory.entries(),
    };
    const responses = cache({ store: slow });
    const writing = store(responses, { text: 'status of INC-1' }, answered('open', [ticket('INC-1')]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await responses.invalidate({ tags: ['ticket:INC-1'] });
    release();
    expect(await writing).toEqual({ stored: false, reason: 'invalidated-in-flight' });
    expect(memory.size).toBe(0);
  });
});

describe('createResponseCache: learning thresholds from outcomes', () => {
  it('compares a near miss with its candidate: the same plan counts as a correct hit, another plan as a false one', async () => {
    const calibrator = createThresholdCalibrator();
    const responses = createResponseCache({ explorationRate: 0, calibrator });
    await store(responses, { text: 'status of INC-1' }, answered('open', [ticket('INC-1')], base()));
    const same = responses.begin({ namespace, text: 'any news on INC-1' });
    expect(await same.semantic(vectorAt(0.93))).toBeUndefined();
    await same.complete(answered('still open', [ticket('INC-1')], vectorAt(0.93)));
    const other = responses.begin({ namespace, text: 'who works on INC-1' });
    await other.semantic(vectorAt(0.91, 0, 5));
    expect(other.candidate?.entry.answer).toBe('open');
    await other.complete(answered('Dana', [ticket('INC-1'), readCall({ toolName: 'lookup_user', input: { userId: 'u9' } })]));
    const curve = calibrator.curve(same.candidate!.entry.cluster);
    expect(pointAt(curve, 0.93)).toMatchObject({ hits: 1, errors: 0 });
    expect(pointAt(curve, 0.91)).toMatchObject({ hits: 2, errors: 1 });
    expect(responses.stats().observations).toBe(2);
  });

  it('counts a side effect in the fresh run as a false hit', async () => {
    const calibrator = createThresholdCalibrator();
    const responses = createResponseCache({ explorationRate: 0, calibrator });
    await store(responses, { text: 'My password expired.' }, answered('Here is how to change it', [], base()));
    const acting = responses.begin({ namespace, text: 'My password expired yesterday.', user: 'u1' });
    await acting.semantic(vectorAt(0.95));
    expect(acting.candidate).toBeUndefined();
    const same = responses.begin({ namespace, text: 'My password has expired.', user: 'u1' });
    await same.semantic(vectorAt(0.95));
    await same.complete(answered('Reset sent', [writeCall('reset_password', { userId: 'u1' })]));
    expect(pointAt(calibrator.curve(), 0.95)).toMatchObject({ hits: 1, errors: 1 });
  });

  it('explores a share of would-be hits and learns from them', async () => {
    const responses = createResponseCache({ explorationRate: 0.5, calibrator: trustingCalibrator(), random: (() => { let flip = 0; return () => (flip++ % 2 === 0 ? 0.1 : 0.9); })() });
    await store(responses, { text: 'status of INC-1' }, answered('open', [ticket('INC-1')], base()));
    const explored = responses.begin({ namespace, text: 'news on INC-1' });
    expect(await explored.semantic(vectorAt(0.95))).toBeUndefined();
    await explored.complete(answered('open', [ticket('INC-1')]));
    expect(await responses.begin({ namespace, text: 'news on INC-1' }).semantic(vectorAt(0.95))).toBeDefined();
    expect(responses.stats()).toMatchObject({ explored: 1, observations: 1, semanticHits: 1 });
  });

  it('uses answer agreement for tool-less answers when given', async () => {
    const calibrator = createThresholdCalibrator();
    const responses = createResponseCache({ explorationRate: 0, calibrator, answerAgreement: (cached, fresh) => cached === fresh });
    await store(responses, { text: 'What is the wifi password?' }, answered('hunter2', [], base()));
    const lookup = responses.begin({ namespace, text: 'Tell me the wifi password' });
    await lookup.semantic(vectorAt(0.9));
    await lookup.complete(answered('hunter2'));
    expect(pointAt(calibrator.curve(), 0.9)).toMatchObject({ hits: 1, errors: 0 });
  });
});

describe('createResponseCache: warm start and options', () => {
  it('rebuilds its index from a shared store', async () => {
    const shared = createMemoryStore<ResponseEntry>({ maxBytes: 1e7 });
    const first = cache({ store: shared });
    await store(first, { text: 'status of INC-1' }, answered('open', [ticket('INC-1')], base()));
    const second = cache({ store: shared });
    expect(await second.begin({ namespace, text: 'news on INC-1' }).semantic(vectorAt(0.95))).toBeUndefined();
    expect(await second.warm()).toBe(1);
    expect(await second.begin({ namespace, text: 'news on INC-1' }).semantic(vectorAt(0.95))).toMatchObject({ answer: 'open' });
  });

  it('validates options by name', () => {
    expect(() => createResponseCache({ ttlMs: 0 })).toThrow(/"ttlMs"/);
    expect(() => createResponseCache({ explorationRate: 2 })).toThrow(/"explorationRate"/);
    expect(() => createResponseCache({ store: {} as CacheStore<ResponseEntry> })).toThrow(/"store"/);
  });
});
