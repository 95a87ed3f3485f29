// What the router did, for dashboards, the benchmark and tests: where steps were answered, how often
// it escalated (and why), hedged, failed over or refused a call for the deadline, what holding text
// back cost, and how long its decisions took.

import type { DeploymentEstimateSnapshot } from './deployment-estimates.js';
import type { ResolvedDeployment } from './router-options.js';
import type { QualityFailureKind } from './router-types.js';
import { SlidingWindowQuantile } from './sliding-window-quantile.js';

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface RouterStats {
  /** Steps routed (one per model step of a run). */
  steps: number;
  /** Model calls made, hedges, escalations and failed attempts included, by tier. */
  callsByTier: Record<string, number>;
  /** Steps whose released answer came from each tier. */
  answeredByTier: Record<string, number>;
  /** Starting tier chosen per run, and how (classifier or heuristic). */
  startsByTier: Record<string, number>;
  /** `raisedByHeuristic`: classifier picks the text heuristic raised to a more capable tier. */
  startsBySource: { classifier: number; heuristic: number; raisedByHeuristic: number };
  escalations: number;
  escalationsByKind: Partial<Record<QualityFailureKind, number>>;
  /** Failures found after output was released (the next step moves up a tier instead). */
  lateFailures: number;
  /** Failed checks whose output was released anyway, because no better tier fit the deadline. */
  escalationsSkippedForDeadline: number;
  hedges: number;
  hedgeWins: number;
  /** Hedges per primary call. */
  hedgeRate: number;
  failovers: number;
  failoversByCode: Record<string, number>;
  /** Steps refused before any call because nothing could finish in time. */
  deadlineRejections: number;
  /** Steps sent to a faster tier than wanted because the wanted one could not finish in time. */
  deadlineDowngrades: number;
  /** Time from a gated call's first token to the release of its output (what holding back costs). */
  holdBack: LatencySummary;
  /** Time to choose a tier and deployment (classification included, embedding wait excluded). */
  decision: LatencySummary;
  learning: { lessons: number; saves: number; saveErrors: number };
  /** Spend from the configured per-1k-token prices. */
  cost: number;
  deployments: Array<DeploymentEstimateSnapshot & { id: string; tier: string; provider: string; modelId: string }>;
}

export class RouterCounters {
  steps = 0;
  readonly callsByTier: Record<string, number> = {};
  readonly answeredByTier: Record<string, number> = {};
  readonly startsByTier: Record<string, number> = {};
  readonly startsBySource = { classifier: 0, heuristic: 0, raisedByHeuristic: 0 };
  escalations = 0;
  readonly escalationsByKind: Partial<Record<QualityFailureKind, number>> = {};
  lateFailures = 0;
  escalationsSkippedForDeadline = 0;
  hedges = 0;
  hedgeWins = 0;
  primaryCalls = 0;
  failovers = 0;
  readonly failoversByCode: Record<string, number> = {};
  deadlineRejections = 0;
  deadlineDowngrades = 0;
  readonly holdBack = new LatencyWindow();
  readonly decision = new LatencyWindow();
  readonly learning = { lessons: 0, saves: 0, saveErrors: 0 };
  cost = 0;

  constructor(tierNames: readonly string[]) {
    for (const name of tierNames) {
      this.callsByTier[name] = 0;
      this.answeredByTier[name] = 0;
      this.startsByTier[name] = 0;
    }
  }
}

/** Count, mean and quantiles over the last few thousand samples. */
export class LatencyWindow {
  readonly #window = new SlidingWindowQuantile(4096);
  #count = 0;
  #sum = 0;

  add(ms: number): void {
    this.#count++;
    this.#sum += ms;
    this.#window.add(ms);
  }

  summary(): LatencySummary {
    return {
      count: this.#count,
      meanMs: this.#count === 0 ? 0 : this.#sum / this.#count,
      p50Ms: this.#window.quantile(0.5) ?? 0,
      p95Ms: this.#window.quantile(0.95) ?? 0,
      p99Ms: this.#window.quantile(0.99) ?? 0,
    };
  }
}

/** A copy of the counters and every deployment's live estimates, safe to keep or serialise. */
export function snapshotRouterStats(input: {
  counters: RouterCounters;
  deployments: readonly ResolvedDeployment[];
  hedging: { quantile: number; minSamples: number };
}): RouterStats {
  const { counters, hedging } = input;
  const now = Date.now();
  return {
    steps: counters.steps,
    callsByTier: { ...counters.callsByTier },
    answeredByTier: { ...counters.answeredByTier },
    startsByTier: { ...counters.startsByTier },
    startsBySource: { ...counters.startsBySource },
    escalations: counters.escalations,
    escalationsByKind: { ...counters.escalationsByKind },
    lateFailures: counters.lateFailures,
    escalationsSkippedForDeadline: counters.escalationsSkippedForDeadline,
    hedges: counters.hedges,
    hedgeWins: counters.hedgeWins,
    hedgeRate: counters.primaryCalls === 0 ? 0 : counters.hedges / counters.primaryCalls,
    failovers: counters.failovers,
    failoversByCode: { ...counters.failoversByCode },
    deadlineRejections: counters.deadlineRejections,
    deadlineDowngrades: counters.deadlineDowngrades,
    holdBack: counters.holdBack.summary(),
    decision: counters.decision.summary(),
    learning: { ...counters.learning },
    cost: counters.cost,
    deployments: input.deployments.map((deployment) => ({
      id: deployment.id,
      tier: deployment.tierName,
      provider: deployment.provider,
      modelId: deployment.model.modelId,
      ...deployment.estimates.snapshot(hedging.quantile, hedging.minSamples, now),
    })),
  };
}
