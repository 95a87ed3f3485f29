import type { BenchResult } from '../run/index.js';

/** A short plain-text table of the results for the terminal. */
export function summaryText(result: BenchResult): string {
  const header = ['agent', 'mean', 'p50', 'p95', '×mean', '<3s', '<5s', 'correct', 'LLM f/p', 'tools', 'bound×'];
  const rows = result.agents.map((agent) => [
    agent.name,
    seconds(agent.latencyMs.mean),
    seconds(agent.latencyMs.p50),
    seconds(agent.latencyMs.p95),
    agent.ratios.latencyMean === null ? '–' : `${agent.ratios.latencyMean.toFixed(2)}×`,
    percent(agent.under3s),
    percent(agent.under5s),
    `${agent.scores.correct}/${result.requests}`,
    `${agent.llmCalls.fast}/${agent.llmCalls.powerful}`,
    String(agent.toolCalls),
    agent.boundRatio === null ? '–' : agent.boundRatio.toFixed(2),
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  return [
    `${result.scenario}: ${result.requests} requests per agent, time scale ${result.timeScale}, ${result.wallSeconds.toFixed(1)} s wall (scenario time below)`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

function seconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(2)}s`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
