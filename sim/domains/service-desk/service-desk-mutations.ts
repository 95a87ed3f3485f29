// Background changes to the service desk's base world, the way the real systems change while the
// benchmark runs: tickets move and get reassigned, managers change, KB answers are edited, new
// incidents arrive. Popular entities (low Zipf ranks, the ones requests ask about most) change most.

import type { RandomSource } from '../../random/index.js';
import type { ChangeEvent, World } from '../../world/index.js';
import { priorities, quarters, systems, today } from './calendar.js';
import type { TicketStatus } from './directory-lists.js';
import { kbArticles } from './kb-articles.js';
import { countByMonth, incidentTrend, type IncidentRecord, type ServiceDeskData } from './service-desk-data.js';

const transitions: Record<TicketStatus, TicketStatus[]> = {
  New: ['In Progress', 'On Hold'],
  'In Progress': ['On Hold', 'Resolved'],
  'On Hold': ['In Progress'],
  Resolved: ['Closed', 'In Progress'],
  Closed: ['In Progress'],
};

export const serviceDeskMutationKinds = ['ticket-status', 'ticket-reassign', 'manager', 'kb-edit', 'incident'] as const;
export type MutationKind = (typeof serviceDeskMutationKinds)[number];

/** The default share of each kind of change (a scenario's `mutations.mix` overrides it). */
export const defaultMutationMix: Readonly<Record<MutationKind, number>> = { 'ticket-status': 0.3, 'ticket-reassign': 0.15, manager: 0.15, 'kb-edit': 0.2, incident: 0.2 };

export function createServiceDeskMutator(world: World, data: ServiceDeskData, mix: Readonly<Record<string, number>> = defaultMutationMix): (random: RandomSource) => ChangeEvent {
  const kinds = mutationWeights(mix);
  const itStaff = data.users.filter((user) => user.department === 'IT').map((user) => user.id);
  const managers = data.users.filter((user) => /Manager|Head of|Lead|Counsel/.test(user.title)).map((user) => user.id);
  const { current } = quarters();
  let nextIncident = 9001;
  const options = { cause: 'mutation' as const };

  return (random) => {
    const kind = weightedKind(kinds, random);
    const now = new Date().toISOString();
    switch (kind) {
      case 'ticket-status':
      case 'ticket-reassign': {
        const ticket = data.tickets[random.zipfIndex(data.tickets.length, 1)]!;
        const key = `ticket:${ticket.id}`;
        const currentTicket = world.getBase(key)!;
        if (kind === 'ticket-status') {
          return world.set(null, key, { status: random.pick(transitions[currentTicket.status as TicketStatus]), updatedAt: now }, options);
        }
        const others = itStaff.filter((id) => id !== currentTicket.assignee);
        return world.set(null, key, { assignee: random.pick(others), updatedAt: now }, options);
      }
      case 'manager': {
        const user = data.users[2 + random.zipfIndex(data.users.length - 2, 1)]!;
        const key = `user:${user.id}`;
        const currentManager = world.getBase(key)!.manager;
        const candidates = managers.filter((id) => id !== user.id && id !== currentManager);
        return world.set(null, key, { manager: random.pick(candidates) }, options);
      }
      case 'kb-edit': {
        const article = kbArticles[random.zipfIndex(kbArticles.length, 1)]!;
        const key = `kb:${article.id}`;
        const rev = Number(world.getBase(key)!.rev) + 1;
        return world.set(null, key, { rev, answer: article.answer(rev), updatedAt: now }, options);
      }
      case 'incident': {
        const priority = random.pick(priorities);
        const key = `incidents:${priority}:${current.id}`;
        const stats = world.getBase(key)!;
        const system = random.pick(systems);
        const incident: IncidentRecord = { id: `MI-${nextIncident++}`, date: today, title: `New ${system} incident`, system };
        const incidents = [...(stats.incidents as IncidentRecord[]), incident];
        const previousKey = world.keys('incidents').find((candidate) => candidate.startsWith(`incidents:${priority}:`) && candidate !== key)!;
        const previousIncidents = world.getBase(previousKey)!.incidents as IncidentRecord[];
        return world.set(null, key, {
          incidents, total: incidents.length, months: countByMonth(current.months, incidents), trend: incidentTrend(incidents, previousIncidents),
        }, options);
      }
    }
  };
}

/** Normalised weights; an unknown kind or a mix without any weight is refused, naming it. */
function mutationWeights(mix: Readonly<Record<string, number>>): Array<[MutationKind, number]> {
  for (const kind of Object.keys(mix)) {
    if (!(serviceDeskMutationKinds as readonly string[]).includes(kind)) {
      throw new RangeError(`mutations.mix: unknown kind "${kind}" for the service desk (known: ${serviceDeskMutationKinds.join(', ')})`);
    }
  }
  const weights = serviceDeskMutationKinds.map((kind): [MutationKind, number] => [kind, Math.max(0, mix[kind] ?? 0)]);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('mutations.mix: give at least one kind a positive weight');
  return weights.map(([kind, weight]) => [kind, weight / total]);
}

function weightedKind(kinds: ReadonlyArray<[MutationKind, number]>, random: RandomSource): MutationKind {
  let target = random.next();
  for (const [kind, weight] of kinds) {
    target -= weight;
    if (target < 0) return kind;
  }
  return kinds.at(-1)![0];
}
