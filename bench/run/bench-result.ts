import type { ScoreCounts, ScoreLabel } from '../scoring/index.js';
import type { LatencySummary } from '../stats/index.js';

// The benchmark's JSON output. Other tools read the documented keys (scenario, timeScale, requests,
// agents[].name, latencyMs, firstTokenMs, firstEventMs, under3s, under5s, scores, llmCalls,
// toolCalls, cacheServed, boundRatio); the rest is extra detail for the report.

export interface StageRow {
  /** "connection setup", "cold start", "LLM", "tool get_ticket", "agent: classify", "agent overhead". */
  stage: string;
  /** Mean per answered request, scenario ms. */
  meanMs: number;
}

export interface KindSummary {
  kind: string;
  complexity: 'simple' | 'complex';
  requests: number;
  latencyMs: LatencySummary;
  correct: number;
}

export interface RequestRow {
  id: string;
  kind: string;
  complexity: 'simple' | 'complex';
  /** Scenario ms from the request's start. */
  latencyMs: number;
  firstEventMs: number | null;
  firstTokenMs: number | null;
  score: ScoreLabel;
  reasons: string[];
  error?: string;
  boundMs: number;
  llmCalls: number;
  toolCalls: number;
  cacheServed: boolean;
  /** Which cache layer answered: exact or semantic (the whole answer), plan (the planning model call skipped). */
  cacheLayer?: string;
}

export interface AgentRatios {
  /** This agent's figure divided by the first agent's (null when either is missing). */
  latencyMean: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
  latencyP99: number | null;
  firstTokenP50: number | null;
  firstEventP50: number | null;
  backendCalls: number | null;
}

export interface AgentSummary {
  name: string;
  latencyMs: LatencySummary;
  firstTokenMs: LatencySummary;
  firstEventMs: LatencySummary;
  /** Share of all requests answered (no error, no timeout) in under 3 s / 5 s of scenario time. */
  under3s: number;
  under5s: number;
  scores: ScoreCounts;
  llmCalls: { fast: number; powerful: number };
  toolCalls: number;
  /** Share of requests whose result said a cache served it. */
  cacheServed: number;
  /** The same share by layer ("exact", "semantic", "plan"). */
  cacheServedByLayer: Record<string, number>;
  /** Mean over answered requests of latency / critical-path bound. */
  boundRatio: number | null;
  ratios: AgentRatios;
  /** Calls that opened a new connection / hit a cold model. */
  newConnections: number;
  coldStarts: number;
  stages: StageRow[];
  byKind: KindSummary[];
  versions: Record<string, string>;
  /** Most frequent error messages with their counts. */
  errors: Array<{ message: string; count: number }>;
  perRequest: RequestRow[];
}

export interface WaterfallBar {
  kind: 'llm' | 'tool';
  name: string;
  tier?: 'fast' | 'powerful';
  /** Scenario ms relative to the request's start. */
  startMs: number;
  endMs: number;
  /** Part of the bar spent on connection setup and cold start. */
  penaltyMs: number;
}

export interface Waterfall {
  requestId: string;
  kind: string;
  text: string;
  agents: Array<{ name: string; latencyMs: number; firstTokenMs: number | null; score: ScoreLabel; bars: WaterfallBar[] }>;
}

export interface BenchResult {
  scenario: string;
  timeScale: number;
  requests: number;
  agents: AgentSummary[];
  seed: number | string;
  domain: string;
  arrival: { mode: 'closed'; concurrency: number } | { mode: 'open'; ratePerSecond: number };
  timeoutMs: number;
  models: { fast: string; powerful: string };
  providers: Array<{ name: string; models: string[]; slowTail?: { probability: number; factor: number } }>;
  percentileMethod: string;
  bound: { meanMs: number | null; p50Ms: number | null };
  date: string;
  /** Wall-clock seconds the timed phase took. */
  wallSeconds: number;
  machine: {
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    node: string;
    /** At the end of the run. */
    loadAverage: number[];
    /** CPU the benchmark process (agents and simulator) used during the timed phase. */
    processCpuSeconds: number;
    /** How late the process's event loop ran during the timed phase (10 ms resolution): the noise the run saw. */
    eventLoopDelayMs: { p50: number; p99: number; max: number };
  };
  waterfall: Waterfall | null;
}
