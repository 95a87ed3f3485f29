import type { DomainRequest, FactRef, SimDomain, ValueInterval } from '../../sim/index.js';
import { containsPhrase } from './contains-phrase.js';
import type { ScoreLabel } from './score-label.js';

// Scores one answer against the ground truth as of the moment it was given: the window runs from
// the request's start to the answer's end, and a fact counts as correct if the answer states a
// value the field had at any time in that window (data may change while the agent works).

export interface ScoreAnswerOptions {
  domain: SimDomain;
  /** The agent's namespace: its own writes are part of the world it is scored against. */
  namespace: string;
  request: DomainRequest & { id: string };
  /** Full request id as sent (`w17#ai-sdk`). */
  requestId: string;
  /** The answer text; undefined when the run failed. */
  text: string | undefined;
  /** Why the run failed (error or timeout), if it did. */
  error?: string;
  /** Wall-clock ms of the request's start and of the answer's end. */
  startedAt: number;
  endedAt: number;
}

export type FactState = 'fresh' | 'stale' | 'missing';

export interface AnswerScore {
  label: ScoreLabel;
  /** Every problem found, not only the one that decided the label. */
  reasons: string[];
}

export function scoreAnswer(options: ScoreAnswerOptions): AnswerScore {
  const { domain, namespace, request, text, error, startedAt, endedAt } = options;
  if (error !== undefined) return { label: 'failed', reasons: [error] };
  if (text === undefined || text.trim() === '') return { label: 'failed', reasons: ['empty answer'] };

  const problems = new Map<ScoreLabel, string[]>();
  const note = (label: ScoreLabel, reason: string) => problems.set(label, [...(problems.get(label) ?? []), reason]);

  for (const fact of request.truth.facts) {
    const state = factState({ domain, namespace, fact, text, startedAt, endedAt });
    if (state === 'missing') note('failed', `fact ${fact.entity}.${fact.field} missing`);
    if (state === 'stale') note('stale', `fact ${fact.entity}.${fact.field} stated with a value from before the request`);
  }
  for (const output of request.truth.outputs ?? []) {
    if (!containsPhrase(text, output)) note('failed', `output "${output}" missing`);
  }

  const mentions = domain.scanMentions(text);
  const allowedUsers = new Set([request.userId]);
  for (const at of windowSamples(startedAt, endedAt)) {
    for (const user of domain.relatedUsers(namespace, request, at)) allowedUsers.add(user);
  }
  for (const user of mentions.users) {
    if (!allowedUsers.has(user)) note('otherUser', `names user ${user}`);
  }

  const expected = new Set(request.truth.entities);
  const typesAsked = new Set(request.truth.entities.map(entityType));
  for (const entity of mentions.entities) {
    if (typesAsked.has(entityType(entity)) && !expected.has(entity)) note('wrongEntity', `names ${entity}`);
  }

  if (request.truth.sideEffects.length > 0) {
    const performed = domain.world
      .effects({ namespace })
      .filter((effect) => effect.ok && (effect.requestId === options.requestId || effect.key === request.id));
    for (const expectation of request.truth.sideEffects) {
      const done = performed.some((effect) => effect.kind === expectation.kind && matchesSubset(effect.params, expectation.match));
      if (!done) note('missingSideEffect', `no ${expectation.kind} ${JSON.stringify(expectation.match)}`);
    }
  }

  const reasons = [...problems.values()].flat();
  for (const label of ['failed', 'otherUser', 'wrongEntity', 'missingSideEffect', 'stale'] as const) {
    if (problems.has(label)) return { label, reasons };
  }
  return { label: 'correct', reasons };
}

interface FactStateOptions {
  domain: SimDomain;
  namespace: string;
  fact: FactRef;
  text: string;
  startedAt: number;
  endedAt: number;
}

/** fresh: a value valid in the window is stated; stale: only a value that ended before the start; else missing. */
export function factState({ domain, namespace, fact, text, startedAt, endedAt }: FactStateOptions): FactState {
  const history = domain.world.history(namespace, fact.entity, fact.field);
  const inWindow = history.filter((interval) => validDuring(interval, startedAt, endedAt));
  const fresh = new Set(inWindow.map((interval) => domain.renderFact(fact, interval.value)));
  if ([...fresh].some((rendered) => containsPhrase(text, rendered))) return 'fresh';
  const earlier = history
    .filter((interval) => interval.to !== null && interval.to <= startedAt)
    .map((interval) => domain.renderFact(fact, interval.value))
    .filter((rendered) => !fresh.has(rendered));
  return earlier.some((rendered) => containsPhrase(text, rendered)) ? 'stale' : 'missing';
}

function validDuring(interval: ValueInterval, startedAt: number, endedAt: number): boolean {
  return interval.from <= endedAt && (interval.to === null || interval.to > startedAt);
}

/** Who may be named can change during the request (reassignment): ask at its start, middle and end. */
function windowSamples(startedAt: number, endedAt: number): number[] {
  return [...new Set([startedAt, Math.round((startedAt + endedAt) / 2), endedAt])];
}

function entityType(entity: string): string {
  const separator = entity.indexOf(':');
  return separator < 0 ? entity : entity.slice(0, separator);
}

function matchesSubset(actual: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, value]) => deepEqual(actual[key], value));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
