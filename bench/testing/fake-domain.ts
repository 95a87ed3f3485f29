import { z } from 'zod';
import type { Brain, DomainRequest, FactRef, GenerateRequestOptions, MentionScan, SimDomain, ToolCatalogEntry } from '../../sim/index.js';
import { FakeWorld } from './fake-world.js';

// A tiny service desk for unit tests: tickets "T<n>" owned by users "u<n>", one read tool and one
// write tool. Simple requests ask a ticket's status; complex ones ask two tickets and a reset.

export const fakeCatalog: ToolCatalogEntry[] = [
  {
    name: 'get_ticket',
    description: 'Look up a ticket by id.',
    input: z.object({ ticketId: z.string() }),
    http: { method: 'GET', path: '/api/tickets/{ticketId}' },
    readOnly: true,
    idempotent: true,
    reads: ['ticket:{ticketId}'],
    writes: [],
    userScoped: false,
  },
  {
    name: 'reset_password',
    description: 'Reset the password of a user.',
    input: z.object({ userId: z.string(), reason: z.string().optional() }),
    http: { method: 'POST', path: '/api/users/{userId}/reset-password' },
    readOnly: false,
    idempotent: false,
    reads: [],
    writes: ['user:{userId}'],
    userScoped: true,
  },
];

export interface FakeDomainOptions {
  /** Users that may legitimately appear in any answer, by namespace. */
  relatedUsers?: (namespace: string, request: DomainRequest, at: number) => string[];
}

export function createFakeDomain(options: FakeDomainOptions = {}): SimDomain & { world: FakeWorld } {
  const world = new FakeWorld();
  const brain: Brain = { respond: () => ({ type: 'text', text: 'fake' }) };
  return {
    name: 'service-desk',
    catalog: fakeCatalog,
    brain,
    world,
    kinds: [
      { kind: 'ticket-status', complexity: 'simple', weight: 7 },
      { kind: 'ticket-compare', complexity: 'complex', weight: 3 },
    ],
    generateRequest({ random, kind, entitySkew, userSkew }: GenerateRequestOptions): DomainRequest {
      const user = `u${random.zipfIndex(50, userSkew)}`;
      const first = `T${random.zipfIndex(200, entitySkew)}`;
      if (kind !== 'ticket-compare') {
        return {
          kind: 'ticket-status',
          complexity: 'simple',
          userId: user,
          text: `What's the status of ${first}?`,
          truth: { facts: [{ entity: `ticket:${first}`, field: 'status' }], sideEffects: [], entities: [`ticket:${first}`] },
          plan: [{ name: 'get_ticket', arguments: { ticketId: first }, dependsOn: [] }],
          answerTokens: 40,
        };
      }
      const second = `T${200 + random.integer(100)}`;
      return {
        kind: 'ticket-compare',
        complexity: 'complex',
        userId: user,
        text: `Compare ${first} and ${second}, then reset my password.`,
        truth: {
          facts: [{ entity: `ticket:${first}`, field: 'status' }, { entity: `ticket:${second}`, field: 'status' }],
          sideEffects: [{ kind: 'reset_password', match: { userId: user } }],
          entities: [`ticket:${first}`, `ticket:${second}`],
        },
        plan: [
          { name: 'get_ticket', arguments: { ticketId: first }, dependsOn: [] },
          { name: 'get_ticket', arguments: { ticketId: second }, dependsOn: [] },
          { name: 'reset_password', arguments: { userId: user }, dependsOn: [0, 1] },
        ],
        answerTokens: 120,
      };
    },
    renderFact(fact: FactRef, value: unknown): string {
      return `${fact.field} ${String(value)}`;
    },
    scanMentions(text: string): MentionScan {
      const entities = [...text.matchAll(/\bT\d+\b/g)].map((match) => `ticket:${match[0]}`);
      const users = [...text.matchAll(/\bu\d+\b/g)].map((match) => match[0]);
      return { entities: [...new Set(entities)], users: [...new Set(users)] };
    },
    relatedUsers(namespace, request, at) {
      return options.relatedUsers?.(namespace, request, at) ?? [];
    },
  };
}
