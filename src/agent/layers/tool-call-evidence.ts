// What the caches need to know about a run's tool calls: the calls themselves with the metadata of
// the tools that made them (read-only, cache policy, read and write tags).

import type { ToolCallEvidence } from '../../cache/index.js';
import type { RunContext } from '../run-context.js';

export function toolCallEvidence(run: RunContext): ToolCallEvidence[] {
  return run.toolCalls.map((record) => {
    const tool = run.tools.tools.get(record.toolName);
    return {
      toolName: record.toolName,
      input: record.input,
      ...(record.output === undefined ? {} : { output: record.output }),
      failed: record.error !== undefined,
      tool: tool
        ? {
            readOnly: tool.readOnly,
            ...(tool.cache ? { cache: tool.cache } : {}),
            ...(tool.reads ? { reads: tool.reads } : {}),
            ...(tool.writes ? { writes: tool.writes } : {}),
          }
        : undefined,
    };
  });
}
