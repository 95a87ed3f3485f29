import { describe, expect, it } from 'vitest';
import { generateServiceDeskData } from './service-desk-data.js';

describe('generateServiceDeskData', () => {
  const data = generateServiceDeskData(7);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateServiceDeskData(7)).toEqual(data);
    expect(generateServiceDeskData(8).users.map((user) => user.name)).not.toEqual(data.users.map((user) => user.name));
  });

  it('builds a directory of ~200 uniquely named users, each with a manager who is someone else', () => {
    expect(data.users).toHaveLength(200);
    expect(data.users[0]!.id).toBe('u0001');
    expect(new Set(data.users.map((user) => user.name)).size).toBe(200);
    expect(new Set(data.users.map((user) => user.phone)).size).toBe(200);
    const ids = new Set(data.users.map((user) => user.id));
    for (const user of data.users) {
      expect(user.email).toBe(`${user.firstName.toLowerCase()}.${user.lastName.toLowerCase()}@corp.example`);
      expect(ids.has(user.manager)).toBe(true);
      expect(user.manager).not.toBe(user.id);
    }
  });

  it('creates ~300 tickets with unique ids, every user requesting at least one, assigned to IT staff', () => {
    expect(data.tickets).toHaveLength(300);
    expect(new Set(data.tickets.map((ticket) => ticket.id)).size).toBe(300);
    const it = new Set(data.users.filter((user) => user.department === 'IT').map((user) => user.id));
    for (const ticket of data.tickets) {
      expect(ticket.id).toMatch(/^INC-\d{4}$/);
      expect(it.has(ticket.assignee)).toBe(true);
    }
    const requesters = new Set(data.tickets.map((ticket) => ticket.requester));
    expect(requesters.size).toBe(200);
  });

  it('ties every error code to exactly one root system and to the deployment right before it', () => {
    expect(data.errors).toHaveLength(20);
    for (const error of data.errors) {
      const change = data.changes.find((candidate) => candidate.id === error.changeId)!;
      expect(change.system).toBe(error.rootSystem);
      const earlier = data.changes.filter((candidate) => candidate.system === error.rootSystem && candidate.deployedAt <= error.firstSeenAt);
      const latest = earlier.sort((left, right) => right.deployedAt.localeCompare(left.deployedAt))[0];
      expect(latest?.id).toBe(error.changeId);
    }
  });

  it('counts incidents per month for the previous and the current quarter to date', () => {
    const p1 = data.incidentStats.filter((stats) => stats.priority === 'P1');
    expect(p1.map((stats) => stats.quarter)).toEqual(['2026-Q3', '2026-Q4']);
    expect(Object.keys(p1[0]!.months)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(Object.keys(p1[1]!.months)).toEqual(['2026-10', '2026-11']);
    for (const stats of data.incidentStats) {
      expect(Object.values(stats.months).reduce((sum, count) => sum + count, 0)).toBe(stats.total);
      expect(stats.incidents.every((incident) => incident.date <= '2026-11-16')).toBe(true);
    }
    expect(p1[1]!.trend).toMatch(/^(up|down|flat)$/);
  });
});
