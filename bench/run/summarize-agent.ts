import type { CallRecord, SimulatorConfig } from '../../sim/index.js';
import { emptyScoreCounts } from '../scoring/index.js';
import { shareBelow, summarizeLatency } from '../stats/index.js';
import type { AgentSummary, KindSummary, RequestRow, StageRow } from './bench-result.js';
import type { ScoredOutcome } from './request-outcome.js';
import { requestStages, type RequestStages } from './request-stages.js';

export interface SummarizeAgentOptions {
  name: string;
  outcomes: readonly ScoredOutcome[];
  /** The agent's calls made during the timed phase. */
  calls: readonly CallRecord[];
  /** Critical-path bound by request key, scenario ms. */
  boundsMs: ReadonlyMap<string, number>;
  config: Pick<SimulatorConfig, 'models'>;
  timeScale: number;
  versions?: Readonly<Record<string, string>>;
}

/** Everything the report says about one agent, except the ratios against the first agent. */
export function summarizeAgent(options: SummarizeAgentOptions): Omit<AgentSummary, 'ratios'> {
  const { name, outcomes, calls, boundsMs, config, timeScale } = options;
  const toScenario = (wallMs: number) => wallMs / timeScale;
  const callsByKey = groupBy(calls, (call) => call.key);

  const latencies = outcomes.map((outcome) => toScenario(outcome.endedAt - outcome.startedAt));
  const answered = outcomes.filter((outcome) => outcome.error === undefined);
  const answeredLatencies = answered.map((outcome) => toScenario(outcome.endedAt - outcome.startedAt));
  const sinceStart = (at: number | undefined, outcome: ScoredOutcome) => (at === undefined ? undefined : toScenario(at - outcome.startedAt));

  const scores = emptyScoreCounts();
  for (const outcome of outcomes) scores[outcome.score.label]++;

  const llmCalls = { fast: 0, powerful: 0 };
  for (const call of calls) {
    if (call.kind !== 'llm') continue;
    const tier = call.tier ?? config.models[call.name]?.tier;
    if (tier !== undefined) llmCalls[tier]++;
  }

  const stagesByRequest = answered.map((outcome) =>
    requestStages({ calls: callsByKey.get(outcome.key) ?? [], startedAt: outcome.startedAt, endedAt: outcome.endedAt, spans: outcome.spans, timeScale }),
  );

  const ratios = answered
    .map((outcome) => {
      const bound = boundsMs.get(outcome.key);
      return bound === undefined || bound <= 0 ? undefined : toScenario(outcome.endedAt - outcome.startedAt) / bound;
    })
    .filter((value): value is number => value !== undefined);

  const perRequest: RequestRow[] = outcomes.map((outcome) => {
    const requestCalls = callsByKey.get(outcome.key) ?? [];
    return {
      id: outcome.key,
      kind: outcome.kind,
      complexity: outcome.complexity,
      latencyMs: toScenario(outcome.endedAt - outcome.startedAt),
      firstEventMs: sinceStart(outcome.firstEventAt, outcome) ?? null,
      firstTokenMs: sinceStart(outcome.firstTokenAt, outcome) ?? null,
      score: outcome.score.label,
      reasons: outcome.score.reasons,
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
      boundMs: boundsMs.get(outcome.key) ?? 0,
      llmCalls: requestCalls.filter((call) => call.kind === 'llm').length,
      toolCalls: requestCalls.filter((call) => call.kind === 'tool').length,
      cacheServed: outcome.cacheServed,
      ...(outcome.cacheLayer === undefined ? {} : { cacheLayer: outcome.cacheLayer }),
    };
  });
  const cacheServedByLayer: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.cacheServed && outcome.cacheLayer !== undefined) cacheServedByLayer[outcome.cacheLayer] = (cacheServedByLayer[outcome.cacheLayer] ?? 0) + 1 / outcomes.length;
  }

  return {
    name,
    latencyMs: summarizeLatency(latencies),
    firstTokenMs: summarizeLatency(outcomes.map((outcome) => sinceStart(outcome.firstTokenAt, outcome)).filter(isNumber)),
    firstEventMs: summarizeLatency(outcomes.map((outcome) => sinceStart(outcome.firstEventAt, outcome)).filter(isNumber)),
    under3s: shareBelow(answeredLatencies, 3000, outcomes.length),
    under5s: shareBelow(answeredLatencies, 5000, outcomes.length),
    scores,
    llmCalls,
    toolCalls: calls.filter((call) => call.kind === 'tool').length,
    cacheServed: outcomes.length === 0 ? 0 : outcomes.filter((outcome) => outcome.cacheServed).length / outcomes.length,
    cacheServedByLayer,
    boundRatio: ratios.length === 0 ? null : ratios.reduce((sum, value) => sum + value, 0) / ratios.length,
    newConnections: calls.filter((call) => call.connectionPenaltyMs > 0).length,
    coldStarts: calls.filter((call) => call.coldStartMs > 0).length,
    stages: stageRows(stagesByRequest),
    byKind: kindSummaries(outcomes, timeScale),
    versions: { ...(options.versions ?? {}) },
    errors: topErrors(outcomes),
    perRequest,
  };
}

function stageRows(stages: readonly RequestStages[]): StageRow[] {
  if (stages.length === 0) return [];
  const mean = (pick: (stage: RequestStages) => number) => stages.reduce((sum, stage) => sum + pick(stage), 0) / stages.length;
  const toolNames = [...new Set(stages.flatMap((stage) => Object.keys(stage.tools)))].sort();
  const agentStages = [...new Set(stages.flatMap((stage) => Object.keys(stage.agent)))].sort();
  return [
    { stage: 'connection setup', meanMs: mean((stage) => stage.connection) },
    { stage: 'cold start', meanMs: mean((stage) => stage.coldStart) },
    { stage: 'LLM', meanMs: mean((stage) => stage.llm) },
    ...toolNames.map((tool) => ({ stage: `tool ${tool}`, meanMs: mean((stage) => stage.tools[tool] ?? 0) })),
    ...agentStages.map((name) => ({ stage: `agent: ${agentStageLabel(name)}`, meanMs: mean((stage) => stage.agent[name] ?? 0) })),
    { stage: 'agent overhead', meanMs: mean((stage) => stage.overhead) },
  ];
}

const agentStageLabels: Record<string, string> = { classify: 'classification', format: 'formatting', embed: 'embedding', plan: 'planning' };

function agentStageLabel(stage: string): string {
  return agentStageLabels[stage] ?? stage;
}

function kindSummaries(outcomes: readonly ScoredOutcome[], timeScale: number): KindSummary[] {
  return [...groupBy(outcomes, (outcome) => outcome.kind)].map(([kind, group]) => ({
    kind,
    complexity: (group[0] as ScoredOutcome).complexity,
    requests: group.length,
    latencyMs: summarizeLatency(group.map((outcome) => (outcome.endedAt - outcome.startedAt) / timeScale)),
    correct: group.filter((outcome) => outcome.score.label === 'correct').length,
  })).sort((a, b) => b.requests - a.requests || a.kind.localeCompare(b.kind));
}

function topErrors(outcomes: readonly ScoredOutcome[]): Array<{ message: string; count: number }> {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) if (outcome.error !== undefined) counts.set(outcome.error, (counts.get(outcome.error) ?? 0) + 1);
  return [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count).slice(0, 5);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}
