// The hook through which a tool-result cache plugs into the executor. The executor asks it before
// calling a read-only tool, hands it fresh results, and tells it when a side-effecting call succeeded
// so it can drop what that call changed (the tool's `writes` tags). Policy (TTL, scope, tags) is the
// cache's business: it reads them from `call.tool`.

import type { Tool, ToolContext } from './tool.js';

export interface ToolResultCacheCall {
  id: string;
  toolName: string;
  /** The tool, for its `cache` policy and `reads`/`writes` tag templates. */
  tool: Tool;
  /** The validated input (defaults applied). */
  input: unknown;
}

export interface ToolResultCache {
  /**
   * A cached output, or undefined for a miss. May answer synchronously (an in-memory hit then costs
   * no extra tick). Consulted for read-only tools only; a throw counts as a miss.
   */
  get(call: ToolResultCacheCall, context: ToolContext): unknown | Promise<unknown>;
  /** A fresh output of a read-only tool. Not awaited by the call; a throw is ignored. */
  set(call: ToolResultCacheCall, context: ToolContext, output: unknown): void | Promise<void>;
  /**
   * A side-effecting call succeeded. Awaited before the call's result is returned, so a read that
   * depends on this write never sees the old value; a throw is ignored.
   */
  invalidate?(call: ToolResultCacheCall, context: ToolContext, output: unknown): void | Promise<void>;
}
