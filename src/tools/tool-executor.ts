// Runs tool calls the fast way: every independent call at once, a dependent call the moment its inputs
// exist, one failure never sinking the others (the model gets the error and answers with the rest),
// nothing left running after the deadline or an abort. Read-only calls are answered from cache or
// shared in flight; side-effecting calls run once per call id; upstreams are protected by a
// concurrency limit and a circuit breaker each.

import { setMaxListeners } from 'node:events';
import { context as otelContext, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ZodType } from 'zod';
import type { ToolCallRecord } from '../spec/index.js';
import { deadlineSignal, HotpathError, remainingMs, retry, SingleFlight, type CircuitState, type ConcurrencyPermit } from '../util/index.js';
import { canonicalJson } from '../util/index.js';
import { raceSignal } from './race-signal.js';
import { renderTemplate } from '../util/index.js';
import { SideEffectLedger } from './side-effect-ledger.js';
import { toModelDeclaration, type ToolDeclaration } from './to-model-declaration.js';
import type { AnyTool, ToolExecutionContext } from './tool.js';
import { errorSummary, isUpstreamFailure, toToolError } from './tool-call-error.js';
import type {
  ToolCallHandle,
  ToolCallRequest,
  ToolCallResult,
  ToolExecutor,
  ToolExecutorEvent,
  ToolExecutorOptions,
  ToolGraphNode,
  ToolRunContext,
} from './tool-executor-types.js';
import { planToolGraph, resolveReferences } from './tool-graph.js';
import type { ToolResultCache, ToolResultCacheCall } from '../spec/index.js';
import { createUpstreamGuards, upstreamOf, type UpstreamGuard } from './upstream-guards.js';
import { validateTool } from './validate-tool.js';

const tracer = trace.getTracer('hotpath');

/** For runs without a signal: never aborts. */
const neverAborted = new AbortController().signal;
setMaxListeners(0, neverAborted);

/**
 * `deadlineSignal` only when it adds a limit: AbortSignals are costly to create, and a call with no
 * deadline or timeout of its own can share its parent's signal.
 */
function limitedSignal(options: { signal: AbortSignal | undefined; deadline?: number | undefined; timeoutMs?: number | undefined; what: string }): { signal: AbortSignal; dispose(): void } {
  const { signal, deadline, timeoutMs, what } = options;
  if (deadline === undefined && timeoutMs === undefined) return { signal: signal ?? neverAborted, dispose: () => undefined };
  return deadlineSignal({ ...(signal ? { signal } : {}), ...(deadline === undefined ? {} : { deadline }), ...(timeoutMs === undefined ? {} : { timeoutMs }), what });
}

/** How one call ended, before it becomes a result. */
interface CallOutcome {
  ok: boolean;
  output?: unknown;
  error?: HotpathError;
  attempts: number;
  queuedMs: number;
  source: 'call' | 'cache' | 'shared';
  /** Whether the tool was actually invoked (a side-effecting call that never ran may run under its id later). */
  invoked: boolean;
}

/** One call on its way to the tool. */
interface Invocation {
  call: ToolCallRequest;
  tool: AnyTool;
  input: unknown;
  context: ToolRunContext;
  toolContext: ToolExecutionContext;
  span: Span;
  /** The deadline the upstream call must meet (for a shared read: the latest among its waiters). */
  deadline: () => number | undefined;
}

function failedOutcome(error: HotpathError): CallOutcome {
  return { ok: false, error, attempts: 0, queuedMs: 0, source: 'call', invoked: false };
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`).join('; ');
}

/** Resolves with the first failed result, or undefined once all succeeded. */
function firstFailure(results: ReadonlyArray<Promise<ToolCallResult>>): Promise<ToolCallResult | undefined> {
  return new Promise((resolve) => {
    let left = results.length;
    for (const result of results) {
      void result.then((settled) => {
        if (!settled.ok) resolve(settled);
        else if (--left === 0) resolve(undefined);
      });
    }
  });
}

function callTool(invocation: Invocation, toolContext: ToolExecutionContext): Promise<unknown> {
  const { tool, input, span } = invocation;
  try {
    // The span is made active so instrumented clients inside the tool nest their spans under it.
    return Promise.resolve(otelContext.with(trace.setSpan(otelContext.active(), span), () => tool.execute(input, toolContext)));
  } catch (error) {
    return Promise.reject(error);
  }
}

function checkNonNegative(value: number | undefined, option: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `tool executor option ${option} must be a non-negative number (got ${String(value)})`, { details: { option } });
  }
}

class DefaultToolExecutor implements ToolExecutor {
  readonly tools: ReadonlyMap<string, AnyTool>;
  private readonly toolDeclarations: readonly ToolDeclaration[];
  private readonly guards: Map<string, UpstreamGuard>;
  private readonly flights = new SingleFlight<CallOutcome>();
  private readonly ledger: SideEffectLedger<CallOutcome>;
  private readonly cache: ToolResultCache | undefined;
  private readonly retryDelays: { baseDelayMs?: number; maxDelayMs?: number };
  private readonly now: () => number;

  constructor(options: ToolExecutorOptions) {
    if (!Array.isArray(options.tools)) throw new HotpathError('HOTPATH_INVALID_CONFIG', 'tool executor option tools must be an array of tools', { details: { option: 'tools' } });
    const tools = new Map<string, AnyTool>();
    for (const tool of options.tools) {
      validateTool(tool);
      if (tools.has(tool.name)) throw new HotpathError('HOTPATH_INVALID_CONFIG', `tool executor option tools: two tools are named '${tool.name}'`, { details: { option: 'tools', tool: tool.name } });
      tools.set(tool.name, tool);
    }
    checkNonNegative(options.retry?.baseDelayMs, 'retry.baseDelayMs');
    checkNonNegative(options.retry?.maxDelayMs, 'retry.maxDelayMs');
    checkNonNegative(options.sideEffectTtlMs, 'sideEffectTtlMs');
    this.now = options.now ?? Date.now;
    this.tools = tools;
    this.toolDeclarations = Object.freeze([...tools.values()].map(toModelDeclaration));
    this.guards = createUpstreamGuards({ ...options, now: this.now });
    this.ledger = new SideEffectLedger({ ttlMs: options.sideEffectTtlMs ?? 600_000, now: this.now });
    this.cache = options.cache;
    this.retryDelays = { ...options.retry };
  }

  declarations(): ToolDeclaration[] {
    return [...this.toolDeclarations];
  }

  circuitState(upstream: string): CircuitState | undefined {
    return this.guards.get(upstream)?.breaker?.state;
  }

  forgetRun(requestId: string): void {
    this.ledger.forget(requestId);
  }

  start(call: ToolCallRequest, context: ToolRunContext): ToolCallHandle {
    return this.begin(call, context);
  }

  execute(calls: readonly ToolCallRequest[], context: ToolRunContext): Promise<ToolCallResult[]> {
    return Promise.all(calls.map((call) => this.begin(call, context).result));
  }

  async executeGraph(nodes: readonly ToolGraphNode[], context: ToolRunContext): Promise<ToolCallResult[]> {
    const plan = planToolGraph(nodes);
    const results = new Map<string, Promise<ToolCallResult>>();
    const outputs = new Map<string, unknown>();
    for (const node of plan.order) {
      const dependencies = plan.dependencies.get(node.id)!;
      const result = dependencies.length === 0
        ? this.begin({ id: node.id, toolName: node.toolName, input: node.input }, context).result
        : this.afterDependencies({ node, dependencies: dependencies.map((id) => results.get(id)!), outputs, context });
      results.set(node.id, result.then((settled) => {
        if (settled.ok) outputs.set(node.id, settled.output);
        return settled;
      }));
    }
    return Promise.all(nodes.map((node) => results.get(node.id)!));
  }

  private async afterDependencies(options: {
    node: ToolGraphNode;
    dependencies: Array<Promise<ToolCallResult>>;
    outputs: Map<string, unknown>;
    context: ToolRunContext;
  }): Promise<ToolCallResult> {
    const { node, dependencies, outputs, context } = options;
    const failed = await firstFailure(dependencies);
    const call = { id: node.id, toolName: node.toolName, input: node.input };
    if (failed && !failed.ok) {
      const reason = new HotpathError('HOTPATH_TOOL_ERROR', `not run: it needs the output of '${failed.record.id}' (${failed.record.toolName}), which failed: ${failed.error.message}`, {
        isRetryable: false,
        details: { dependency: failed.record.id, dependencyCode: failed.error.code },
      });
      return this.begin(call, context, reason).result;
    }
    let input: unknown;
    try {
      input = resolveReferences(node.input, outputs, node.id);
    } catch (error) {
      return this.begin(call, context, toToolError(error, node.toolName)).result;
    }
    return this.begin({ ...call, input }, context).result;
  }

  /** Starts a call; `failure` ends it at once without calling the tool (a failed dependency). */
  private begin(call: ToolCallRequest, context: ToolRunContext, failure?: HotpathError): ToolCallHandle {
    const startMs = this.now();
    const tool = this.tools.get(call.toolName);
    const progress = tool?.progress === undefined || failure ? undefined : renderTemplate(tool.progress, call.input);
    this.emit(context, { type: 'tool-call-start', callId: call.id, toolName: call.toolName, input: call.input });
    const result = this.run({ call, tool, context, startMs, failure });
    return { callId: call.id, toolName: call.toolName, ...(progress === undefined ? {} : { progress }), result };
  }

  private async run(options: { call: ToolCallRequest; tool: AnyTool | undefined; context: ToolRunContext; startMs: number; failure: HotpathError | undefined }): Promise<ToolCallResult> {
    const { call, tool, context, startMs, failure } = options;
    const span = tracer.startSpan('hotpath.tool', {
      attributes: {
        'hotpath.tool.name': String(call.toolName),
        'hotpath.tool.call_id': String(call.id),
        'hotpath.request_id': context.requestId,
        ...(tool ? { 'hotpath.tool.upstream': upstreamOf(tool) } : {}),
      },
    });
    let input = call.input;
    let outcome: CallOutcome;
    try {
      if (failure) throw failure;
      if (typeof call.id !== 'string' || call.id === '') throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'a tool call needs a non-empty id');
      if (!tool) {
        throw new HotpathError('HOTPATH_TOOL_NOT_FOUND', `unknown tool '${String(call.toolName)}' (available: ${[...this.tools.keys()].join(', ')})`, { details: { tool: call.toolName } });
      }
      input = this.parseInput(tool, call.input);
      outcome = await this.dispatch({ call, tool, input, context, span });
    } catch (error) {
      outcome = failedOutcome(toToolError(error, String(call.toolName)));
    }
    return this.finish({ call, input, context, startMs, outcome, span });
  }

  private finish(options: { call: ToolCallRequest; input: unknown; context: ToolRunContext; startMs: number; outcome: CallOutcome; span: Span }): ToolCallResult {
    const { call, input, context, startMs, outcome, span } = options;
    const endMs = this.now();
    const error = outcome.error ? errorSummary(outcome.error) : undefined;
    const source = outcome.invoked || outcome.source !== 'call' ? outcome.source : undefined;
    const record: ToolCallRecord = {
      id: call.id,
      toolName: call.toolName,
      input,
      ...(outcome.ok ? { output: outcome.output } : { error }),
      startMs,
      endMs,
      ...(source ? { source } : {}),
    };
    span.setAttributes({ 'hotpath.tool.attempts': outcome.attempts, 'hotpath.tool.queued_ms': outcome.queuedMs, ...(source ? { 'hotpath.tool.source': source } : {}) });
    if (error) {
      span.setAttribute('hotpath.error.code', error.code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    span.end();
    this.emit(context, {
      type: 'tool-call-end',
      callId: call.id,
      toolName: call.toolName,
      ...(outcome.ok ? { output: outcome.output } : { error }),
      durationMs: endMs - startMs,
      ...(source ? { source } : {}),
    });
    const base = { record, attempts: outcome.attempts, queuedMs: outcome.queuedMs };
    return outcome.ok ? { ok: true, output: outcome.output, ...base } : { ok: false, error: error!, ...base };
  }

  private parseInput(tool: AnyTool, input: unknown): unknown {
    let parsed: ReturnType<ZodType['safeParse']>;
    try {
      parsed = tool.inputSchema.safeParse(input);
    } catch (error) {
      throw new HotpathError('HOTPATH_TOOL_INPUT_INVALID', `invalid input for tool '${tool.name}': ${(error as Error).message}`, { cause: error });
    }
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    throw new HotpathError('HOTPATH_TOOL_INPUT_INVALID', `invalid input for tool '${tool.name}': ${describeIssues(issues)}`, {
      details: { tool: tool.name, issues: issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) },
    });
  }

  private checkOutput(tool: AnyTool, output: unknown): unknown {
    if (!tool.outputSchema) return output;
    const parsed = tool.outputSchema.safeParse(output);
    if (parsed.success) return parsed.data;
    throw new HotpathError('HOTPATH_TOOL_OUTPUT_INVALID', `tool '${tool.name}' returned output that does not match its output schema: ${describeIssues(parsed.error.issues)}`, {
      details: { tool: tool.name },
    });
  }

  private async dispatch(options: Omit<Invocation, 'toolContext' | 'deadline'>): Promise<CallOutcome> {
    const { call, tool, context } = options;
    // A run fans out to many calls, each listening to its signal: that is not a leak, so no warning.
    if (context.signal) setMaxListeners(0, context.signal);
    // This caller's own view of the run: aborted by the run's signal or deadline.
    const participant = limitedSignal({ signal: context.signal, deadline: context.deadline, what: `tool '${tool.name}'` });
    const toolContext: ToolExecutionContext = {
      signal: participant.signal,
      requestId: context.requestId,
      callId: call.id,
      ...(context.deadline === undefined ? {} : { deadline: context.deadline }),
      ...(context.user === undefined ? {} : { user: context.user }),
      ...(context.tenant === undefined ? {} : { tenant: context.tenant }),
    };
    try {
      participant.signal.throwIfAborted();
      const invocation: Invocation = { ...options, toolContext, deadline: () => context.deadline };
      return tool.readOnly ? await this.dispatchRead(invocation) : await this.dispatchWrite(invocation);
    } catch (error) {
      return failedOutcome(toToolError(error, tool.name, participant.signal));
    } finally {
      participant.dispose();
    }
  }

  private async dispatchRead(invocation: Invocation): Promise<CallOutcome> {
    const { call, tool, input, context, toolContext } = invocation;
    const cacheCall: ToolResultCacheCall = { id: call.id, toolName: tool.name, tool, input };
    let cached = this.cacheLookup(cacheCall, toolContext);
    if (cached instanceof Promise) cached = await cached;
    if (cached !== undefined) return { ok: true, output: cached, attempts: 0, queuedMs: 0, source: 'cache', invoked: false };
    this.emitProgress(invocation);
    // Identical reads in flight share one call; user-specific data is never shared across users.
    const userScoped = tool.cache?.scope !== 'tenant';
    const key = [tool.name, context.tenant ?? '', userScoped ? context.user ?? '' : '*', canonicalJson(input)].join('\u0000');
    const { value, shared } = await this.flights.run(key, async (signal, flight) => {
      const outcome = await this.invoke({ ...invocation, toolContext: { ...toolContext, signal }, deadline: () => flight.deadline });
      if (outcome.ok) this.cacheStore(cacheCall, toolContext, outcome.output);
      return outcome;
    }, { signal: toolContext.signal, ...(context.deadline === undefined ? {} : { deadline: context.deadline }) });
    return shared ? { ...value, source: 'shared' } : value;
  }

  private async dispatchWrite(invocation: Invocation): Promise<CallOutcome> {
    const { call, tool, input, context, toolContext } = invocation;
    const inputKey = canonicalJson(input);
    for (;;) {
      const prior = this.ledger.get(context.requestId, call.id);
      if (!prior) break;
      if (prior.inputKey !== inputKey) {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `call id '${call.id}' was already used in this run with a different input; side-effecting calls need unique ids`, {
          details: { tool: tool.name, callId: call.id },
        });
      }
      const first = await raceSignal(prior.outcome, toolContext.signal);
      if (first.ok || first.invoked) return { ...first, source: 'shared' };
      // The first call never reached the tool: this one may, and is still the only effect.
      if (this.ledger.get(context.requestId, call.id) === prior) break;
    }
    this.emitProgress(invocation);
    const outcome = this.invoke(invocation).then(async (settled) => {
      if (settled.ok) await this.cacheInvalidate({ id: call.id, toolName: tool.name, tool, input }, toolContext, settled.output);
      return settled;
    });
    this.ledger.set(context.requestId, call.id, { inputKey, outcome });
    return outcome;
  }

  /** Calls the tool through its upstream's breaker and limit, with a timeout per attempt and retries when safe. */
  private async invoke(invocation: Invocation): Promise<CallOutcome> {
    const { tool, toolContext } = invocation;
    const { signal } = toolContext;
    const guard = this.guards.get(upstreamOf(tool))!;
    const mayRetry = tool.readOnly || tool.idempotent;
    let attempts = 0;
    let queuedMs = 0;
    let invoked = false;
    const startDeadline = invocation.deadline();
    try {
      const output = await retry(async () => {
        const permit = guard.breaker?.acquireOrThrow();
        let slot: ConcurrencyPermit;
        try {
          // A free slot is taken synchronously: the tool starts in the same tick as the call.
          slot = guard.limit.tryAcquire() ?? await guard.limit.acquire(signal);
        } catch (error) {
          permit?.release();
          throw error;
        }
        queuedMs += slot.queuedMs;
        const deadline = invocation.deadline();
        if (remainingMs(deadline) <= 0) {
          // Granted a slot in the same tick the deadline passed: starting would be a wasted upstream call.
          slot.release();
          permit?.release();
          throw new HotpathError('HOTPATH_DEADLINE_EXCEEDED', `tool '${tool.name}' ran past the request deadline`);
        }
        const attempt = limitedSignal({ signal, timeoutMs: tool.timeoutMs, what: `tool '${tool.name}'` });
        const attemptContext: ToolExecutionContext = { ...toolContext, signal: attempt.signal, ...(deadline === undefined ? {} : { deadline }) };
        let raw: unknown;
        try {
          invoked = true;
          attempts++;
          raw = await raceSignal(callTool(invocation, attemptContext), attempt.signal);
        } catch (error) {
          const failure = toToolError(error, tool.name, attempt.signal);
          const verdict = isUpstreamFailure(failure);
          if (verdict === true) permit?.failure();
          else if (verdict === false) permit?.success();
          else permit?.release();
          throw failure;
        } finally {
          attempt.dispose();
          slot.release();
        }
        permit?.success();
        return this.checkOutput(tool, raw);
      }, {
        retries: mayRetry ? tool.retries ?? 0 : 0,
        signal,
        ...(startDeadline === undefined ? {} : { deadline: startDeadline }),
        ...this.retryDelays,
      });
      return { ok: true, output, attempts, queuedMs, source: 'call', invoked };
    } catch (error) {
      return { ok: false, error: toToolError(error, tool.name, signal), attempts, queuedMs, source: 'call', invoked };
    }
  }

  /** The cached output (undefined for a miss); synchronous when there is no cache or it answers at once. */
  private cacheLookup(call: ToolResultCacheCall, context: ToolExecutionContext): unknown {
    if (!this.cache) return undefined;
    try {
      const hit = this.cache.get(call, context);
      if (!(hit instanceof Promise)) return hit;
      return raceSignal(hit, context.signal).catch((error: unknown) => {
        if (context.signal.aborted) throw error;
        return undefined;
      });
    } catch {
      return undefined;
    }
  }

  private cacheStore(call: ToolResultCacheCall, context: ToolExecutionContext, output: unknown): void {
    try {
      const stored = this.cache?.set(call, context, output);
      if (stored instanceof Promise) stored.catch(() => undefined);
    } catch {
      // A cache that cannot store costs a future hit, never this answer.
    }
  }

  private async cacheInvalidate(call: ToolResultCacheCall, context: ToolExecutionContext, output: unknown): Promise<void> {
    try {
      await this.cache?.invalidate?.(call, context, output);
    } catch {
      // Ignored like a failed store: the write itself succeeded.
    }
  }

  private emitProgress(invocation: Invocation): void {
    const { tool, input, context } = invocation;
    if (tool.progress !== undefined) this.emit(context, { type: 'progress', message: renderTemplate(tool.progress, input), toolName: tool.name });
  }

  private emit(context: ToolRunContext, event: ToolExecutorEvent): void {
    try {
      context.onEvent?.(event);
    } catch {
      // A failing listener must not fail the call it is watching.
    }
  }
}

/** Builds an executor over a set of tools; options are checked here, once. */
export function createToolExecutor(options: ToolExecutorOptions): ToolExecutor {
  return new DefaultToolExecutor(options);
}
