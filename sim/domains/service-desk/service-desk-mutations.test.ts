import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import type { ChangeEvent } from '../../world/index.js';
import { createServiceDeskDomain } from './service-desk-domain.js';

const makeDomain = () => createServiceDeskDomain({ seed: 3, clock: { now: () => Date.now() } });

describe('service desk mutations', () => {
  it('changes tickets, managers, KB answers and incident counts in the base world, with tags', () => {
    const domain = makeDomain();
    const random = createRandom('mutations');
    const events: ChangeEvent[] = [];
    for (let index = 0; index < 200; index++) events.push(domain.mutate(random)!);
    const byType = new Map<string, ChangeEvent[]>();
    for (const event of events) byType.set(event.type, [...(byType.get(event.type) ?? []), event]);
    expect([...byType.keys()].sort()).toEqual(['incidents.updated', 'kb.updated', 'ticket.updated', 'user.updated']);
    for (const event of events) {
      expect(event).toMatchObject({ cause: 'mutation', namespace: null });
      expect(Object.keys(event.fields).length).toBeGreaterThan(0);
      expect(domain.world.get('anyone', event.entity)!.version).toBeGreaterThanOrEqual(event.version);
    }
    const ticketEvent = byType.get('ticket.updated')![0]!;
    expect(ticketEvent.tags).toEqual([ticketEvent.entity]);
    const userEvent = byType.get('user.updated')![0]!;
    expect(userEvent.tags).toEqual([userEvent.entity, 'users']);
    expect(Object.keys(userEvent.fields)).toEqual(['manager']);
    const kbEvent = byType.get('kb.updated')![0]!;
    expect(kbEvent.tags).toContain('kb');
    expect(kbEvent.fields.answer!.from).not.toEqual(kbEvent.fields.answer!.to);
    const incidentEvent = byType.get('incidents.updated')![0]!;
    expect(incidentEvent.tags[0]).toMatch(/^incidents:P[1-4]$/);
    const months = incidentEvent.fields.months!;
    expect((months.to as Record<string, number>)['2026-11']).toBe((months.from as Record<string, number>)['2026-11']! + 1);
  });

  it('is reproducible: the same seed and draws make the same changes', () => {
    const first = makeDomain();
    const second = makeDomain();
    const strip = (event: ChangeEvent | undefined) => event && { entity: event.entity, fields: JSON.stringify(event.fields).replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"t"') };
    const randomA = createRandom('same');
    const randomB = createRandom('same');
    for (let index = 0; index < 50; index++) expect(strip(first.mutate(randomA))).toEqual(strip(second.mutate(randomB)));
  });

  it('moves tickets only along real status transitions', () => {
    const domain = makeDomain();
    const random = createRandom('transitions');
    const allowed: Record<string, string[]> = {
      New: ['In Progress', 'On Hold'], 'In Progress': ['On Hold', 'Resolved'], 'On Hold': ['In Progress'], Resolved: ['Closed', 'In Progress'], Closed: ['In Progress'],
    };
    for (let index = 0; index < 300; index++) {
      const event = domain.mutate(random)!;
      if (event.fields.status) expect(allowed[String(event.fields.status.from)]).toContain(event.fields.status.to);
    }
  });

  it('follows a configured mix of change kinds and refuses an unknown kind', () => {
    const domain = createServiceDeskDomain({ seed: 3, clock: { now: () => Date.now() }, mutationMix: { 'ticket-status': 1, 'kb-edit': 0 } });
    const random = createRandom('mix');
    const types = new Set<string>();
    for (let index = 0; index < 100; index++) types.add(domain.mutate(random)!.type);
    expect([...types]).toEqual(['ticket.updated']);
    expect(() => createServiceDeskDomain({ seed: 3, clock: { now: () => Date.now() }, mutationMix: { 'ticket-sttus': 1 } })).toThrow(/unknown kind "ticket-sttus"/);
  });
});

