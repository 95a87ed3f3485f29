// The response cache: whole answers, served without running the agent. Exact (normalised text) or
// semantic (nearest request vector), and only when that is safe:
// - never across namespaces (tenant, agent configuration, conversation so far), never another user's
//   answer when the run used user-scoped data;
// - a semantic hit needs the same entities (slot signature and acronyms), the same speech act, and a
//   similarity above the threshold calibrated for the entry's pattern;
// - commands, and requests that look like earlier side-effecting requests, always run; a run that
//   acted, failed, or read data invalidated while it ran is never stored;
// - every entry carries the tags of the data it was built from and the versions it saw: a change
//   notice, an API call, an own write, its TTL or a newer version evicts it. Tags are stored in their
//   scoped forms (scoped-tags.ts), so a notice for one tenant or user evicts only what concerns them.

import { createHash } from 'node:crypto';
import type { CacheStore, ChangeNotice } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { entryTags, noticeTags } from '../invalidation/scoped-tags.js';
import { createTagClock, type TagClock } from '../invalidation/tag-clock.js';
import { classifySpeechAct, extractSlots, normalizeRequestText, softTermsAgree, type ExtractedSlots, type SpeechAct } from '../slots/index.js';
import { createMemoryStore } from '../stores/memory-store.js';
import type {
  BypassReason,
  NotStoredReason,
  ResponseCache,
  ResponseCacheOptions,
  ResponseCacheRequest,
  ResponseCacheStats,
  ResponseHit,
  ResponseLookup,
  RunEvidence,
  SemanticCandidate,
  StoreOutcome,
} from './response-cache-types.js';
import { decodeVector, encodeVector, type ResponseEntry } from './response-entry.js';
import { analyzeRun, dependencyKey, type RunAnalysis } from './run-analysis.js';
import { createSemanticIndex, type SemanticIndex } from './semantic-index.js';
import { createThresholdCalibrator, type ThresholdCalibrator } from './threshold-calibrator.js';

interface LocalEntry {
  key: string;
  group: string | undefined;
  tags: readonly string[];
  dependencies: ReadonlyMap<string, number>;
  expiresAt: number;
}

type MaybePromise<T> = T | Promise<T>;

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);
const then = <T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> =>
  value instanceof Promise ? value.then(next) : next(value);

function isCalibrator(value: unknown): value is ThresholdCalibrator {
  return typeof (value as ThresholdCalibrator | undefined)?.observe === 'function' && typeof (value as ThresholdCalibrator).threshold === 'function';
}

function checkOptions(options: ResponseCacheOptions): void {
  const invalid = (option: string, problem: string) =>
    new HotpathError('HOTPATH_INVALID_CONFIG', `createResponseCache: option "${option}" ${problem}`, { details: { option } });
  const positive = (option: keyof ResponseCacheOptions) => {
    const value = options[option];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) throw invalid(option, `must be a positive number (got ${String(value)})`);
  };
  positive('ttlMs');
  positive('untaggedTtlMs');
  positive('sideEffectMemory');
  const share = (option: keyof ResponseCacheOptions, low: number, high: number) => {
    const value = options[option];
    if (value !== undefined && !(typeof value === 'number' && value >= low && value <= high)) throw invalid(option, `must be between ${low} and ${high} (got ${String(value)})`);
  };
  share('explorationRate', 0, 1);
  share('observeBelow', 0, 1);
  share('sideEffectFloor', -1, 1);
  share('sideEffectMargin', 0, 1);
  if (options.store !== undefined && (typeof options.store?.get !== 'function' || typeof options.store.set !== 'function')) throw invalid('store', 'must be a CacheStore');
  if (options.bus !== undefined && typeof options.bus?.subscribe !== 'function') throw invalid('bus', 'must be an InvalidationBus');
}

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  checkOptions(options);
  const store: CacheStore<ResponseEntry> = options.store ?? createMemoryStore<ResponseEntry>({ maxBytes: 64 * 1024 * 1024 });
  const clock: TagClock = options.clock ?? createTagClock();
  const calibrator = isCalibrator(options.calibrator) ? options.calibrator : createThresholdCalibrator(options.calibrator);
  const ttlMs = options.ttlMs ?? 600_000;
  const untaggedTtlMs = options.untaggedTtlMs ?? 60_000;
  const explorationRate = options.explorationRate ?? 0.05;
  const observeBelow = options.observeBelow ?? 0.1;
  const sideEffectFloor = options.sideEffectFloor ?? 0.7;
  const sideEffectMargin = options.sideEffectMargin ?? 0.02;
  const sideEffectMemory = options.sideEffectMemory ?? 10_000;
  const keyPrefix = options.keyPrefix ?? 'hotpath:response:';
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  let index: SemanticIndex | undefined;
  let sideEffectIndex: SemanticIndex | undefined;
  let nextId = 1;
  const local = new Map<number, LocalEntry>();
  const idByKey = new Map<string, number>();
  const idsByTag = new Map<string, Set<number>>();
  const idsByDependency = new Map<string, Set<number>>();
  const latestVersion = new Map<string, number>();
  /** Side-effecting requests: normalised text → vector id (0 when it was not embedded), oldest first. */
  const sideEffectRequests = new Map<string, number>();
  const pending = new Set<Promise<unknown>>();
  const stats: ResponseCacheStats = {
    lookups: 0,
    exactHits: 0,
    semanticHits: 0,
    misses: 0,
    bypassed: { command: 0, 'side-effect-pattern': 0, 'side-effect-request': 0, 'side-effect-neighbour': 0 },
    explored: 0,
    observations: 0,
    stored: 0,
    notStored: {
      command: 0, 'side-effect': 0, 'side-effect-pattern': 0, 'tool-error': 0, incomplete: 0, empty: 0,
      'invalidated-in-flight': 0, 'stale-dependency': 0, 'store-error': 0,
    },
    evicted: { tag: 0, version: 0, expired: 0 },
  };

  const exactKey = (namespace: string, user: string | undefined, normalized: string) => `${keyPrefix}${hash(namespace)}:${user === undefined ? '*' : hash(`u:${user}`)}:${hash(normalized)}`;
  const groupOf = (options: { namespace: string; user: string | undefined; signature: string; act: SpeechAct }) =>
    `${options.namespace}\u0000${options.user ?? '*'}\u0000${options.signature}\u0000${options.act}`;
  const ensureIndex = (dimensions: number) => (index ??= createSemanticIndex({ dimensions, ...(options.exactScanBelow === undefined ? {} : { exactScanBelow: options.exactScanBelow }) }));

  const forget = (id: number) => {
    const entry = local.get(id);
    if (!entry) return;
    local.delete(id);
    if (idByKey.get(entry.key) === id) idByKey.delete(entry.key);
    index?.remove(id);
    for (const tag of entry.tags) {
      const ids = idsByTag.get(tag);
      ids?.delete(id);
      if (ids?.size === 0) idsByTag.delete(tag);
    }
    for (const key of entry.dependencies.keys()) {
      const ids = idsByDependency.get(key);
      ids?.delete(id);
      if (ids?.size === 0) idsByDependency.delete(key);
    }
  };

  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    work.then(() => pending.delete(work), () => pending.delete(work));
    return work;
  };

  const dropKey = (key: string) => {
    const id = idByKey.get(key);
    if (id !== undefined) forget(id);
    try {
      const deleted = store.delete(key);
      if (deleted instanceof Promise) track(deleted).catch(() => undefined);
    } catch {
      // The entry stays until its TTL; reads check versions and expiry anyway.
    }
  };

  /** Whether a stored entry may still be served: not expired, built on the newest versions seen. */
  const fresh = (entry: ResponseEntry): 'fresh' | 'expired' | 'stale' => {
    if (entry.expiresAt <= now()) return 'expired';
    for (const dependency of entry.dependencies) {
      const latest = latestVersion.get(dependency.key);
      if (latest !== undefined && latest > dependency.version) return 'stale';
    }
    return 'fresh';
  };

  const readEntry = (key: string): MaybePromise<ResponseEntry | undefined> => {
    let value: MaybePromise<ResponseEntry | undefined>;
    try {
      value = store.get(key);
    } catch {
      return undefined;
    }
    const check = (entry: ResponseEntry | undefined) => {
      if (entry === undefined) {
        const id = idByKey.get(key);
        if (id !== undefined) forget(id);
        return undefined;
      }
      const state = fresh(entry);
      if (state === 'fresh') return entry;
      stats.evicted[state === 'expired' ? 'expired' : 'version']++;
      dropKey(key);
      return undefined;
    };
    return value instanceof Promise ? value.then(check, () => undefined) : check(value);
  };

  const evictByTags = (tags: readonly string[]): number => {
    let evicted = 0;
    for (const tag of tags) {
      for (const id of [...(idsByTag.get(tag) ?? [])]) {
        forget(id);
        evicted++;
      }
    }
    stats.evicted.tag += evicted;
    return evicted;
  };

  const applyInvalidation = (tags: readonly string[]): MaybePromise<number> => {
    if (tags.length === 0) return 0;
    clock.touch(tags);
    const evictedHere = evictByTags(tags);
    try {
      const evicted = store.invalidateTags(tags);
      return evicted instanceof Promise ? track(evicted).then((count) => Math.max(count, evictedHere), () => evictedHere) : Math.max(evicted, evictedHere);
    } catch {
      return evictedHere;
    }
  };

  const applied = new WeakMap<ChangeNotice, Promise<number>>();
  const applyNotice = (notice: ChangeNotice): Promise<number> => {
    let result = applied.get(notice);
    if (!result) {
      result = Promise.resolve(applyInvalidation(noticeTags(notice))).catch(() => 0);
      applied.set(notice, result);
    }
    return result;
  };
  const unsubscribe = options.bus?.subscribe((notice) => void applyNotice(notice));

  const observeVersion = (key: string, version: number) => {
    const latest = latestVersion.get(key);
    if (latest !== undefined && latest >= version) return;
    latestVersion.delete(key);
    latestVersion.set(key, version);
    if (latestVersion.size > 100_000) latestVersion.delete(latestVersion.keys().next().value as string);
    for (const id of [...(idsByDependency.get(key) ?? [])]) {
      const entry = local.get(id);
      if (entry && (entry.dependencies.get(key) ?? version) < version) {
        stats.evicted.version++;
        dropKey(entry.key);
      }
    }
  };

  const rememberSideEffect = (options: { namespace: string; normalized: string; embedding: Float32Array | undefined }) => {
    const key = `${options.namespace}\u0000${options.normalized}`;
    const previous = sideEffectRequests.get(key);
    if (previous) sideEffectIndex?.remove(previous);
    sideEffectRequests.delete(key);
    let id = 0;
    if (options.embedding) {
      sideEffectIndex ??= createSemanticIndex({ dimensions: options.embedding.length });
      id = nextId++;
      sideEffectIndex.add(id, `se\u0000${options.namespace}`, options.embedding);
    }
    sideEffectRequests.set(key, id);
    if (sideEffectRequests.size > sideEffectMemory) {
      const [oldest, oldestId] = sideEffectRequests.entries().next().value as [string, number];
      sideEffectRequests.delete(oldest);
      if (oldestId) sideEffectIndex?.remove(oldestId);
    }
  };

  /** Drops a few expired entries from the local index (the store expires its own). */
  const sweep = () => {
    let checked = 0;
    const time = now();
    for (const [id, entry] of local) {
      if (checked++ >= 8) break;
      if (entry.expiresAt <= time) forget(id);
    }
  };

  /** The tags an entry is stored and evicted under. */
  const storedTags = (entry: Pick<ResponseEntry, 'tags' | 'tenant' | 'user'>) => entryTags({ tags: entry.tags, tenant: entry.tenant, user: entry.user });

  const register = (options: { key: string; entry: ResponseEntry; vector: Float32Array | undefined }) => {
    const { key, entry, vector } = options;
    const tags = storedTags(entry);
    const previous = idByKey.get(key);
    if (previous !== undefined) forget(previous);
    const id = nextId++;
    const group = vector ? groupOf({ namespace: entry.namespace, user: entry.user, signature: entry.signature, act: entry.act }) : undefined;
    const dependencies = new Map(entry.dependencies.map((dependency) => [dependency.key, dependency.version]));
    local.set(id, { key, group, tags, dependencies, expiresAt: entry.expiresAt });
    idByKey.set(key, id);
    for (const tag of tags) {
      let ids = idsByTag.get(tag);
      if (!ids) idsByTag.set(tag, (ids = new Set()));
      ids.add(id);
    }
    for (const dependency of dependencies.keys()) {
      let ids = idsByDependency.get(dependency);
      if (!ids) idsByDependency.set(dependency, (ids = new Set()));
      ids.add(id);
    }
    if (vector && group) ensureIndex(vector.length).add(id, group, vector);
  };

  const write = async (options: { key: string; entry: ResponseEntry; vector: Float32Array | undefined; startedAt: number }): Promise<StoreOutcome> => {
    const { key, entry, startedAt } = options;
    const tags = storedTags(entry);
    try {
      await store.set(key, entry, { ttlMs: Math.max(1, entry.expiresAt - now()), tags });
    } catch {
      stats.notStored['store-error']++;
      return { stored: false, reason: 'store-error' };
    }
    // An invalidation that landed while the write was on its way.
    if (clock.changedAfter(startedAt, tags)) {
      dropKey(key);
      stats.notStored['invalidated-in-flight']++;
      return { stored: false, reason: 'invalidated-in-flight' };
    }
    register(options);
    stats.stored++;
    sweep();
    return { stored: true, key };
  };

  const clusterOf = (toolNames: readonly string[], slots: ExtractedSlots) => {
    const kinds = [...new Set(slots.slots.map((slot) => slot.kind))].sort().join(',');
    return `${toolNames.length === 0 ? 'answer' : toolNames.join('+')}#${kinds}`;
  };

  /** Would serving `entry` have answered the run that just finished? Undefined: cannot tell. */
  const judge = async (entry: ResponseEntry, analysis: RunAnalysis, freshText: string): Promise<boolean | undefined> => {
    if (analysis.sideEffects) return false;
    if (analysis.failed) return undefined;
    if (entry.plan.length > 0 || analysis.plan.length > 0) {
      return entry.plan.length === analysis.plan.length && entry.plan.every((step, position) => step === analysis.plan[position]);
    }
    if (!options.answerAgreement) return undefined;
    try {
      return await options.answerAgreement(entry.answer, freshText);
    } catch {
      return undefined;
    }
  };

  class Lookup implements ResponseLookup {
    readonly normalized: string;
    readonly startedAt: number;
    private bypassReason: BypassReason | undefined;
    private bypassChecked = false;
    candidate: SemanticCandidate | undefined;
    private extracted: ExtractedSlots | undefined;
    private speechAct: SpeechAct | undefined;
    private embedding: Float32Array | undefined;
    private observe: { candidate: SemanticCandidate; explored: boolean } | undefined;
    private counted = false;
    /** Whether a semantic hit may be served (not for an embedding that arrived after the run went on). */
    private serve = true;

    constructor(readonly request: ResponseCacheRequest) {
      if (typeof request?.namespace !== 'string' || typeof request.text !== 'string') {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'ResponseCache.begin: request needs a namespace and a text');
      }
      stats.lookups++;
      this.startedAt = clock.now;
      this.normalized = normalizeRequestText(request.text);
      if (request.predictsSideEffects) this.setBypass('side-effect-pattern');
      else if (sideEffectRequests.has(`${request.namespace}\u0000${this.normalized}`)) this.setBypass('side-effect-request');
    }

    private setBypass(reason: BypassReason): void {
      this.bypassReason = reason;
      stats.bypassed[reason]++;
    }

    /** Why the request must run; the speech act (the costly check) is classified on first ask. */
    get bypass(): BypassReason | undefined {
      if (!this.bypassChecked) {
        this.bypassChecked = true;
        if (this.bypassReason === undefined && this.act === 'command') this.setBypass('command');
      }
      return this.bypassReason;
    }

    get slots(): ExtractedSlots {
      return (this.extracted ??= extractSlots(this.request.text));
    }

    get act(): SpeechAct {
      return (this.speechAct ??= classifySpeechAct(this.request.text, this.slots));
    }

    exact(): MaybePromise<ResponseHit | undefined> {
      // Commands are never stored, so an exact entry exists only for a request that was not one: the
      // speech act need not be classified on this path (it costs more than the lookup).
      if (this.bypassReason) return undefined;
      const { namespace, user } = this.request;
      const sharedKey = exactKey(namespace, undefined, this.normalized);
      const readShared = () => then(readEntry(sharedKey), (entry) => this.exactHit(sharedKey, entry));
      if (user === undefined) return readShared();
      const userKey = exactKey(namespace, user, this.normalized);
      return then(readEntry(userKey), (entry) => (entry ? this.exactHit(userKey, entry) : readShared()));
    }

    private exactHit(key: string, entry: ResponseEntry | undefined): ResponseHit | undefined {
      if (!entry || entry.namespace !== this.request.namespace || entry.normalized !== this.normalized || entry.act === 'command') return undefined;
      stats.exactHits++;
      this.counted = true;
      return { layer: 'exact', key, answer: entry.answer, similarity: 1, entry };
    }

    semantic(embedding: Float32Array, options: { serve?: boolean } = {}): MaybePromise<ResponseHit | undefined> {
      this.embedding = embedding;
      this.serve = options.serve ?? true;
      if (this.bypass || !index) return undefined;
      const { namespace, user } = this.request;
      const { signature } = this.slots;
      const groups = [groupOf({ namespace, user: undefined, signature, act: this.act })];
      if (user !== undefined) groups.push(groupOf({ namespace, user, signature, act: this.act }));
      const matches = index.nearest(groups, embedding, 4);
      const sideEffect = sideEffectIndex?.nearest([`se\u0000${namespace}`], embedding, 1)[0]?.similarity;
      const consider = (position: number): MaybePromise<ResponseHit | undefined> => {
        const match = matches[position];
        if (!match) return undefined;
        const entryKey = local.get(match.id)?.key;
        if (entryKey === undefined) return consider(position + 1);
        return then(readEntry(entryKey), (entry) => {
          if (!entry || !softTermsAgree({ softTerms: this.slots.softTerms, text: this.normalized }, { softTerms: entry.softTerms, text: entry.normalized })) {
            return consider(position + 1);
          }
          return this.decide({ key: entryKey, entry, similarity: match.similarity, threshold: calibrator.threshold(entry.cluster) }, sideEffect);
        });
      };
      return consider(0);
    }

    private decide(candidate: SemanticCandidate, sideEffect: number | undefined): ResponseHit | undefined {
      this.candidate = candidate;
      if (sideEffect !== undefined && sideEffect >= sideEffectFloor && sideEffect + sideEffectMargin >= candidate.similarity) {
        this.setBypass('side-effect-neighbour');
        return undefined;
      }
      if (candidate.similarity >= candidate.threshold) {
        // Not served (exploration, or the run went on without waiting for its embedding): the fresh
        // answer is compared with the candidate instead, which teaches the calibration.
        if (!this.serve || (explorationRate > 0 && random() < explorationRate)) {
          stats.explored++;
          this.observe = { candidate, explored: true };
          return undefined;
        }
        stats.semanticHits++;
        this.counted = true;
        this.alias(candidate.entry);
        return { layer: 'semantic', key: candidate.key, answer: candidate.entry.answer, similarity: candidate.similarity, entry: candidate.entry };
      }
      // Before any threshold is certified, every candidate is worth comparing.
      if (!Number.isFinite(candidate.threshold) || candidate.similarity >= candidate.threshold - observeBelow) this.observe = { candidate, explored: false };
      return undefined;
    }

    /** A repeat of this wording becomes an exact hit: no embedding next time. Same scope, data and expiry. */
    private alias(entry: ResponseEntry): void {
      const { embedding: _vector, ...rest } = entry;
      const copy: ResponseEntry = { ...rest, request: this.request.text, normalized: this.normalized };
      const key = exactKey(entry.namespace, entry.user, this.normalized);
      if (idByKey.has(key)) return;
      track(write({ key, entry: copy, vector: undefined, startedAt: this.startedAt })).catch(() => undefined);
    }

    complete(evidence: RunEvidence | Promise<RunEvidence>): Promise<StoreOutcome> {
      // Evidence still on its way (the embedding of a run that did not wait for it) counts as pending work.
      return track(evidence instanceof Promise ? evidence.then((arrived) => this.finish(arrived)) : this.finish(evidence));
    }

    private async finish(evidence: RunEvidence): Promise<StoreOutcome> {
      if (!this.counted) stats.misses++;
      const { request } = this;
      const embedding = evidence.embedding ?? this.embedding;
      const analysis = analyzeRun({ calls: evidence.toolCalls, user: request.user, tenant: request.tenant });
      for (const dependency of analysis.dependencies) observeVersion(dependency.key, dependency.version);
      if (this.observe) {
        const { candidate } = this.observe;
        const correct = await judge(candidate.entry, analysis, evidence.text);
        if (correct !== undefined) {
          stats.observations++;
          calibrator.observe({ cluster: candidate.entry.cluster, similarity: candidate.similarity, correct });
        }
      }
      if (analysis.sideEffects) rememberSideEffect({ namespace: request.namespace, normalized: this.normalized, embedding });
      const reason = this.blocker(evidence, analysis);
      if (reason) {
        stats.notStored[reason]++;
        return { stored: false, reason };
      }
      const user = analysis.userScoped ? request.user : undefined;
      const lifetime = Math.min(ttlMs, analysis.ttlMs ?? Number.POSITIVE_INFINITY, analysis.untagged ? untaggedTtlMs : Number.POSITIVE_INFINITY);
      const createdAt = now();
      const entry: ResponseEntry = {
        format: 1,
        namespace: request.namespace,
        ...(request.tenant === undefined ? {} : { tenant: request.tenant }),
        ...(user === undefined ? {} : { user }),
        request: request.text,
        normalized: this.normalized,
        signature: this.slots.signature,
        softTerms: this.slots.softTerms,
        act: this.act,
        answer: evidence.text,
        cluster: clusterOf(analysis.toolNames, this.slots),
        plan: analysis.plan,
        tags: analysis.tags,
        dependencies: analysis.dependencies,
        ...(embedding ? { embedding: encodeVector(embedding) } : {}),
        createdAt,
        expiresAt: createdAt + lifetime,
      };
      return write({ key: exactKey(request.namespace, user, this.normalized), entry, vector: embedding, startedAt: this.startedAt });
    }

    private blocker(evidence: RunEvidence, analysis: RunAnalysis): NotStoredReason | undefined {
      if (this.act === 'command') return 'command';
      if (analysis.sideEffects) return 'side-effect';
      if (this.request.predictsSideEffects) return 'side-effect-pattern';
      if (analysis.failed) return 'tool-error';
      if (evidence.finishReason !== 'stop') return 'incomplete';
      if (evidence.text.trim() === '') return 'empty';
      const user = analysis.userScoped ? this.request.user : undefined;
      if (clock.changedAfter(this.startedAt, storedTags({ tags: analysis.tags, tenant: this.request.tenant, user }))) return 'invalidated-in-flight';
      for (const dependency of analysis.dependencies) {
        if ((latestVersion.get(dependency.key) ?? dependency.version) > dependency.version) return 'stale-dependency';
      }
      return undefined;
    }
  }

  return {
    name: 'response',
    calibrator,
    applyNotice,
    begin: (request) => new Lookup(request),
    servesSemanticHits: () => Number.isFinite(calibrator.threshold()) || calibrator.clusters().some((cluster) => Number.isFinite(calibrator.threshold(cluster))),
    async invalidate({ tags, source = 'api', tenant, user }) {
      const evicted = await applyInvalidation(noticeTags({ tags, ...(tenant === undefined ? {} : { tenant }), ...(user === undefined ? {} : { user }) }));
      if (options.bus && tags.length > 0) {
        await options.bus.publish({ tags, source, at: now(), ...(tenant === undefined ? {} : { tenant }), ...(user === undefined ? {} : { user }) });
      }
      return evicted;
    },
    observeToolResult({ tenant, toolName, input, output }) {
      const version = (output as { version?: unknown } | null | undefined)?.version;
      if (typeof version === 'number' && Number.isFinite(version)) observeVersion(dependencyKey({ tenant, toolName, input }), version);
    },
    async seed(seeded) {
      const normalized = normalizeRequestText(seeded.text);
      const slots = extractSlots(seeded.text);
      const createdAt = now();
      const entry: ResponseEntry = {
        format: 1,
        namespace: seeded.namespace,
        ...(seeded.tenant === undefined ? {} : { tenant: seeded.tenant }),
        ...(seeded.user === undefined ? {} : { user: seeded.user }),
        request: seeded.text,
        normalized,
        signature: slots.signature,
        softTerms: slots.softTerms,
        act: classifySpeechAct(seeded.text, slots),
        answer: seeded.answer,
        cluster: seeded.cluster ?? clusterOf([], slots),
        plan: [],
        tags: [...(seeded.tags ?? [])],
        dependencies: [],
        ...(seeded.embedding ? { embedding: encodeVector(seeded.embedding) } : {}),
        createdAt,
        expiresAt: createdAt + (seeded.ttlMs ?? ttlMs),
      };
      const key = exactKey(seeded.namespace, seeded.user, normalized);
      const outcome = await write({ key, entry, vector: seeded.embedding, startedAt: clock.now });
      if (!outcome.stored) throw new HotpathError('HOTPATH_CACHE_ERROR', `ResponseCache.seed: the entry was not stored (${outcome.reason})`);
      return key;
    },
    async warm() {
      let count = 0;
      for await (const [key, entry] of store.entries()) {
        if (!key.startsWith(keyPrefix) || entry?.format !== 1 || fresh(entry) !== 'fresh' || idByKey.has(key)) continue;
        register({ key, entry, vector: entry.embedding ? decodeVector(entry.embedding) : undefined });
        count++;
      }
      return count;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    stats: () => structuredClone(stats),
    async close() {
      unsubscribe?.();
      await Promise.allSettled([...pending]);
    },
  };
}
