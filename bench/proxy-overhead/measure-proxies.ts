// Measures what proxies add in front of an upstream that answers at once: for each scenario the load
// generator runs against the upstream directly and through every proxy, in rounds that interleave
// the parties (so drift on a shared machine hits them alike); medians over rounds are reported.

import { runLoadProcess, type ChildService } from './child-processes.js';
import type { LatencySummary, LoadResult } from './load-generator.js';

export interface Scenario {
  name: string;
  concurrency: number;
  stream: boolean;
}

export const defaultScenarios: Scenario[] = [
  { name: 'json c=1', concurrency: 1, stream: false },
  { name: 'json c=50', concurrency: 50, stream: false },
  { name: 'stream c=1', concurrency: 1, stream: true },
  { name: 'stream c=50', concurrency: 50, stream: true },
];

export interface ProxyParty {
  name: string;
  start(upstreamUrl: string): Promise<ChildService>;
  /** Path and headers this proxy needs to reach the upstream's chat completions. */
  path?: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface ScenarioMeasurement {
  party: string;
  scenario: string;
  concurrency: number;
  stream: boolean;
  requestsPerSecond: number;
  /** Requests per CPU-second of the proxy process (undefined for the direct run). */
  requestsPerCpuSecond?: number;
  latency: LatencySummary;
  firstByte: LatencySummary;
  /** Proxy latency minus direct latency (medians over rounds). */
  addedLatency?: LatencySummary;
  addedFirstByte?: LatencySummary;
  errors: number;
  firstError?: string;
}

export interface MeasureOptions {
  upstream: ChildService;
  parties: ProxyParty[];
  scenarios?: Scenario[];
  rounds: number;
  warmupMs: number;
  durationMs: number;
  onProgress?: (line: string) => void;
}

interface Sample {
  result: LoadResult;
  cpuMs?: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number) => Math.round(value * 1000) / 1000;
const medianSummary = (summaries: LatencySummary[]): LatencySummary => ({
  p50: round(median(summaries.map((summary) => summary.p50))),
  p90: round(median(summaries.map((summary) => summary.p90))),
  p99: round(median(summaries.map((summary) => summary.p99))),
  mean: round(median(summaries.map((summary) => summary.mean))),
});
const minus = (first: LatencySummary, second: LatencySummary): LatencySummary => ({
  p50: round(first.p50 - second.p50),
  p90: round(first.p90 - second.p90),
  p99: round(first.p99 - second.p99),
  mean: round(first.mean - second.mean),
});

export async function measureProxies(options: MeasureOptions): Promise<ScenarioMeasurement[]> {
  const scenarios = options.scenarios ?? defaultScenarios;
  const running: Array<{ party: ProxyParty; service: ChildService }> = [];
  const samples = new Map<string, Sample[]>();
  const record = (party: string, scenario: string, sample: Sample) => {
    const key = `${party}\u0000${scenario}`;
    samples.set(key, [...(samples.get(key) ?? []), sample]);
  };
  try {
    for (const party of options.parties) running.push({ party, service: await party.start(options.upstream.url) });
    for (let round = 0; round < options.rounds; round++) {
      for (const scenario of scenarios) {
        const load = { concurrency: scenario.concurrency, stream: scenario.stream, warmupMs: options.warmupMs, durationMs: options.durationMs };
        const direct = await runLoadProcess({ ...load, url: options.upstream.url });
        record('direct', scenario.name, { result: direct });
        for (const { party, service } of running) {
          const before = service.cpuTimeMs();
          const result = await runLoadProcess({
            ...load,
            url: service.url,
            ...(party.path === undefined ? {} : { path: party.path }),
            ...(party.headers === undefined ? {} : { headers: party.headers }),
            ...(party.body === undefined ? {} : { body: party.body }),
          });
          // CPU over the whole load run (warm-up included) against the requests of the whole run.
          const cpuMs = service.cpuTimeMs() - before;
          record(party.name, scenario.name, { result, cpuMs });
          options.onProgress?.(`round ${round + 1} ${scenario.name} ${party.name}: p50 ${result.latency.p50} ms, ${result.requestsPerSecond} req/s, ${result.errors} errors`);
        }
      }
    }
  } finally {
    await Promise.all(running.map(({ service }) => service.stop()));
  }
  const measurements: ScenarioMeasurement[] = [];
  for (const scenario of scenarios) {
    const direct = samples.get(`direct\u0000${scenario.name}`) ?? [];
    const directLatency = medianSummary(direct.map((sample) => sample.result.latency));
    const directFirstByte = medianSummary(direct.map((sample) => sample.result.firstByte));
    for (const party of ['direct', ...options.parties.map((each) => each.name)]) {
      const partySamples = samples.get(`${party}\u0000${scenario.name}`) ?? [];
      const latency = medianSummary(partySamples.map((sample) => sample.result.latency));
      const firstByte = medianSummary(partySamples.map((sample) => sample.result.firstByte));
      const perCpu = partySamples
        .filter((sample) => sample.cpuMs !== undefined && sample.cpuMs > 0)
        .map((sample) => {
          const total = sample.result.requestsPerSecond * ((options.warmupMs + sample.result.durationMs) / 1000);
          return total / (sample.cpuMs! / 1000);
        });
      const errors = partySamples.reduce((sum, sample) => sum + sample.result.errors, 0);
      const answered = partySamples.some((sample) => sample.result.requestsPerSecond > 0);
      const firstError = partySamples.find((sample) => sample.result.firstError !== undefined)?.result.firstError;
      measurements.push({
        party,
        scenario: scenario.name,
        concurrency: scenario.concurrency,
        stream: scenario.stream,
        requestsPerSecond: Math.round(median(partySamples.map((sample) => sample.result.requestsPerSecond))),
        ...(perCpu.length === 0 ? {} : { requestsPerCpuSecond: Math.round(median(perCpu)) }),
        latency,
        firstByte,
        // A party that answered nothing has no latency to compare: only its errors are reported.
        ...(party === 'direct' || !answered ? {} : { addedLatency: minus(latency, directLatency), addedFirstByte: minus(firstByte, directFirstByte) }),
        errors,
        ...(firstError === undefined ? {} : { firstError }),
      });
    }
  }
  return measurements;
}

/** One Markdown table: added latency, added first byte, throughput and throughput per core. */
export function renderMeasurements(measurements: ScenarioMeasurement[]): string {
  const lines = [
    '| scenario | party | p50 ms | p99 ms | added p50 ms | added p99 ms | added first byte p50 ms | req/s | req per CPU-s | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of measurements) {
    const added = row.addedLatency;
    if (row.requestsPerSecond === 0 && row.errors > 0) {
      lines.push(`| ${row.scenario} | ${row.party} | failed | | | | | 0 | | ${row.errors} (${row.firstError ?? 'no answer'}) |`);
      continue;
    }
    lines.push(
      `| ${row.scenario} | ${row.party} | ${row.latency.p50} | ${row.latency.p99} | ${added?.p50 ?? ''} | ${added?.p99 ?? ''} | ${row.stream ? (row.addedFirstByte?.p50 ?? '') : ''} | ${row.requestsPerSecond} | ${row.requestsPerCpuSecond ?? ''} | ${row.errors} |`,
    );
  }
  return lines.join('\n');
}
