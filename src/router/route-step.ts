// One step of a run through the router: call the chosen deployment (hedged past its TTFT quantile),
// hold a cheaper tier's output behind the quality gate, redo the step on the next tier when the gate
// fails it, and fail over to the next deployment when a call errors before anything was released.
// Nothing waits on a backoff while another deployment could answer.

import type { ModelStreamPart, ModelUsage } from '../spec/index.js';
import { HotpathError, sleep } from '../util/index.js';
import { chooseDeployment, escalationOrder, failoverOrder, type DeploymentChoice } from './choose-deployment.js';
import { firstToStart } from './first-to-start.js';
import type { HedgeBudget } from './hedge-budget.js';
import { startModelAttempt, type ModelAttempt } from './model-attempt.js';
import type { ResolvedDeployment, ResolvedRouterSettings } from './router-options.js';
import type { RouterCounters } from './router-stats.js';
import type { QualityFailure, RouterStepRequest } from './router-types.js';
import { StepGate, type GateVerdict } from './step-gate.js';

/** What the router remembers about a run between its steps. */
export interface RunRoute {
  readonly text: string;
  readonly embedding: Float32Array | undefined;
  /** Tier each step starts on: the classifier's pick, raised for good once the run failed `stickyAfter` times. */
  tier: number;
  /** A one-step floor: after a late failure the next step must be redone by a more capable tier. */
  nextStepTier: number | undefined;
  /** Quality failures in this run (escalations and late failures). */
  failures: number;
  escalated: boolean;
  /** Whether this run already taught the classifier (once per run). */
  learned: boolean;
}

export interface StepRouting {
  readonly settings: ResolvedRouterSettings;
  readonly counters: RouterCounters;
  readonly budget: HedgeBudget;
  expectedOutputTokens(tierIndex: number): number;
  recordUsage(deployment: ResolvedDeployment, usage: ModelUsage): void;
  learn(route: RunRoute, servedTier: number, succeeded: boolean): void;
}

const contentParts = new Set<ModelStreamPart['type']>(['text-delta', 'tool-input-start', 'tool-input-delta', 'tool-call']);

/** The error a step fails with when no deployment can finish before the deadline. */
export function deadlineExceeded(remainingMs: number, choice: Extract<DeploymentChoice, { kind: 'too-slow' }>): HotpathError {
  const left = Math.max(0, Math.round(remainingMs));
  return new HotpathError(
    'HOTPATH_DEADLINE_EXCEEDED',
    `no model can finish within the ${left} ms left before the request's deadline (fastest estimate ${Math.round(choice.fastestEstimateMs)} ms)`,
    { details: { remainingMs: left, fastestEstimateMs: Math.round(choice.fastestEstimateMs) } },
  );
}

function canFailOver(error: unknown): boolean {
  return HotpathError.isInstance(error) && error.isRetryable && error.code !== 'HOTPATH_DEADLINE_EXCEEDED';
}

export async function* routeStep(
  routing: StepRouting,
  request: RouterStepRequest,
  route: RunRoute,
  first: ResolvedDeployment,
): AsyncGenerator<ModelStreamPart, void, undefined> {
  const { settings, counters } = routing;
  const run = request.run;
  const lastTier = settings.tiers.length - 1;
  const tried = new Set<ResolvedDeployment>();
  let deployment = first;
  let escalated = false;
  let released = false;
  let waitedForRetryAfter = false;
  let current: ModelAttempt | undefined;

  const choose = (tierOrder: number[], exclude: ReadonlySet<ResolvedDeployment>) => {
    const remainingMs = run.deadline - Date.now();
    return {
      remainingMs,
      choice: chooseDeployment({
        tiers: settings.tiers,
        tierOrder,
        exclude,
        remainingMs,
        safetyMarginMs: settings.deadline.safetyMarginMs,
        expectedOutputTokens: routing.expectedOutputTokens,
        random: settings.random,
        now: Date.now(),
      }),
    };
  };

  const hedgeAfterMs = (target: ResolvedDeployment): number | undefined => {
    const { hedging } = settings;
    if (!hedging.enabled || settings.tiers[target.tierIndex]!.deployments.length < 2) return undefined;
    return target.estimates.ttftQuantile(hedging.quantile, hedging.minSamples);
  };

  const hedgeTarget = (primary: ResolvedDeployment): ResolvedDeployment | undefined => {
    const { choice } = choose([primary.tierIndex], new Set([...tried, primary]));
    if (choice.kind !== 'chosen' || !routing.budget.tryTake()) return undefined;
    counters.hedges++;
    return choice.deployment;
  };

  const start = (target: ResolvedDeployment, hedged: boolean): ModelAttempt => {
    counters.callsByTier[target.tierName] = (counters.callsByTier[target.tierName] ?? 0) + 1;
    if (!hedged) {
      counters.primaryCalls++;
      routing.budget.recordCall();
    }
    return startModelAttempt({ deployment: target, request, escalated, hedged, onFinish: (usage) => routing.recordUsage(target, usage) });
  };

  // The deployment to try after `error`, or the error itself when nothing may or can take over.
  const nextAfterError = async (error: unknown, failed: ResolvedDeployment): Promise<ResolvedDeployment> => {
    if (!canFailOver(error) || run.signal.aborted) throw error;
    const { remainingMs, choice } = choose(failoverOrder(failed.tierIndex, settings.tiers.length, settings.failover.order), tried);
    if (choice.kind === 'too-slow') throw deadlineExceeded(remainingMs, choice);
    if (choice.kind === 'chosen') {
      const code = (error as HotpathError).code;
      counters.failovers++;
      counters.failoversByCode[code] = (counters.failoversByCode[code] ?? 0) + 1;
      return choice.deployment;
    }
    // Every deployment failed. Waiting is worth it only once, and only when the wait and the call still fit.
    const waitMs = (error as HotpathError).retryAfterMs;
    const callMs = failed.estimates.estimateDurationMs(routing.expectedOutputTokens(failed.tierIndex)) ?? 0;
    if (waitedForRetryAfter || waitMs === undefined || waitMs + callMs + settings.deadline.safetyMarginMs > remainingMs) throw error;
    waitedForRetryAfter = true;
    await sleep(waitMs, run.signal);
    tried.clear();
    return failed;
  };

  try {
    for (;;) {
      const outcome = await firstToStart({
        primary: deployment,
        start,
        hedgeAfterMs: hedgeAfterMs(deployment),
        hedgeTarget: () => hedgeTarget(deployment),
        attemptTimeoutMs: settings.failover.attemptTimeoutMs,
      });
      // A hedge's cancelled loser did nothing wrong: only failed attempts and the winner count as tried.
      if (outcome.kind === 'started') tried.add(outcome.attempt.deployment);
      else for (const attempt of outcome.attempts) tried.add(attempt.deployment);
      if (outcome.kind === 'failed') {
        deployment = await nextAfterError(outcome.error, deployment);
        continue;
      }
      const attempt = (current = outcome.attempt);
      if (attempt.hedged) counters.hedgeWins++;
      const tierIndex = attempt.deployment.tierIndex;
      const gate = settings.escalation.enabled && tierIndex < lastTier ? new StepGate({ messages: request.messages, tools: request.tools, ...settings.escalation }) : undefined;
      const firstTokenAt = performance.now();
      let failure: QualityFailure | undefined;
      let escalateTo: ResolvedDeployment | undefined;
      let streamFailed = false;
      let streamError: unknown;
      try {
        for (;;) {
          const next = await attempt.next();
          if (next.done) break;
          let verdict: GateVerdict = gate === undefined ? { action: 'release', parts: [next.value] } : gate.push(next.value);
          if (verdict.action === 'hold') continue;
          if (verdict.action === 'fail') {
            escalateTo = escalationTarget(tierIndex);
            if (escalateTo !== undefined) {
              failure = verdict.failure;
              break;
            }
            counters.escalationsSkippedForDeadline++;
            routing.learn(route, tierIndex, false);
            verdict = { action: 'release', parts: gate!.releaseAll() };
          }
          if (gate !== undefined && !released && verdict.parts.some((part) => contentParts.has(part.type))) {
            counters.holdBack.add(performance.now() - firstTokenAt);
          }
          for (const part of verdict.parts) {
            if (contentParts.has(part.type)) released = true;
            yield part;
          }
        }
      } catch (error) {
        streamFailed = true;
        streamError = error;
      }
      if (streamFailed) {
        // Once text or a tool call reached the caller the step cannot be redone without repeating it.
        if (released) throw streamError;
        deployment = await nextAfterError(streamError, attempt.deployment);
        continue;
      }
      if (failure !== undefined && escalateTo !== undefined) {
        attempt.cancel(new HotpathError('HOTPATH_ABORTED', `escalated to ${escalateTo.tierName}: ${failure.detail}`));
        counters.escalations++;
        counters.escalationsByKind[failure.kind] = (counters.escalationsByKind[failure.kind] ?? 0) + 1;
        routing.learn(route, tierIndex, false);
        noteFailure(escalateTo.tierIndex);
        escalated = true;
        deployment = escalateTo;
        continue;
      }
      counters.answeredByTier[attempt.deployment.tierName] = (counters.answeredByTier[attempt.deployment.tierName] ?? 0) + 1;
      if (gate?.lateFailure !== undefined) {
        // Already dispatched: the next step goes up a tier and sees the failed call's error result.
        counters.lateFailures++;
        routing.learn(route, tierIndex, false);
        noteFailure(Math.min(lastTier, tierIndex + 1));
        route.nextStepTier = Math.min(lastTier, tierIndex + 1);
      } else if (gate !== undefined && gate.toolCalls === 0 && !route.escalated) {
        routing.learn(route, tierIndex, true);
      }
      return;
    }
  } finally {
    current?.cancel(new HotpathError('HOTPATH_ABORTED', 'the step was abandoned by its consumer'));
  }

  // One failure may be the cheaper model's bad luck (later steps go back to the run's tier); repeated
  // failures say the request is beyond it, so the rest of the run stays on the tier that succeeded.
  function noteFailure(succeededTier: number): void {
    route.escalated = true;
    route.failures++;
    if (route.failures >= settings.escalation.stickyAfter) route.tier = Math.max(route.tier, succeededTier);
  }

  function escalationTarget(fromTier: number): ResolvedDeployment | undefined {
    const { choice } = choose(escalationOrder(fromTier, settings.tiers.length), new Set());
    return choice.kind === 'chosen' ? choice.deployment : undefined;
  }
}
