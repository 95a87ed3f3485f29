// `tool({...})` declares a typed tool: zod schemas for input and output, the metadata the executor,
// caches and pre-fetcher rely on, and the code that runs it. The definition is checked at once.

import type { ZodType } from 'zod';
import type { Tool, ToolContext, ToolMetadata } from '../spec/index.js';
import { validateTool } from './validate-tool.js';

/** What a tool's `execute` receives: the run's context plus the id of the call being made. */
export interface ToolExecutionContext extends ToolContext {
  /** The model's call id; side-effecting HTTP tools send it as an idempotency key. */
  callId?: string;
}

/** Any tool, whatever its input and output types. */
export type AnyTool = Tool<unknown, unknown>;

export interface ToolDefinition<Input, Output> extends Partial<ToolMetadata> {
  name: string;
  description: string;
  inputSchema: ZodType<Input>;
  outputSchema?: ZodType<Output>;
  execute(input: Input, context: ToolExecutionContext): Promise<Output> | Output;
}

/**
 * Defines a tool. `readOnly` and `idempotent` default to false: a tool is treated as side-effecting
 * (never shared, cached or retried) unless it says otherwise.
 */
export function tool<Input, Output = unknown>(definition: ToolDefinition<Input, Output>): Tool<Input, Output> {
  const defined: Tool<Input, Output> = {
    ...definition,
    readOnly: definition.readOnly ?? false,
    idempotent: definition.idempotent ?? false,
  };
  validateTool(defined as Tool);
  return Object.freeze(defined);
}
