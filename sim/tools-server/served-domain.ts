// What the tool server needs from a domain beyond the public `SimDomain`: the writable world, one
// handler per catalog tool, and the domain's background data changes.

import type { SimDomain } from '../domain/index.js';
import type { RandomSource } from '../random/index.js';
import type { ChangeEvent, World } from '../world/index.js';

export interface ToolCallContext {
  /** Whose view of the world the call reads and writes (the part after '#' in x-request-id). */
  namespace: string;
  requestId: string;
  key: string;
  /** Wall-clock ms when the call is executed (the end of its simulated latency). */
  at: number;
}

export interface ToolResult {
  /** HTTP status; 200 when omitted. */
  status?: number;
  /** JSON body; carries `version` for data reads and writes. */
  body: Record<string, unknown>;
}

export type ToolHandler = (args: Record<string, unknown>, context: ToolCallContext) => ToolResult;

/** A domain-level failure answered as a JSON error (unknown ticket, order not pending...). */
export class ToolCallError extends Error {
  override name = 'ToolCallError';
  readonly status: number;
  readonly code: string;
  /** The argument at fault, when there is one. */
  readonly parameter: string | undefined;

  constructor(options: { status: number; code: string; message: string; parameter?: string }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.parameter = options.parameter;
  }
}

export interface ServedDomain extends SimDomain {
  readonly world: World;
  readonly handlers: ReadonlyMap<string, ToolHandler>;
  /** Applies one background change to the base world; undefined when the domain has nothing to change. */
  mutate(random: RandomSource): ChangeEvent | undefined;
}
