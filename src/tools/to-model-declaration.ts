// What a model is told about a tool: its name, description and input as JSON Schema (zod v4's own
// converter). Declarations are computed once per tool and reused on every request.

import { z } from 'zod';
import type { JsonSchema, Tool } from '../spec/index.js';

export type { JsonSchema };

export interface ToolDeclaration {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

const declarations = new WeakMap<object, ToolDeclaration>();

/** JSON Schema for the input a caller sends (defaults optional), without the `$schema` marker. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return rest;
}

export function toModelDeclaration(tool: Pick<Tool, 'name' | 'description' | 'inputSchema'>): ToolDeclaration {
  const cached = declarations.get(tool);
  if (cached) return cached;
  const declaration = Object.freeze({ name: tool.name, description: tool.description, inputSchema: inputJsonSchema(tool.inputSchema) });
  declarations.set(tool, declaration);
  return declaration;
}
