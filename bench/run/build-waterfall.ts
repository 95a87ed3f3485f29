import type { CallRecord } from '../../sim/index.js';
import type { BenchRequest } from '../workload/index.js';
import type { Waterfall } from './bench-result.js';
import type { ScoredOutcome } from './request-outcome.js';

export interface BuildWaterfallOptions {
  requests: readonly BenchRequest[];
  /** Outcomes by agent, in agent order; index i is request i. */
  outcomes: ReadonlyArray<{ name: string; outcomes: readonly ScoredOutcome[]; calls: readonly CallRecord[] }>;
  timeScale: number;
}

/**
 * The same typical request as every agent ran it. Typical: answered by every agent, with at least
 * two independent planned calls (so sequential and parallel execution look different), and the
 * first agent's latency closest to the median of such requests.
 */
export function buildWaterfall({ requests, outcomes, timeScale }: BuildWaterfallOptions): Waterfall | null {
  const answeredByAll = requests.filter((_request, index) =>
    outcomes.every((agent) => agent.outcomes[index] !== undefined && agent.outcomes[index].error === undefined),
  );
  const independent = answeredByAll.filter((request) => request.plan.filter((call) => call.dependsOn.length === 0).length >= 2);
  const candidates = independent.length > 0 ? independent : answeredByAll;
  const first = outcomes[0];
  if (candidates.length === 0 || first === undefined) return null;

  const latencyOf = (request: BenchRequest) => {
    const outcome = first.outcomes[request.index] as ScoredOutcome;
    return outcome.endedAt - outcome.startedAt;
  };
  const sorted = [...candidates].sort((a, b) => latencyOf(a) - latencyOf(b));
  const median = latencyOf(sorted[Math.floor((sorted.length - 1) / 2)] as BenchRequest);
  const typical = sorted.reduce((best, request) =>
    Math.abs(latencyOf(request) - median) < Math.abs(latencyOf(best) - median) ? request : best,
  );

  return {
    requestId: typical.id,
    kind: typical.kind,
    text: typical.text,
    agents: outcomes.map(({ name, outcomes: agentOutcomes, calls }) => {
      const outcome = agentOutcomes[typical.index] as ScoredOutcome;
      const toScenario = (at: number) => (at - outcome.startedAt) / timeScale;
      return {
        name,
        latencyMs: toScenario(outcome.endedAt),
        firstTokenMs: outcome.firstTokenAt === undefined ? null : toScenario(outcome.firstTokenAt),
        score: outcome.score.label,
        bars: calls
          .filter((call) => call.key === typical.id)
          .sort((a, b) => a.startedAt - b.startedAt)
          .map((call) => ({
            kind: call.kind,
            name: call.name,
            ...(call.tier === undefined ? {} : { tier: call.tier }),
            startMs: toScenario(call.startedAt),
            endMs: toScenario(call.endedAt),
            penaltyMs: call.connectionPenaltyMs + call.coldStartMs,
          })),
      };
    }),
  };
}
