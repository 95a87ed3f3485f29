import { describe, expect, it } from 'vitest';
import { HotpathError } from '../../util/index.js';
import { changeEventToNotice, parseChangeBody } from './change-body.js';

// The simulator's ChangeEvent as it is POSTed and PUBLISHed (sim/world/world-types.ts).
const simulatorEvent = {
  id: 41,
  type: 'ticket.updated',
  entity: 'ticket:INC-4821',
  tags: ['ticket:INC-4821', 'user:u0042'],
  fields: { status: { from: 'open', to: 'resolved' } },
  version: 3,
  at: 1_700_000_000_000,
  namespace: null,
  cause: 'mutation',
};

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(HotpathError.isInstance(error)).toBe(true);
    return (error as HotpathError).details.field;
  }
  throw new Error('expected a throw');
}

describe('changeEventToNotice', () => {
  it('turns a simulator ChangeEvent into a notice for its tags', () => {
    expect(changeEventToNotice(simulatorEvent)).toEqual({ tags: ['ticket:INC-4821', 'user:u0042'], source: 'webhook', at: 1_700_000_000_000 });
    expect(parseChangeBody(simulatorEvent).namespace).toBeNull();
  });

  it('adds the entity when the tags leave it out, and accepts JSON text and bytes', () => {
    const body = JSON.stringify({ ...simulatorEvent, tags: ['user:u0042'], namespace: 'agent-a' });
    expect(changeEventToNotice(body, { source: 'redis' })).toEqual({ tags: ['ticket:INC-4821', 'user:u0042'], source: 'redis', at: 1_700_000_000_000 });
    expect(changeEventToNotice(new TextEncoder().encode(body)).tags).toEqual(['ticket:INC-4821', 'user:u0042']);
    expect(parseChangeBody(body).namespace).toBe('agent-a');
  });

  it('accepts a generic { tags } body with an optional scope', () => {
    expect(changeEventToNotice({ tags: ['order:9'], tenant: 'acme', user: 'u1' })).toEqual({ tags: ['order:9'], source: 'webhook', tenant: 'acme', user: 'u1' });
  });

  it('names the bad field', () => {
    expect(fieldOf(() => changeEventToNotice({ tags: [] }))).toBe('tags');
    expect(fieldOf(() => changeEventToNotice({ tags: ['ok', 3] }))).toBe('tags[1]');
    expect(fieldOf(() => changeEventToNotice({ ...simulatorEvent, entity: 12 }))).toBe('entity');
    expect(fieldOf(() => changeEventToNotice({ ...simulatorEvent, at: 'yesterday' }))).toBe('at');
    expect(fieldOf(() => changeEventToNotice({ tags: ['a'], tenant: '' }))).toBe('tenant');
    expect(fieldOf(() => changeEventToNotice('{not json'))).toBe('body');
    expect(fieldOf(() => changeEventToNotice([1, 2]))).toBe('body');
    expect(() => changeEventToNotice({ tags: ['ok', 3] })).toThrow(/tags\[1\]/);
  });
});
