import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from './world-types.js';
import { World, WorldWriteError } from './world.js';

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function ticketWorld() {
  const clock = manualClock();
  const world = new World({
    clock,
    tagsFor: (entity, current) => [entity, `user:${String(current.assignee)}`],
  });
  world.load('ticket:INC-1000', { status: 'New', assignee: 'u0001', comments: [] });
  world.load('ticket:INC-1001', { status: 'Closed', assignee: 'u0002', comments: [] });
  return { world, clock };
}

describe('World', () => {
  it('keeps every value of a field with the wall-clock interval it was current', () => {
    const { world, clock } = ticketWorld();
    clock.advance(100);
    world.set(null, 'ticket:INC-1000', { status: 'In Progress' }, { cause: 'mutation' });
    clock.advance(50);
    world.set(null, 'ticket:INC-1000', { status: 'Resolved' }, { cause: 'admin' });
    expect(world.history('any', 'ticket:INC-1000', 'status')).toEqual([
      { value: 'New', from: 1_000, to: 1_100, namespace: null },
      { value: 'In Progress', from: 1_100, to: 1_150, namespace: null },
      { value: 'Resolved', from: 1_150, to: null, namespace: null },
    ]);
    expect(world.valueAt('any', 'ticket:INC-1000', 'status', 1_120)).toBe('In Progress');
    expect(world.get('any', 'ticket:INC-1000')).toMatchObject({ status: 'Resolved', version: 3 });
  });

  it('returns change events with tags, field diffs and the new version', () => {
    const { world } = ticketWorld();
    const seen: ChangeEvent[] = [];
    world.subscribe((event) => seen.push(event));
    const event = world.set(null, 'ticket:INC-1000', { assignee: 'u0009' }, { cause: 'mutation' });
    expect(event).toMatchObject({
      type: 'ticket.updated',
      entity: 'ticket:INC-1000',
      tags: ['ticket:INC-1000', 'user:u0009'],
      fields: { assignee: { from: 'u0001', to: 'u0009' } },
      version: 2,
      namespace: null,
      cause: 'mutation',
    });
    expect(seen).toEqual([event]);
    const next = world.set(null, 'ticket:INC-1001', { status: 'New' }, { cause: 'admin' });
    expect(next.id).toBeGreaterThan(event.id);
  });

  it('keeps namespaced writes invisible to other namespaces', () => {
    const { world, clock } = ticketWorld();
    clock.advance(10);
    const event = world.set('agent-a', 'ticket:INC-1000', { status: 'Closed' }, { cause: 'write', requestId: 'r1#agent-a' });
    expect(event).toMatchObject({ namespace: 'agent-a', requestId: 'r1#agent-a', cause: 'write' });
    expect(world.get('agent-a', 'ticket:INC-1000')?.status).toBe('Closed');
    expect(world.get('agent-b', 'ticket:INC-1000')?.status).toBe('New');
    expect(world.history('agent-b', 'ticket:INC-1000', 'status')).toHaveLength(1);
    expect(world.history('agent-a', 'ticket:INC-1000', 'status').map((interval) => interval.namespace)).toEqual([null, 'agent-a']);
  });

  it('lets the latest write win per field between the base world and a namespace', () => {
    const { world, clock } = ticketWorld();
    clock.advance(10);
    world.set('agent-a', 'ticket:INC-1000', { status: 'Closed' }, { cause: 'write' });
    expect(world.get('agent-a', 'ticket:INC-1000')).toMatchObject({ status: 'Closed', assignee: 'u0001', version: 2 });
    clock.advance(10);
    world.set(null, 'ticket:INC-1000', { status: 'On Hold', assignee: 'u0003' }, { cause: 'mutation' });
    // The base change is later, so it shows through; the version keeps increasing in the namespace's view.
    expect(world.get('agent-a', 'ticket:INC-1000')).toMatchObject({ status: 'On Hold', assignee: 'u0003', version: 3 });
    expect(world.history('agent-a', 'ticket:INC-1000', 'status').map((interval) => interval.value)).toEqual(['New', 'Closed', 'On Hold']);
    clock.advance(10);
    world.set('agent-a', 'ticket:INC-1000', { status: 'Resolved' }, { cause: 'write' });
    expect(world.get('agent-a', 'ticket:INC-1000')?.status).toBe('Resolved');
    expect(world.get('agent-b', 'ticket:INC-1000')?.status).toBe('On Hold');
  });

  it('creates entities in the base world (listed by type) or in one namespace only', () => {
    const { world } = ticketWorld();
    const created = world.create(null, 'ticket:INC-2000', { status: 'New', assignee: 'u0001' }, { cause: 'mutation' });
    expect(created.type).toBe('ticket.created');
    expect(world.keys('ticket')).toEqual(['ticket:INC-1000', 'ticket:INC-1001', 'ticket:INC-2000']);
    world.create('agent-a', 'note:1', { text: 'mine' }, { cause: 'write' });
    expect(world.get('agent-a', 'note:1')?.text).toBe('mine');
    expect(world.get('agent-b', 'note:1')).toBeUndefined();
    expect(() => world.create(null, 'ticket:INC-2000', {}, { cause: 'admin' })).toThrow(WorldWriteError);
    expect(() => world.set(null, 'ticket:INC-9999', { status: 'New' }, { cause: 'admin' })).toThrow(/does not exist/);
  });

  it('stores private frozen copies so readers and writers cannot rewrite history', () => {
    const { world } = ticketWorld();
    const comments = ['first'];
    world.set(null, 'ticket:INC-1000', { comments }, { cause: 'admin' });
    comments.push('sneaky');
    const current = world.get('x', 'ticket:INC-1000')!;
    expect(current.comments).toEqual(['first']);
    expect(() => (current.comments as string[]).push('again')).toThrow(TypeError);
  });

  it('records side effects and filters them', () => {
    const { world } = ticketWorld();
    const base = { params: {}, key: 'k1', at: 1, ok: true };
    world.recordEffect({ ...base, kind: 'reset_password', requestId: 'k1#a', namespace: 'a' });
    world.recordEffect({ ...base, kind: 'update_ticket', requestId: 'k1#b', namespace: 'b', ok: false });
    expect(world.effects({ namespace: 'a' }).map((effect) => effect.kind)).toEqual(['reset_password']);
    expect(world.effects({ key: 'k1' })).toHaveLength(2);
    expect(world.effects({ kind: 'update_ticket' })[0]?.ok).toBe(false);
  });

  it('serves repeated reads from a cached view that a write refreshes', () => {
    const { world } = ticketWorld();
    const first = world.get('a', 'ticket:INC-1000');
    expect(world.get('a', 'ticket:INC-1000')).toBe(first);
    world.set(null, 'ticket:INC-1000', { status: 'Closed' }, { cause: 'admin' });
    expect(world.get('a', 'ticket:INC-1000')).not.toBe(first);
    const started = performance.now();
    for (let index = 0; index < 100_000; index++) world.get('a', 'ticket:INC-1000');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
