// Turns a backend's change announcement into a ChangeNotice: the simulator's ChangeEvent JSON
// ({ id, type, entity, tags, at, namespace, … }) or a generic { tags: [...] } body. Errors name the
// offending field.

import { z } from 'zod';
import type { ChangeNotice } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';

const tag = z.string().min(1, 'must be a non-empty string');

const changeEventBody = z.object({
  id: z.number().optional(),
  type: z.string().min(1),
  entity: z.string().min(1),
  tags: z.array(tag),
  at: z.number().finite().optional(),
  namespace: z.string().nullable().optional(),
  tenant: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
});

const genericBody = z.object({
  tags: z.array(tag).min(1, 'must list at least one tag'),
  at: z.number().finite().optional(),
  namespace: z.string().nullable().optional(),
  tenant: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
});

export interface ParsedChange {
  notice: ChangeNotice;
  /** The simulator's namespace of the change: null for the shared world, undefined when not given. */
  namespace: string | null | undefined;
}

/** Parses a change body (object, JSON text or bytes); throws a HotpathError naming the bad field. */
export function parseChangeBody(body: unknown, options: { source?: string } = {}): ParsedChange {
  const source = options.source ?? 'webhook';
  const value = decode(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidField('body', 'must be a JSON object with tags');
  const isEvent = 'entity' in value || 'type' in value;
  const parsed = (isEvent ? changeEventBody : genericBody).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidField(fieldName(issue.path), issue.message);
  }
  const data: z.infer<typeof genericBody> & { entity?: string } = parsed.data;
  // The entity is itself a tag ("ticket:INC-4821"): caches tag what they read that way.
  const tags = [...new Set(data.entity === undefined ? data.tags : [data.entity, ...data.tags])];
  const notice: ChangeNotice = {
    tags,
    source,
    ...(data.at === undefined ? {} : { at: data.at }),
    ...(data.tenant === undefined ? {} : { tenant: data.tenant }),
    ...(data.user === undefined ? {} : { user: data.user }),
  };
  return { notice, namespace: data.namespace };
}

/** The notice for a change body; throws a HotpathError naming the bad field. */
export function changeEventToNotice(body: unknown, options: { source?: string } = {}): ChangeNotice {
  return parseChangeBody(body, options).notice;
}

/** A change made in another namespace than ours is invisible to us (the simulator's per-agent writes). */
export function isOtherNamespace(change: ParsedChange, namespace: string | undefined): boolean {
  return namespace !== undefined && typeof change.namespace === 'string' && change.namespace !== namespace;
}

function decode(body: unknown): unknown {
  if (body instanceof Uint8Array) body = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw invalidField('body', `is not valid JSON (${(error as Error).message})`);
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const segment of path) name += typeof segment === 'number' ? `[${segment}]` : `${name ? '.' : ''}${String(segment)}`;
  return name || 'body';
}

function invalidField(field: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `change body field ${field}: ${message}`, { details: { field } });
}
