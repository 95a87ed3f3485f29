// Watches the calls the model loop makes and the model step each belongs to (calls start while the
// step's model call streams, so the latest model-call-start names their step). The plan cache learns
// plans from what it records.

import type { ObservedStep } from '../../cache/index.js';
import type { AgentEvent } from '../../spec/index.js';
import type { ToolCallHandle, ToolCallResult, ToolExecutor } from '../../tools/index.js';

export interface StepRecorder {
  /** The executor to give the loop: every call through it is recorded. */
  readonly executor: ToolExecutor;
  /** Feed the run's events (model-call-start moves to the next step). */
  onEvent(event: AgentEvent): void;
  /** The recorded calls by step, once they have all settled. */
  steps(): Promise<ObservedStep[]>;
}

export function createStepRecorder(base: ToolExecutor): StepRecorder {
  let step = 0;
  const calls: Array<{ step: number; toolName: string; result: Promise<ToolCallResult> }> = [];
  const start: ToolExecutor['start'] = (call, context): ToolCallHandle => {
    const handle = base.start(call, context);
    calls.push({ step, toolName: call.toolName, result: handle.result });
    return handle;
  };
  return {
    executor: {
      tools: base.tools,
      declarations: () => base.declarations(),
      start,
      execute: (batch, context) => Promise.all(batch.map((call) => start(call, context).result)),
      executeGraph: (nodes, context) => base.executeGraph(nodes, context),
      circuitState: (upstream) => base.circuitState(upstream),
      forgetRun: (requestId) => base.forgetRun(requestId),
    },
    onEvent(event) {
      if (event.type === 'model-call-start') step = event.step;
    },
    async steps() {
      const settled = await Promise.all(calls.map((call) => call.result));
      const byStep = new Map<number, ObservedStep>();
      calls.forEach((call, index) => {
        const result = settled[index]!;
        const observed = byStep.get(call.step) ?? [];
        observed.push({
          toolName: call.toolName,
          input: result.record.input,
          ...(result.ok ? { output: result.output } : {}),
          failed: !result.ok,
          readOnly: base.tools.get(call.toolName)?.readOnly ?? false,
        });
        byStep.set(call.step, observed);
      });
      return [...byStep.entries()].sort(([left], [right]) => left - right).map(([, observed]) => observed);
    },
  };
}
