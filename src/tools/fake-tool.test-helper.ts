// Test doubles for the executor's tests: tools with controlled delays that record every call.

import { z, type ZodType } from 'zod';
import type { Tool, ToolMetadata } from '../spec/index.js';
import { sleep } from '../util/index.js';
import { tool, type ToolExecutionContext } from './tool.js';

export interface FakeCall {
  input: Record<string, unknown>;
  context: ToolExecutionContext;
  startedAt: number;
  endedAt?: number;
  /** Set when the tool ran to its end (not aborted). */
  completed: boolean;
}

export interface FakeToolOptions extends Partial<ToolMetadata> {
  name: string;
  delayMs?: number | ((input: Record<string, unknown>, attempt: number) => number);
  /** What the call returns (or throws) after its delay; `attempt` counts from 0. */
  result?: (input: Record<string, unknown>, attempt: number) => unknown;
  /** Ignore the abort signal while sleeping (a badly behaved tool). */
  ignoreSignal?: boolean;
  inputSchema?: ZodType<Record<string, unknown>>;
  outputSchema?: ZodType<unknown>;
}

export function fakeTool(options: FakeToolOptions): { tool: Tool<Record<string, unknown>, unknown>; calls: FakeCall[] } {
  const { name, delayMs = 0, result = (input) => ({ tool: name, input }), ignoreSignal = false, inputSchema, outputSchema, ...metadata } = options;
  const calls: FakeCall[] = [];
  const defined = tool<Record<string, unknown>, unknown>({
    name,
    description: `fake ${name}`,
    inputSchema: inputSchema ?? z.looseObject({}),
    ...(outputSchema ? { outputSchema } : {}),
    ...metadata,
    execute: async (input, context) => {
      const attempt = calls.length;
      const call: FakeCall = { input, context, startedAt: performance.now(), completed: false };
      calls.push(call);
      const delay = typeof delayMs === 'function' ? delayMs(input, attempt) : delayMs;
      if (delay > 0) await sleep(delay, ignoreSignal ? undefined : context.signal);
      call.endedAt = performance.now();
      call.completed = true;
      return result(input, attempt);
    },
  });
  return { tool: defined, calls };
}

/** A fresh run context with a unique request id. */
let runCounter = 0;
export function runContext(extra: { signal?: AbortSignal; deadline?: number; user?: string; tenant?: string } = {}) {
  runCounter++;
  return { requestId: `req-${runCounter}`, ...extra };
}
