// A closed-loop load generator: `concurrency` clients, each sending its next request as soon as the
// last one finished, over an undici keep-alive pool. Latencies are taken with the high-resolution
// clock (autocannon's histogram keeps whole milliseconds, too coarse for sub-millisecond overheads).
// It runs in a process of its own (load-process.ts) so it never shares an event loop with a server.

import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentileOfSorted } from '../stats/index.js';

export interface LoadOptions {
  url: string;
  /** Path of the POST. Default /v1/chat/completions. */
  path?: string;
  concurrency: number;
  /** Requests before measuring (connections opened, code warm). */
  warmupMs: number;
  durationMs: number;
  stream: boolean;
  headers?: Record<string, string>;
  /** Request body; a small chat completion request by default. */
  body?: Record<string, unknown>;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Measured window, ms. */
  durationMs: number;
  requestsPerSecond: number;
  /** Request sent to the last byte of the body, ms. */
  latency: LatencySummary;
  /** Request sent to the first byte of the body, ms. */
  firstByte: LatencySummary;
  /** First error message, when there were errors. */
  firstError?: string;
}

export const defaultChatBody = {
  model: 'upstream-model',
  messages: [
    { role: 'system', content: 'You are the IT service desk assistant of the company. Answer with the tools.' },
    { role: 'user', content: "What's the status of INC-4821?" },
  ],
  temperature: 0,
};

export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((first, second) => first - second);
  const at = (p: number) => round(percentileOfSorted(sorted, p) ?? Number.NaN);
  const mean = sorted.length === 0 ? Number.NaN : sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(mean) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, { connections: options.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const body = JSON.stringify({ ...(options.body ?? defaultChatBody), ...(options.stream ? { stream: true } : {}) });
  const headers = { 'content-type': 'application/json', ...options.headers };
  const path = options.path ?? '/v1/chat/completions';
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  let stopping = false;

  const once = async () => {
    const started = performance.now();
    let firstByteAt: number | undefined;
    try {
      const response = await pool.request({ path, method: 'POST', headers, body });
      for await (const part of response.body) {
        firstByteAt ??= performance.now();
        void part;
      }
      const ended = performance.now();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      if (measuring) {
        latencies.push(ended - started);
        firstBytes.push((firstByteAt ?? ended) - started);
      }
    } catch (error) {
      if (measuring) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  const client = async () => {
    while (!stopping) await once();
  };

  const clients = Array.from({ length: options.concurrency }, client);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  measuring = true;
  const windowStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  measuring = false;
  const windowMs = performance.now() - windowStart;
  stopping = true;
  await Promise.all(clients);
  await pool.close();
  return {
    requests: latencies.length,
    errors,
    durationMs: round(windowMs),
    requestsPerSecond: Math.round((latencies.length / windowMs) * 1000),
    latency: summarize(latencies),
    firstByte: summarize(firstBytes),
    ...(firstError === undefined ? {} : { firstError }),
  };
}
