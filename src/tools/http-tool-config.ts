// The shape of an HTTP tool declared without code, in TypeScript or as a plain JSON/YAML object.
// Checked with zod so a typo'd or wrongly typed field is refused with its name.

import { z, type ZodType } from 'zod';
import type { Dispatcher } from 'undici';
import type { ToolMetadata } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import type { JsonSchema } from './to-model-declaration.js';

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface HttpToolDefinition<Input = Record<string, unknown>, Output = unknown> extends Partial<ToolMetadata> {
  name: string;
  description: string;
  method: HttpMethod | Lowercase<HttpMethod>;
  /** Absolute ('https://x/api/tickets/{ticketId}') or, with `baseUrl`, relative ('/api/tickets/{ticketId}'). */
  url: string;
  baseUrl?: string;
  /** A zod schema, or a JSON Schema (as a config file holds). Must describe an object. */
  input: ZodType<Input> | JsonSchema;
  output?: ZodType<Output> | JsonSchema;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /**
   * Input fields sent in the query string whatever the method. Fields named in the url go in the
   * path; the rest go in the query for GET, HEAD and DELETE and in a JSON body otherwise.
   */
  query?: string[];
  /** The connection pool to use (the runtime's keep-alive pool); undici's global one by default. */
  dispatcher?: Dispatcher;
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

const configSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  method: z.string().transform((method) => method.toUpperCase()).pipe(z.enum(httpMethods)),
  url: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  input: z.custom<object>(isObject, 'must be a zod schema or a JSON Schema object'),
  output: z.custom<object>(isObject, 'must be a zod schema or a JSON Schema object').optional(),
  headers: z.record(z.string(), z.string()).optional(),
  query: z.array(z.string()).optional(),
  dispatcher: z.custom<Dispatcher>((value) => isObject(value) && typeof (value as { dispatch?: unknown }).dispatch === 'function', 'must be an undici Dispatcher').optional(),
  readOnly: z.boolean().optional(),
  idempotent: z.boolean().optional(),
  timeoutMs: z.number().optional(),
  retries: z.number().optional(),
  cache: z.strictObject({ ttlMs: z.number(), staleWhileRevalidateMs: z.number().optional(), scope: z.enum(['tenant', 'user']) }).optional(),
  reads: z.array(z.string()).optional(),
  writes: z.array(z.string()).optional(),
  upstream: z.string().optional(),
  progress: z.string().optional(),
});

export type CheckedHttpToolConfig = z.output<typeof configSchema>;

/** Parses the definition's shape; semantic checks (templates, cache on writes) follow in validateTool. */
export function checkHttpToolConfig(definition: unknown): CheckedHttpToolConfig {
  const parsed = configSchema.safeParse(definition);
  if (parsed.success) return parsed.data;
  const name = isObject(definition) && typeof (definition as { name?: unknown }).name === 'string' ? (definition as { name: string }).name : '(unnamed)';
  const issue = parsed.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.');
  const problem = issue.code === 'unrecognized_keys' ? 'is not an HTTP tool option' : issue.message;
  throw new HotpathError('HOTPATH_INVALID_CONFIG', `http tool '${name}': ${field} ${problem}`, { details: { tool: name, option: field } });
}

/** A zod schema from either form; JSON Schema goes through zod's own converter. */
export function toZodSchema(toolName: string, field: string, schema: object): ZodType {
  if ('_zod' in schema) return schema as ZodType;
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `http tool '${toolName}': ${field} is not a usable JSON Schema: ${(error as Error).message}`, {
      details: { tool: toolName, option: field },
    });
  }
}
