import type { AgentSummary, BenchResult } from '../run/index.js';
import { scoreLabels } from '../scoring/index.js';

export interface MarkdownReportOptions {
  /** Chart file names, relative to the report. */
  latencyChart: string;
  waterfallChart: string;
  /** The JSON results, relative to the report, when written. */
  json?: string;
}

/** The benchmark report: setup, summary with ratios, first event/token, scores, calls, stages, bound, charts. */
export function renderMarkdownReport(result: BenchResult, options: MarkdownReportOptions): string {
  const { agents } = result;
  const reference = agents[0]?.name ?? '';
  const arrival = result.arrival.mode === 'closed'
    ? `closed loop, ${result.arrival.concurrency} concurrent users per agent`
    : `open loop, Poisson arrivals at ${result.arrival.ratePerSecond}/s`;
  const lines: string[] = [
    `# Benchmark: ${result.scenario}`,
    '',
    `${result.requests} requests of the ${result.domain} domain per agent, ${arrival}, all agents interleaved on the same simulator. ` +
      `Models: fast \`${result.models.fast}\`, powerful \`${result.models.powerful}\`; providers: ${result.providers.map(providerText).join('; ')}. ` +
      `Seed ${result.seed}, time scale ${result.timeScale}, timeout ${seconds(result.timeoutMs)} per request.`,
    '',
    `All times are scenario time (wall time ÷ time scale). Percentiles: ${result.percentileMethod}. ` +
      `Ratios (×) are against the first agent, **${reference}**. Method: docs/decisions/003-benchmark-method.md.`,
    '',
    `Run ${result.date} on ${result.machine.cpus} × ${result.machine.cpuModel} (${result.machine.platform}/${result.machine.arch}, Node ${result.machine.node}, ` +
      `load ${result.machine.loadAverage.join(' ')}), ${result.wallSeconds.toFixed(1)} s wall, ${result.machine.processCpuSeconds.toFixed(1)} s CPU; ` +
      `event-loop delay p50 ${result.machine.eventLoopDelayMs.p50} ms, p99 ${result.machine.eventLoopDelayMs.p99} ms, max ${result.machine.eventLoopDelayMs.max} ms ` +
      `(wall ms, the noise every agent shared).` + (options.json ? ` Raw results: [${options.json}](${options.json}).` : ''),
    '',
    '## Summary',
    '',
    table(
      ['Agent', 'Mean', 'p50', 'p80', 'p95', 'p99', '× mean', '× p95', '< 3 s', '< 5 s', 'Correct', 'Bound ratio'],
      agents.map((agent) => [
        agent.name, seconds(agent.latencyMs.mean), seconds(agent.latencyMs.p50), seconds(agent.latencyMs.p80), seconds(agent.latencyMs.p95),
        seconds(agent.latencyMs.p99), times(agent.ratios.latencyMean), times(agent.ratios.latencyP95), percent(agent.under3s), percent(agent.under5s),
        percent(agent.scores.correct / Math.max(1, result.requests)), agent.boundRatio === null ? '–' : `${agent.boundRatio.toFixed(2)}`,
      ]),
    ),
    '',
    `< 3 s / < 5 s: share of all requests answered (no error, no timeout) within the limit; the seed's targets are 80% and 95%.`,
    '',
    `![Latency distribution per agent](${options.latencyChart})`,
    '',
    '## First event and first token',
    '',
    'First event: when the user could first see something (progress, tool activity or text). First token: the first token of the answer ' +
      '(the model\'s final turn; a preamble such as "Let me look that up." before tool calls is a first event).',
    '',
    table(
      ['Agent', 'First event p50', 'First event p95', '× first event p50', 'First token p50', 'First token p95', '× first token p50'],
      agents.map((agent) => [
        agent.name, seconds(agent.firstEventMs.p50), seconds(agent.firstEventMs.p95), times(agent.ratios.firstEventP50),
        seconds(agent.firstTokenMs.p50), seconds(agent.firstTokenMs.p95), times(agent.ratios.firstTokenP50),
      ]),
    ),
    '',
    '## Correctness',
    '',
    'One label per request, the first that applies: failed · otherUser · wrongEntity · missingSideEffect · stale · correct.',
    '',
    table(['Agent', ...[...scoreLabels].reverse()], agents.map((agent) => [agent.name, ...[...scoreLabels].reverse().map((label) => String(agent.scores[label]))])),
    '',
    ...errorSection(agents),
    '## Backend calls',
    '',
    'Counted from the simulator\'s call log (what each agent really sent), not from the agent\'s own account.',
    '',
    table(
      ['Agent', 'LLM fast', 'LLM powerful', 'Tool calls', 'Calls / request', '× calls', 'New connections', 'Cold starts', 'Cache served'],
      agents.map((agent) => {
        const total = agent.llmCalls.fast + agent.llmCalls.powerful + agent.toolCalls;
        return [
          agent.name, String(agent.llmCalls.fast), String(agent.llmCalls.powerful), String(agent.toolCalls),
          (total / Math.max(1, result.requests)).toFixed(2), times(agent.ratios.backendCalls), String(agent.newConnections),
          String(agent.coldStarts), cacheServedText(agent),
        ];
      }),
    ),
    '',
    '## Where the time goes',
    '',
    'Mean per answered request, scenario ms. Model and tool time exclude connection setup and cold start; calls that run in parallel ' +
      'overlap, so the rows can add up to more than the latency. Agent overhead: request time with none of its backend calls in flight.',
    '',
    stageTable(agents),
    '',
    `![Waterfall of one typical request per agent](${options.waterfallChart})`,
    '',
    ...waterfallNote(result),
    '## Critical-path bound',
    '',
    `The least time any implementation could take for a request given the fresh data it needs and one model call to write the answer: ` +
      `the longest dependency chain of its planned tool calls plus the answer call (fast model for simple requests, powerful for complex). ` +
      `Mean bound ${seconds(result.bound.meanMs)}, median ${seconds(result.bound.p50Ms)}. Bound ratio: mean over answered requests of latency ÷ bound.`,
    '',
    table(['Agent', 'Mean latency', 'Bound ratio'], agents.map((agent) => [agent.name, seconds(agent.latencyMs.mean), agent.boundRatio === null ? '–' : agent.boundRatio.toFixed(2)])),
    '',
    '## By request kind',
    '',
    kindTable(agents),
    '',
    '## Versions',
    '',
    table(['Agent', 'Runs on'], agents.map((agent) => [agent.name, versionText(agent)]), 2),
    '',
  ];
  return lines.join('\n');
}

function stageTable(agents: readonly AgentSummary[]): string {
  const stages = [...new Set(agents.flatMap((agent) => agent.stages.map((row) => row.stage)))];
  const order = (stage: string) => (stage === 'agent overhead' ? 2 : stage.startsWith('agent: ') ? 1 : 0);
  stages.sort((a, b) => order(a) - order(b));
  const rows = stages.map((stage) => [
    stage,
    ...agents.map((agent) => {
      const row = agent.stages.find((candidate) => candidate.stage === stage);
      return row === undefined ? '–' : String(Math.round(row.meanMs));
    }),
  ]);
  rows.push(['**end-to-end (mean)**', ...agents.map((agent) => (agent.latencyMs.mean === null ? '–' : `**${Math.round(agent.latencyMs.mean)}**`))]);
  return table(['Stage', ...agents.map((agent) => agent.name)], rows);
}

function kindTable(agents: readonly AgentSummary[]): string {
  const kinds = new Map<string, { complexity: string; requests: number }>();
  for (const agent of agents) for (const kind of agent.byKind) kinds.set(kind.kind, { complexity: kind.complexity, requests: kind.requests });
  const rows = [...kinds].map(([kind, { complexity, requests }]) => [
    kind, complexity, String(requests),
    ...agents.map((agent) => {
      const row = agent.byKind.find((candidate) => candidate.kind === kind);
      return row === undefined ? '–' : `${seconds(row.latencyMs.p50)} · ${percent(row.correct / Math.max(1, row.requests))}`;
    }),
  ]);
  return table(['Kind', 'Complexity', 'Requests', ...agents.map((agent) => `${agent.name} (p50 · correct)`)], rows, 2);
}

function errorSection(agents: readonly AgentSummary[]): string[] {
  const withErrors = agents.filter((agent) => agent.errors.length > 0);
  if (withErrors.length === 0) return [];
  return [
    'Most frequent errors:',
    '',
    ...withErrors.flatMap((agent) => agent.errors.map((error) => `- ${agent.name} (${error.count}×): ${error.message.replace(/\s+/g, ' ')}`)),
    '',
  ];
}

function waterfallNote(result: BenchResult): string[] {
  if (result.waterfall === null) return [];
  return [`Typical request \`${result.waterfall.requestId}\` (${result.waterfall.kind}): “${result.waterfall.text}”`, ''];
}

function providerText(provider: BenchResult['providers'][number]): string {
  const tail = provider.slowTail ? ` (slow tail: ${percent(provider.slowTail.probability)} of calls ×${provider.slowTail.factor})` : '';
  return `\`${provider.name}\` serving ${provider.models.map((model) => `\`${model}\``).join(', ')}${tail}`;
}

function versionText(agent: AgentSummary): string {
  const entries = Object.entries(agent.versions);
  return entries.length === 0 ? '–' : entries.map(([name, version]) => `${name} ${version}`).join(', ');
}

/** A Markdown table; the first `textColumns` columns are left-aligned, the (numeric) rest right-aligned. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, textColumns = 1): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map((_cell, index) => (index < textColumns ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function seconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share === 0 || share === 1 ? 0 : 1)}%`;
}

function times(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)}×`;
}

/** "13.5% (exact 2.0%, plan 11.5%)": the share of requests a cache served, by layer. */
function cacheServedText(agent: { cacheServed: number; cacheServedByLayer?: Record<string, number> }): string {
  const layers = Object.entries(agent.cacheServedByLayer ?? {}).filter(([, share]) => share > 0);
  return layers.length === 0 ? percent(agent.cacheServed) : `${percent(agent.cacheServed)} (${layers.map(([layer, share]) => `${layer} ${percent(share)}`).join(', ')})`;
}
