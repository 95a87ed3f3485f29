import type { ToolRunContext } from '../tools/index.js';
import type { RunContext } from './run-context.js';

/** What a tool call of this run carries: its ids, its deadline and signal, and where its events go. */
export function toolContext(run: RunContext): ToolRunContext {
  return {
    requestId: run.requestId,
    signal: run.signal,
    deadline: run.deadline,
    ...(run.user === undefined ? {} : { user: run.user }),
    ...(run.tenant === undefined ? {} : { tenant: run.tenant }),
    onEvent: (event) => run.emit(event),
  };
}
