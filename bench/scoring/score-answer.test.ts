import { describe, expect, it } from 'vitest';
import type { DomainRequest } from '../../sim/index.js';
import { createFakeDomain } from '../testing/index.js';
import { containsPhrase } from './contains-phrase.js';
import { scoreAnswer, type ScoreAnswerOptions } from './score-answer.js';

// Timeline (wall ms): the request runs from 1000 to 2000. T1's status was "open" until 500,
// "pending" from 500 to 1500, "resolved" since 1500. T2 is "closed" throughout.
const start = 1000;
const end = 2000;

function setup(options: { related?: string[] } = {}) {
  const domain = createFakeDomain({ relatedUsers: () => options.related ?? [] });
  domain.world.setHistory('ticket:T1', 'status', [
    { value: 'open', from: 0, to: 500, namespace: null },
    { value: 'pending', from: 500, to: 1500, namespace: null },
    { value: 'resolved', from: 1500, to: null, namespace: null },
  ]);
  domain.world.setHistory('ticket:T2', 'status', [{ value: 'closed', from: 0, to: null, namespace: null }]);
  return domain;
}

const simpleRequest: DomainRequest & { id: string } = {
  id: 'w1',
  kind: 'ticket-status',
  complexity: 'simple',
  userId: 'u1',
  text: "What's the status of T1?",
  truth: { facts: [{ entity: 'ticket:T1', field: 'status' }], sideEffects: [], entities: ['ticket:T1'] },
  plan: [],
  answerTokens: 30,
};

const resetRequest: DomainRequest & { id: string } = {
  ...simpleRequest,
  id: 'w2',
  text: "What's the status of T1? Also reset my password.",
  truth: { ...simpleRequest.truth, sideEffects: [{ kind: 'reset_password', match: { userId: 'u1' } }], outputs: ['temporary password'] },
};

function score(text: string | undefined, overrides: Partial<ScoreAnswerOptions> = {}) {
  const request = overrides.request ?? simpleRequest;
  return scoreAnswer({
    domain: overrides.domain ?? setup(),
    namespace: 'agent-a',
    request,
    requestId: `${request.id}#agent-a`,
    text,
    startedAt: start,
    endedAt: end,
    ...overrides,
  });
}

describe('scoreAnswer labels', () => {
  it('correct: a value valid at any time in the window, before or after a change', () => {
    expect(score('T1 has status pending.').label).toBe('correct');
    expect(score('T1 has status resolved.').label).toBe('correct');
  });

  it('stale: only a value that ended before the request started', () => {
    const result = score('T1 has status open.');
    expect(result.label).toBe('stale');
    expect(result.reasons[0]).toMatch(/ticket:T1\.status/);
  });

  it('failed: error, empty answer, missing fact or missing output', () => {
    expect(score(undefined, { error: 'timeout after 60000 ms' })).toEqual({ label: 'failed', reasons: ['timeout after 60000 ms'] });
    expect(score('   ').label).toBe('failed');
    expect(score('T1 is being worked on.').label).toBe('failed');
    // "open" inside "reopened" is not a statement of the old value: the fact is missing, not stale.
    expect(score('T1 was reopened.').label).toBe('failed');
    const domain = setup();
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u1' }, requestId: 'w2#agent-a', key: 'w2', namespace: 'agent-a', at: 1200, ok: true });
    expect(score('T1: status resolved. Done.', { domain, request: resetRequest }).label).toBe('failed');
    expect(score('T1: status resolved. Your temporary password is on its way.', { domain, request: resetRequest }).label).toBe('correct');
  });

  it('wrongEntity: names another entity of a type the request is about', () => {
    const result = score('T1 has status pending, like T2.');
    expect(result.label).toBe('wrongEntity');
    expect(result.reasons).toContain('names ticket:T2');
  });

  it('otherUser: names a user who is neither the asker nor related', () => {
    expect(score('T1 has status pending (u1).').label).toBe('correct');
    expect(score('T1 has status pending; u7 is on it.').label).toBe('otherUser');
    expect(score('T1 has status pending; u7 is on it.', { domain: setup({ related: ['u7'] }) }).label).toBe('correct');
  });

  it('relatedUsers is asked at times inside the window', () => {
    const askedAt: number[] = [];
    const domain = createFakeDomain({ relatedUsers: (_namespace, _request, at) => (askedAt.push(at), at >= 1900 ? ['u9'] : []) });
    domain.world.setHistory('ticket:T1', 'status', [{ value: 'pending', from: 0, to: null, namespace: null }]);
    expect(score('T1 has status pending; u9 took it.', { domain }).label).toBe('correct');
    expect(askedAt.every((at) => at >= start && at <= end)).toBe(true);
  });

  it('missingSideEffect: no ok effect of the namespace matching the expectation', () => {
    const text = 'T1 has status pending. Your temporary password is on its way.';
    const domain = setup();
    expect(score(text, { domain, request: resetRequest }).label).toBe('missingSideEffect');
    // Another namespace's effect, a failed one, or one for another user do not count.
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u1' }, requestId: 'w2#agent-b', key: 'w2', namespace: 'agent-b', at: 1200, ok: true });
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u1' }, requestId: 'w2#agent-a', key: 'w2', namespace: 'agent-a', at: 1200, ok: false });
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u2' }, requestId: 'w2#agent-a', key: 'w2', namespace: 'agent-a', at: 1200, ok: true });
    expect(score(text, { domain, request: resetRequest }).label).toBe('missingSideEffect');
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u1', reason: 'forgot' }, requestId: 'w2#agent-a', key: 'w2', namespace: 'agent-a', at: 1200, ok: true });
    expect(score(text, { domain, request: resetRequest }).label).toBe('correct');
  });

  it("scores against the agent's own namespace view", () => {
    const domain = setup();
    domain.world.setHistory('ticket:T1', 'status', [{ value: 'escalated', from: 900, to: null, namespace: 'agent-a' }], 'agent-a');
    expect(score('T1 has status escalated.', { domain }).label).toBe('correct');
    expect(score('T1 has status escalated.', { domain, namespace: 'agent-b' }).label).toBe('failed');
  });
});

describe('scoreAnswer precedence', () => {
  it('failed > otherUser > wrongEntity > missingSideEffect > stale > correct', () => {
    const base = 'Your temporary password is on its way.';
    const request = resetRequest;
    // stale + missing side effect + wrong entity + other user + missing fact, removed one by one.
    expect(score(`T2 and u7. ${base}`, { request }).label).toBe('failed');
    expect(score(`T1 has status open; T2 and u7. ${base}`, { request }).label).toBe('otherUser');
    expect(score(`T1 has status open; T2. ${base}`, { request }).label).toBe('wrongEntity');
    expect(score(`T1 has status open. ${base}`, { request }).label).toBe('missingSideEffect');
    const domain = setup();
    domain.world.addEffect({ kind: 'reset_password', params: { userId: 'u1' }, requestId: 'w2#agent-a', key: 'w2', namespace: 'agent-a', at: 1200, ok: true });
    expect(score(`T1 has status open. ${base}`, { request, domain }).label).toBe('stale');
    expect(score(`T1 has status resolved. ${base}`, { request, domain }).label).toBe('correct');
  });

  it('keeps every reason, not only the deciding one', () => {
    const result = score('T1 has status open; T2 and u7.');
    expect(result.label).toBe('otherUser');
    expect(result.reasons).toEqual(expect.arrayContaining(['names user u7', 'names ticket:T2']));
    expect(result.reasons.some((reason) => reason.includes('before the request'))).toBe(true);
  });
});

describe('containsPhrase', () => {
  it('matches whole phrases, ignoring case', () => {
    expect(containsPhrase('Status: Resolved.', 'status: resolved')).toBe(true);
    expect(containsPhrase('reopened', 'open')).toBe(false);
    expect(containsPhrase('order #1425', '42')).toBe(false);
    expect(containsPhrase('total $42.50 due', '$42.50')).toBe(true);
    expect(containsPhrase('anything', '')).toBe(false);
  });
});
