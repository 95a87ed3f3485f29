// The seed's IT service desk as a simulated domain: generated data in a world with history, the
// tool APIs, the brain, request generation with ground truth, and background changes.

import type { DomainRequest, FactRef, MentionScan } from '../../domain/index.js';
import type { ServedDomain } from '../../tools-server/index.js';
import { World, entityType, type EntityKey } from '../../world/index.js';
import { createServiceDeskBrain } from './brain.js';
import { systems, today } from './calendar.js';
import { createDirectoryIndex } from './directory-index.js';
import { createServiceDeskRequestGenerator } from './generate-request.js';
import { intentMix } from './intents.js';
import { renderServiceDeskFact } from './render-fact.js';
import { serviceDeskCatalog } from './service-desk-catalog.js';
import { generateServiceDeskData, type ServiceDeskData } from './service-desk-data.js';
import { createServiceDeskMutator } from './service-desk-mutations.js';
import { createServiceDeskHandlers } from './service-desk-tools.js';

export interface ServiceDeskDomainOptions {
  seed: number | string;
  clock: { now(): number };
  /** Share of each kind of background change; the default mix when omitted. */
  mutationMix?: Readonly<Record<string, number>>;
}

export interface ServiceDeskDomain extends ServedDomain {
  readonly name: 'service-desk';
  /** The generated initial data (before any change). */
  readonly data: ServiceDeskData;
}

const mentionPatterns: Array<[RegExp, string]> = [
  [/\bINC-\d{4}\b/gi, 'ticket'],
  [/\bKB-\d{3}\b/gi, 'kb'],
  [/\bERR-\d{4}\b/gi, 'error'],
  [/\bCHG-\d{4}\b/gi, 'change'],
];

export function createServiceDeskDomain(options: ServiceDeskDomainOptions): ServiceDeskDomain {
  if (options.seed === undefined) throw new TypeError('createServiceDeskDomain: option "seed" is required');
  const data = generateServiceDeskData(options.seed);
  const world = new World({ clock: options.clock, tagsFor: serviceDeskTags });
  loadWorld(world, data);
  const directory = createDirectoryIndex(data.users);
  const mutate = createServiceDeskMutator(world, data, options.mutationMix);
  return {
    name: 'service-desk',
    data,
    catalog: serviceDeskCatalog,
    brain: createServiceDeskBrain({ directory }),
    world,
    handlers: createServiceDeskHandlers(world),
    kinds: intentMix,
    generateRequest: createServiceDeskRequestGenerator(data),
    renderFact: (fact: FactRef, value: unknown) => renderServiceDeskFact(fact, value, directory),
    scanMentions(text: string): MentionScan {
      const entities = new Set<EntityKey>();
      for (const [pattern, type] of mentionPatterns) {
        for (const match of text.matchAll(pattern)) entities.add(`${type}:${match[0].toUpperCase()}`);
      }
      return { entities: [...entities], users: directory.mentionedUserIds(text) };
    },
    relatedUsers(namespace: string, request: DomainRequest, at: number): string[] {
      const users = new Set<string>();
      for (const fact of request.truth.facts) {
        if (entityType(fact.entity) === 'user') {
          const id = fact.entity.slice('user:'.length);
          if (id !== request.userId) users.add(id);
        }
        if (fact.field === 'manager' || fact.field === 'assignee') {
          const value = world.valueAt(namespace, fact.entity, fact.field, at);
          if (typeof value === 'string') users.add(value);
        }
      }
      return [...users];
    },
    mutate: (random) => mutate(random),
  };
}

function loadWorld(world: World, data: ServiceDeskData): void {
  const loadedAt = `${today}T08:00:00.000Z`;
  for (const user of data.users) world.load(`user:${user.id}`, { ...user });
  for (const ticket of data.tickets) world.load(`ticket:${ticket.id}`, { ...ticket });
  for (const article of data.articles) world.load(`kb:${article.id}`, { ...article, updatedAt: loadedAt });
  for (const stats of data.incidentStats) world.load(`incidents:${stats.priority}:${stats.quarter}`, { ...stats });
  for (const error of data.errors) world.load(`error:${error.code}`, { ...error });
  for (const change of data.changes) world.load(`change:${change.id}`, { ...change });
}

/** Cache tags of a change: the entity itself plus the collections and views it shows up in. */
function serviceDeskTags(entity: EntityKey, current: Record<string, unknown>): string[] {
  switch (entityType(entity)) {
    case 'user':
      return [entity, 'users'];
    case 'kb':
      return [entity, 'kb'];
    case 'incidents':
      return [`incidents:${String(current.priority)}`, entity];
    case 'error':
      return [entity, ...systems.map((system) => `logs:${system}`)];
    case 'change':
      return [entity, `changes:${String(current.system)}`];
    default:
      return [entity];
  }
}
