export { agentRatios } from './agent-ratios.js';
export type {
  AgentRatios, AgentSummary, BenchResult, KindSummary, RequestRow, StageRow, Waterfall, WaterfallBar,
} from './bench-result.js';
export { buildWaterfall, type BuildWaterfallOptions } from './build-waterfall.js';
export { criticalPathBound, estimateTokens, type CriticalPathBound, type CriticalPathBoundOptions } from './critical-path-bound.js';
export { driveWorkload, type DriveWorkloadOptions } from './drive-workload.js';
export type { RequestOutcome, ScoredOutcome } from './request-outcome.js';
export { requestStages, unionLength, type RequestStages, type RequestStagesOptions } from './request-stages.js';
export { runBench, type BenchProgress, type RunBenchOptions } from './run-bench.js';
export { runOneRequest, type RunOneRequestOptions } from './run-one-request.js';
export { startScenarioSimulator } from './start-scenario-simulator.js';
export { summarizeAgent, type SummarizeAgentOptions } from './summarize-agent.js';
