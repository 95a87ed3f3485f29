import { ratio } from '../stats/index.js';
import type { AgentRatios, AgentSummary } from './bench-result.js';

/** Each figure of `agent` divided by the same figure of `reference` (the first agent listed). */
export function agentRatios(agent: Omit<AgentSummary, 'ratios'>, reference: Omit<AgentSummary, 'ratios'>): AgentRatios {
  const backendCalls = (summary: Omit<AgentSummary, 'ratios'>) => summary.llmCalls.fast + summary.llmCalls.powerful + summary.toolCalls;
  return {
    latencyMean: ratio(agent.latencyMs.mean, reference.latencyMs.mean),
    latencyP50: ratio(agent.latencyMs.p50, reference.latencyMs.p50),
    latencyP95: ratio(agent.latencyMs.p95, reference.latencyMs.p95),
    latencyP99: ratio(agent.latencyMs.p99, reference.latencyMs.p99),
    firstTokenP50: ratio(agent.firstTokenMs.p50, reference.firstTokenMs.p50),
    firstEventP50: ratio(agent.firstEventMs.p50, reference.firstEventMs.p50),
    backendCalls: ratio(backendCalls(agent), backendCalls(reference)),
  };
}
