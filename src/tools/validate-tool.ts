// Checks a tool's definition once, when it is declared, so a mistake (a side-effecting tool with a
// cache policy, a tag naming an input key that does not exist) fails at startup with the field named,
// not later as a wrong answer served from cache.

import type { Tool } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import { templateKeys } from '../util/index.js';
import { inputJsonSchema, type JsonSchema } from './to-model-declaration.js';

/** Tool names providers accept (OpenAI and Anthropic share this pattern). */
export const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

function invalid(toolName: string, field: string, problem: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `tool '${toolName}': ${field} ${problem}`, { details: { tool: toolName, option: field } });
}

function isZodSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_zod' in value && typeof (value as { safeParse?: unknown }).safeParse === 'function';
}

function checkNumber(toolName: string, field: string, value: number | undefined, options: { integer?: boolean; allowZero?: boolean }): void {
  if (value === undefined) return;
  const valid = Number.isFinite(value) && (options.allowZero ? value >= 0 : value > 0) && (!options.integer || Number.isInteger(value));
  if (!valid) throw invalid(toolName, field, `must be a ${options.allowZero ? 'non-negative' : 'positive'} ${options.integer ? 'integer' : 'number'} (got ${String(value)})`);
}

function checkTemplates(toolName: string, field: string, templates: readonly string[], inputKeys: Set<string>): void {
  templates.forEach((template, index) => {
    if (typeof template !== 'string') throw invalid(toolName, `${field}[${index}]`, 'must be a string');
    for (const key of templateKeys(template)) {
      const root = key.split('.')[0]!;
      if (!inputKeys.has(root)) {
        throw invalid(toolName, field === 'progress' ? field : `${field}[${index}]`, `references {${key}}, which is not an input field (fields: ${[...inputKeys].join(', ') || 'none'})`);
      }
    }
  });
}

function inputSchemaOf(tool: Tool): JsonSchema {
  if (!isZodSchema(tool.inputSchema)) throw invalid(tool.name, 'inputSchema', 'must be a zod schema');
  let schema: JsonSchema;
  try {
    schema = inputJsonSchema(tool.inputSchema);
  } catch (error) {
    throw invalid(tool.name, 'inputSchema', `cannot be expressed as JSON Schema for the model: ${(error as Error).message}`);
  }
  if (schema.type !== 'object') throw invalid(tool.name, 'inputSchema', 'must describe an object (models send tool arguments as a JSON object)');
  return schema;
}

/** Throws HOTPATH_INVALID_CONFIG naming the first bad field. */
export function validateTool(tool: Tool): void {
  const name = typeof tool.name === 'string' ? tool.name : String(tool.name);
  if (!toolNamePattern.test(name)) throw invalid(name, 'name', `must match ${toolNamePattern} (letters, digits, _ and -, at most 64)`);
  if (typeof tool.description !== 'string' || tool.description.trim() === '') throw invalid(name, 'description', 'must be a non-empty string');
  if (typeof tool.execute !== 'function') throw invalid(name, 'execute', 'must be a function');
  if (typeof tool.readOnly !== 'boolean') throw invalid(name, 'readOnly', 'must be true or false');
  if (typeof tool.idempotent !== 'boolean') throw invalid(name, 'idempotent', 'must be true or false');
  const schema = inputSchemaOf(tool);
  if (tool.outputSchema !== undefined && !isZodSchema(tool.outputSchema)) throw invalid(name, 'outputSchema', 'must be a zod schema');
  checkNumber(name, 'timeoutMs', tool.timeoutMs, {});
  checkNumber(name, 'retries', tool.retries, { integer: true, allowZero: true });
  if (tool.upstream !== undefined && (typeof tool.upstream !== 'string' || tool.upstream === '')) throw invalid(name, 'upstream', 'must be a non-empty string');
  if (tool.cache !== undefined) {
    if (!tool.readOnly) throw invalid(name, 'cache', 'is not allowed on a side-effecting tool (readOnly: false): its results must never be served twice');
    checkNumber(name, 'cache.ttlMs', tool.cache.ttlMs, {});
    checkNumber(name, 'cache.staleWhileRevalidateMs', tool.cache.staleWhileRevalidateMs, { allowZero: true });
    if (tool.cache.scope !== 'tenant' && tool.cache.scope !== 'user') throw invalid(name, 'cache.scope', `must be 'tenant' or 'user' (got ${String(tool.cache.scope)})`);
  }
  const inputKeys = new Set(Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {}));
  if (tool.reads !== undefined) checkTemplates(name, 'reads', tool.reads, inputKeys);
  if (tool.writes !== undefined) checkTemplates(name, 'writes', tool.writes, inputKeys);
  if (tool.progress !== undefined) checkTemplates(name, 'progress', [tool.progress], inputKeys);
}
