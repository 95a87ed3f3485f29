// A two-tool domain for the tool server's own tests: one read, one namespaced write.

import { z } from 'zod';
import type { ToolCatalogEntry } from '../domain/index.js';
import { World } from '../world/index.js';
import { ToolCallError, type ServedDomain, type ToolHandler } from './served-domain.js';

export function createTestDomain(): ServedDomain {
  const world = new World({ clock: { now: () => Date.now() } });
  world.load('note:n1', { text: 'hello', owner: 'u1' });
  const catalog: ToolCatalogEntry[] = [
    {
      name: 'get_note', description: 'Reads a note.', input: z.strictObject({ noteId: z.string().regex(/^n\d+$/) }),
      http: { method: 'GET', path: '/api/notes/{noteId}' }, readOnly: true, idempotent: true, reads: ['note:{noteId}'], writes: [], userScoped: false,
    },
    {
      name: 'edit_note', description: 'Edits a note.', input: z.strictObject({ noteId: z.string(), text: z.string().min(1) }),
      http: { method: 'PATCH', path: '/api/notes/{noteId}' }, readOnly: false, idempotent: false, reads: [], writes: ['note:{noteId}'], userScoped: false,
    },
  ];
  const read = (noteId: string, namespace: string) => {
    const note = world.get(namespace, `note:${noteId}`);
    if (!note) throw new ToolCallError({ status: 404, code: 'not_found', message: `note ${noteId} not found`, parameter: 'noteId' });
    return note;
  };
  const handlers = new Map<string, ToolHandler>([
    ['get_note', (args, context) => ({ body: { ...read(String(args.noteId), context.namespace) } })],
    ['edit_note', (args, context) => {
      read(String(args.noteId), context.namespace);
      const event = world.set(context.namespace, `note:${String(args.noteId)}`, { text: args.text }, { cause: 'write', requestId: context.requestId });
      return { body: { noteId: args.noteId, version: event.version } };
    }],
  ]);
  return {
    name: 'service-desk', catalog, world, handlers, kinds: [],
    brain: { respond: () => ({ type: 'text', text: '' }) },
    generateRequest: () => { throw new Error('not used'); },
    renderFact: (_fact, value) => String(value),
    scanMentions: () => ({ entities: [], users: [] }),
    relatedUsers: () => [],
    mutate: () => undefined,
  };
}
