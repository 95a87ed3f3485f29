// Speculative pre-fetch: when a request's tool calls can be predicted but not confidently enough to
// skip the planning model call, start the read-only ones at once, while the model plans. When the
// model then asks for the same call (same tool, same validated input) it gets the speculative call's
// result, in flight or finished (source "speculation"); whatever the model never asks for is aborted
// and counted as wasted. Only read-only tools are ever run ahead, at most `maxCallsPerRequest` per
// request, and each speculative call reports progress at once ("looking up INC-4821…").

import type { ToolCallRecord } from '../spec/index.js';
import {
  canonicalJson,
  isOutputReference,
  renderTemplate,
  resolveReferences,
  type AnyTool,
  type ToolCallHandle,
  type ToolCallRequest,
  type ToolCallResult,
  type ToolExecutor,
  type ToolExecutorEvent,
  type ToolRunContext,
} from '../tools/index.js';
import { HotpathError } from '../util/index.js';

export interface SpeculatorOptions {
  /** Speculative calls per request at most. Default 4. */
  maxCallsPerRequest?: number;
}

/** A predicted call; its input may reference other predicted calls' outputs (`{ $ref, path }`). */
export interface SpeculativeCall {
  id: string;
  toolName: string;
  input: unknown;
}

export interface SpeculationOutcome {
  started: number;
  used: number;
  wasted: number;
}

export interface SpeculativeRun {
  /** The executor the model loop should use: it serves matching calls from the speculative ones. */
  readonly executor: ToolExecutor;
  /** Ends the speculation: calls the model never asked for are aborted and counted as wasted. */
  finish(): SpeculationOutcome;
}

export interface SpeculatorStats {
  requests: number;
  started: number;
  used: number;
  wasted: number;
  skipped: { cap: number; sideEffect: number; unknownTool: number; failedDependency: number };
}

export interface Speculator {
  begin(options: { executor: ToolExecutor; context: ToolRunContext; calls: readonly SpeculativeCall[] }): SpeculativeRun;
  stats(): SpeculatorStats;
}

interface Speculation {
  key: string;
  toolName: string;
  startedAt: number;
  result: Promise<ToolCallResult>;
  settled: ToolCallResult | undefined;
  controller: AbortController;
  used: boolean;
}

function referencesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (isOutputReference(value)) found.add(value.$ref);
  else if (Array.isArray(value)) for (const item of value) referencesOf(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) referencesOf(item, found);
  return found;
}

/** Tool name and validated input (defaults applied, keys sorted): two spellings of one call match. */
function callKey(tool: AnyTool | undefined, toolName: string, input: unknown): string {
  let normalized = input;
  if (tool) {
    try {
      const parsed = tool.inputSchema.safeParse(input);
      if (parsed.success) normalized = parsed.data;
    } catch {
      // An unparseable input keeps its raw form: it matches only an identical request.
    }
  }
  return `${toolName}\u0000${canonicalJson(normalized)}`;
}

export function createSpeculator(options: SpeculatorOptions = {}): Speculator {
  const maxCallsPerRequest = options.maxCallsPerRequest ?? 4;
  if (!(Number.isInteger(maxCallsPerRequest) && maxCallsPerRequest >= 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `createSpeculator: option "maxCallsPerRequest" must be a non-negative integer (got ${String(maxCallsPerRequest)})`, {
      details: { option: 'maxCallsPerRequest' },
    });
  }
  const totals: SpeculatorStats = { requests: 0, started: 0, used: 0, wasted: 0, skipped: { cap: 0, sideEffect: 0, unknownTool: 0, failedDependency: 0 } };

  return {
    stats: () => structuredClone(totals),
    begin({ executor: base, context, calls }) {
      totals.requests++;
      const speculations = new Map<string, Speculation>();
      const byCallId = new Map<string, Speculation>();
      /** Calls the model made itself: a waiting speculative call for one of these is pointless. */
      const asked = new Set<string>();
      let finished = false;
      let budget = maxCallsPerRequest;
      const outcome: SpeculationOutcome = { started: 0, used: 0, wasted: 0 };

      const emitProgress = (event: ToolExecutorEvent) => {
        try {
          context.onEvent?.(event);
        } catch {
          // A failing listener never fails a call.
        }
      };

      const launch = (call: SpeculativeCall, input: unknown): Speculation | undefined => {
        const tool = base.tools.get(call.toolName);
        const key = callKey(tool, call.toolName, input);
        if (finished || asked.has(key)) return undefined;
        const existing = speculations.get(key);
        if (existing) return existing;
        if (budget <= 0) {
          totals.skipped.cap++;
          return undefined;
        }
        budget--;
        const controller = new AbortController();
        const signal = context.signal ? AbortSignal.any([context.signal, controller.signal]) : controller.signal;
        let announced = false;
        const handle = base.start(
          { id: `spec_${call.id}`, toolName: call.toolName, input },
          {
            ...context,
            signal,
            // Only progress reaches the caller: the model has not asked for this call (yet).
            onEvent: (event) => {
              if (event.type !== 'progress' || announced) return;
              announced = true;
              emitProgress(event);
            },
          },
        );
        if (!announced) {
          announced = true;
          emitProgress({ type: 'progress', message: tool?.progress ? renderTemplate(tool.progress, input) : `${call.toolName}…`, toolName: call.toolName });
        }
        const speculation: Speculation = { key, toolName: call.toolName, startedAt: Date.now(), result: handle.result, settled: undefined, controller, used: false };
        void handle.result.then((result) => (speculation.settled = result));
        speculations.set(key, speculation);
        byCallId.set(call.id, speculation);
        totals.started++;
        outcome.started++;
        return speculation;
      };

      // Calls without references start now; the others once what they reference has succeeded.
      for (const call of calls) {
        const tool = base.tools.get(call.toolName);
        if (!tool) {
          totals.skipped.unknownTool++;
          continue;
        }
        if (!tool.readOnly) {
          totals.skipped.sideEffect++;
          continue;
        }
        const references = [...referencesOf(call.input)];
        if (references.length === 0) {
          launch(call, call.input);
          continue;
        }
        void (async () => {
          const outputs = new Map<string, unknown>();
          for (const reference of references) {
            const dependency = byCallId.get(reference);
            const result = dependency ? await dependency.result : undefined;
            if (!result?.ok) {
              totals.skipped.failedDependency++;
              return;
            }
            outputs.set(reference, result.output);
          }
          let input: unknown;
          try {
            input = resolveReferences(call.input, outputs, call.id);
          } catch {
            totals.skipped.failedDependency++;
            return;
          }
          launch(call, input);
        })();
      }

      const serve = (speculation: Speculation, call: ToolCallRequest, runContext: ToolRunContext): ToolCallHandle => {
        speculation.used = true;
        outcome.used++;
        totals.used++;
        const emit = (event: ToolExecutorEvent) => {
          try {
            runContext.onEvent?.(event);
          } catch {
            // As above.
          }
        };
        emit({ type: 'tool-call-start', callId: call.id, toolName: call.toolName, input: call.input });
        const result = speculation.result.then((settled): Promise<ToolCallResult> | ToolCallResult => {
          // A failed speculative call is not the model's answer: run the call for real.
          if (!settled.ok) {
            const onEvent = (event: ToolExecutorEvent) => {
              if (event.type !== 'tool-call-start') emit(event);
            };
            return base.start(call, { ...runContext, onEvent }).result;
          }
          const record: ToolCallRecord = { ...settled.record, id: call.id, source: 'speculation' };
          emit({ type: 'tool-call-end', callId: call.id, toolName: call.toolName, output: settled.output, durationMs: Date.now() - speculation.startedAt, source: 'speculation' });
          return { ...settled, record };
        });
        return { callId: call.id, toolName: call.toolName, result };
      };

      const start = (call: ToolCallRequest, runContext: ToolRunContext): ToolCallHandle => {
        const tool = base.tools.get(call.toolName);
        const key = callKey(tool, call.toolName, call.input);
        const speculation = speculations.get(key);
        if (speculation && !speculation.used && !finished) return serve(speculation, call, runContext);
        asked.add(key);
        return base.start(call, runContext);
      };

      const executor: ToolExecutor = {
        tools: base.tools,
        declarations: () => base.declarations(),
        start,
        execute: (batch, runContext) => Promise.all(batch.map((call) => start(call, runContext).result)),
        executeGraph: (nodes, runContext) => base.executeGraph(nodes, runContext),
        circuitState: (upstream) => base.circuitState(upstream),
        forgetRun: (requestId) => base.forgetRun(requestId),
      };

      return {
        executor,
        finish() {
          if (finished) return { ...outcome };
          finished = true;
          for (const speculation of speculations.values()) {
            if (speculation.used) continue;
            outcome.wasted++;
            totals.wasted++;
            if (!speculation.settled) speculation.controller.abort(new HotpathError('HOTPATH_ABORTED', 'speculative call not needed'));
          }
          return { ...outcome };
        },
      };
    },
  };
}
