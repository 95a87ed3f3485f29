import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HotpathError } from '../util/index.js';
import { canonicalJson } from '../util/index.js';
import { renderTags, renderTemplate, templateKeys } from '../util/index.js';
import { toModelDeclaration } from './to-model-declaration.js';
import { tool } from './tool.js';

const base = {
  name: 'get_ticket',
  description: 'Look up a ticket by id',
  inputSchema: z.object({ ticketId: z.string().describe('Ticket id like INC-4821'), verbose: z.boolean().default(false) }),
  execute: async (input: { ticketId: string; verbose: boolean }) => ({ id: input.ticketId }),
};

function definitionError(change: Record<string, unknown>): HotpathError {
  try {
    tool({ ...base, ...change } as typeof base);
  } catch (error) {
    if (HotpathError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

describe('tool()', () => {
  it('returns a frozen tool that defaults to side-effecting (not read-only, not idempotent)', async () => {
    const defined = tool(base);
    expect(defined).toMatchObject({ name: 'get_ticket', readOnly: false, idempotent: false });
    expect(Object.isFrozen(defined)).toBe(true);
    await expect(defined.execute({ ticketId: 'INC-1', verbose: false }, { signal: new AbortController().signal, requestId: 'r' })).resolves.toEqual({ id: 'INC-1' });
  });

  it('refuses bad definitions, naming the field', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: 'get ticket!' }, 'name', /must match/],
      [{ name: 'x'.repeat(65) }, 'name', /must match/],
      [{ description: '  ' }, 'description', /non-empty/],
      [{ timeoutMs: -1 }, 'timeoutMs', /positive number/],
      [{ retries: -1 }, 'retries', /non-negative integer/],
      [{ retries: 1.5 }, 'retries', /non-negative integer/],
      [{ readOnly: false, cache: { ttlMs: 1_000, scope: 'tenant' } }, 'cache', /side-effecting/],
      [{ readOnly: true, cache: { ttlMs: 0, scope: 'tenant' } }, 'cache.ttlMs', /positive/],
      [{ readOnly: true, cache: { ttlMs: 10, scope: 'world' } }, 'cache.scope', /'tenant' or 'user'/],
      [{ reads: ['ticket:{ticketId}', 'user:{userId}'] }, 'reads[1]', /\{userId\}, which is not an input field/],
      [{ writes: ['ticket:{id}'] }, 'writes[0]', /\{id\}/],
      [{ progress: 'looking up {ticket}…' }, 'progress', /\{ticket\}/],
      [{ upstream: '' }, 'upstream', /non-empty/],
      [{ inputSchema: z.string() }, 'inputSchema', /must describe an object/],
      [{ inputSchema: { type: 'object' } }, 'inputSchema', /zod schema/],
      [{ outputSchema: { type: 'object' } }, 'outputSchema', /zod schema/],
    ];
    for (const [change, field, problem] of cases) {
      const error = definitionError(change);
      expect(error.code).toBe('HOTPATH_INVALID_CONFIG');
      expect(error.details.option).toBe(field);
      expect(error.message).toMatch(problem);
      expect(error.message).toContain(field);
    }
  });

  it('accepts templates over nested input fields and a read-only cached tool', () => {
    const defined = tool({
      ...base,
      inputSchema: z.object({ ticket: z.object({ id: z.string() }) }),
      execute: async () => ({}),
      readOnly: true,
      cache: { ttlMs: 1_000, staleWhileRevalidateMs: 0, scope: 'user' },
      reads: ['ticket:{ticket.id}'],
      progress: 'checking {ticket.id}',
    });
    expect(defined.cache?.scope).toBe('user');
  });
});

describe('toModelDeclaration', () => {
  it('gives the name, description and JSON Schema of the input a caller sends', () => {
    const declaration = toModelDeclaration(tool(base));
    expect(declaration).toEqual({
      name: 'get_ticket',
      description: 'Look up a ticket by id',
      inputSchema: expect.objectContaining({
        type: 'object',
        properties: { ticketId: { type: 'string', description: 'Ticket id like INC-4821' }, verbose: { type: 'boolean', default: false } },
        required: ['ticketId'],
      }),
    });
    expect(declaration.inputSchema).not.toHaveProperty('$schema');
  });
});

describe('templates and canonical JSON', () => {
  it('renders placeholders from the input', () => {
    expect(templateKeys('ticket:{ticketId} by {user.id}')).toEqual(['ticketId', 'user.id']);
    expect(renderTemplate('looking up {ticketId}…', { ticketId: 'INC-4821' })).toBe('looking up INC-4821…');
    expect(renderTemplate('{missing}|{tags}', { tags: ['a'] })).toBe('|["a"]');
    expect(renderTags(['ticket:{id}', 'user:{user.id}'], { id: 7, user: { id: 'u1' } })).toEqual(['ticket:7', 'user:u1']);
    expect(renderTags(undefined, {})).toEqual([]);
  });

  it('spells equal values the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('undefined');
  });
});
