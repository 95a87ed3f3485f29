// Deadline-aware choice of the deployment for a call: walk the tiers in the order asked (the wanted
// tier, then cheaper ones when it cannot fit; or the failover/escalation order), keep the deployments
// whose estimated finish (TTFT + expected output tokens / tokens per second) fits the remaining
// budget, prefer those no 429 asked us to avoid, and split traffic by weight, tilted to the faster
// and healthier ones. A deployment nothing is known about yet is assumed to fit.

import type { ResolvedDeployment, ResolvedTier } from './router-options.js';

export interface ChooseDeploymentInput {
  tiers: readonly ResolvedTier[];
  /** Tier indexes to try, in order. */
  tierOrder: readonly number[];
  /** Deployments already tried for this step. */
  exclude?: ReadonlySet<ResolvedDeployment>;
  /** Milliseconds left before the request's deadline. */
  remainingMs: number;
  safetyMarginMs: number;
  expectedOutputTokens(tierIndex: number): number;
  random(): number;
  now: number;
}

export type DeploymentChoice =
  | { kind: 'chosen'; deployment: ResolvedDeployment; estimatedMs: number | undefined }
  /** Candidates exist, but none is expected to finish in time. */
  | { kind: 'too-slow'; fastestEstimateMs: number }
  /** Every candidate was excluded. */
  | { kind: 'none' };

interface Candidate {
  deployment: ResolvedDeployment;
  estimatedMs: number | undefined;
}

export function chooseDeployment(input: ChooseDeploymentInput): DeploymentChoice {
  let fastestTooSlow = Number.POSITIVE_INFINITY;
  let sawCandidate = false;
  // First pass skips deployments cooling down after a 429; the second accepts them rather than give up.
  for (const allowCooling of [false, true]) {
    for (const tierIndex of input.tierOrder) {
      const tier = input.tiers[tierIndex];
      if (tier === undefined) continue;
      const outputTokens = input.expectedOutputTokens(tierIndex);
      const fitting: Candidate[] = [];
      for (const deployment of tier.deployments) {
        if (input.exclude?.has(deployment)) continue;
        sawCandidate = true;
        if (!allowCooling && deployment.estimates.isCoolingDown(input.now)) continue;
        const estimatedMs = deployment.estimates.estimateDurationMs(outputTokens);
        const fits = input.remainingMs > 0 && (estimatedMs === undefined || estimatedMs + input.safetyMarginMs <= input.remainingMs);
        if (fits) fitting.push({ deployment, estimatedMs });
        else if (estimatedMs !== undefined) fastestTooSlow = Math.min(fastestTooSlow, estimatedMs);
      }
      if (fitting.length > 0) {
        const chosen = pickWeighted(fitting, input.random);
        return { kind: 'chosen', deployment: chosen.deployment, estimatedMs: chosen.estimatedMs };
      }
    }
  }
  if (!sawCandidate) return { kind: 'none' };
  return { kind: 'too-slow', fastestEstimateMs: Number.isFinite(fastestTooSlow) ? fastestTooSlow : 0 };
}

function pickWeighted(candidates: Candidate[], random: () => number): Candidate {
  if (candidates.length === 1) return candidates[0]!;
  let fastest = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) if (candidate.estimatedMs !== undefined) fastest = Math.min(fastest, candidate.estimatedMs);
  const weights = candidates.map(({ deployment, estimatedMs }) => {
    const speed = estimatedMs === undefined || !Number.isFinite(fastest) || estimatedMs <= 0 ? 1 : fastest / estimatedMs;
    return deployment.weight * (1 - deployment.estimates.errorRate) * speed;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) {
    // Only standbys (weight 0) or failing deployments are left: take the fastest known.
    return candidates.reduce((best, candidate) => ((candidate.estimatedMs ?? Infinity) < (best.estimatedMs ?? Infinity) ? candidate : best));
  }
  let point = random() * total;
  for (let index = 0; index < candidates.length; index++) {
    point -= weights[index]!;
    if (point < 0) return candidates[index]!;
  }
  return candidates[candidates.length - 1]!;
}

/** The wanted tier, then each cheaper one (a faster tier may still fit a tight budget). */
export function downgradeOrder(wanted: number): number[] {
  const order: number[] = [];
  for (let tier = wanted; tier >= 0; tier--) order.push(tier);
  return order;
}

/** Where a failed call may go next, by the configured failover order. */
export function failoverOrder(current: number, tierCount: number, order: 'next-tier' | 'same-tier' | 'any-tier'): number[] {
  const tiers = [current];
  if (order === 'same-tier') return tiers;
  for (let tier = current + 1; tier < tierCount; tier++) tiers.push(tier);
  if (order === 'any-tier') for (let tier = current - 1; tier >= 0; tier--) tiers.push(tier);
  return tiers;
}

/** The more capable tiers above `current`, nearest first. */
export function escalationOrder(current: number, tierCount: number): number[] {
  const tiers: number[] = [];
  for (let tier = current + 1; tier < tierCount; tier++) tiers.push(tier);
  return tiers;
}
