// The Universal Sentence Encoder on this machine: cold load, ms per sentence one at a time and in
// batches, what the micro-batcher makes of concurrent single-text calls, the cost of a cached repeat,
// and how long the event loop is blocked with and without the worker thread.
//
//   npx tsx bench/micro/embeddings.ts [--sentences 64]

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './percentiles.js';
import { publicApi, type MicroBenchApi } from './public-api.js';
import { loadQuestionTexts } from './real-sentence-embeddings.js';

type EncoderFactory = MicroBenchApi['createUniversalSentenceEncoder'];

export interface EncoderMeasurements {
  mode: 'worker' | 'in-thread';
  coldLoadMs: number;
  singleMsPerSentence: number;
  batch8MsPerSentence: number;
  batch32MsPerSentence: number;
  concurrentSinglesMsPerSentence: number;
  concurrentSinglesBatches: number;
  cachedRepeatUs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Runs `work` while sampling event-loop delay at 1 ms resolution. */
async function loopDelay(work: () => Promise<unknown>): Promise<{ p99Ms: number; maxMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // A 1 ms ticker keeps the loop waking up, so a blocked stretch shows as one long delay.
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  histogram.enable();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  clearInterval(ticker);
  return { p99Ms: histogram.percentile(99) / 1e6, maxMs: Math.max(longest, histogram.max / 1e6) };
}

export async function measureEncoder(createEncoder: EncoderFactory, options: { worker: boolean; texts: string[] }): Promise<EncoderMeasurements> {
  const { worker, texts } = options;
  let cursor = 0;
  // Fresh texts for each step: the encoder caches repeats.
  const take = (count: number) => {
    const slice = Array.from({ length: count }, (_, index) => `${texts[(cursor + index) % texts.length]} (${cursor + index})`);
    cursor += count;
    return slice;
  };
  const started = performance.now();
  const encoder = createEncoder({ worker, cacheSize: 100_000 });
  try {
    // Seen from the caller: for the worker this includes starting the thread and its module imports.
    await encoder.ready();
    const coldLoadMs = performance.now() - started;
    // Warm-up: the first call of each batch size allocates and compiles its kernels.
    await encoder.embed(take(8));
    await encoder.embed(take(32));
    const singles = take(16);
    const singleMs = await timed(async () => {
      for (const text of singles) await encoder.embed([text]);
    });
    const batch8Ms = await timed(async () => {
      for (let round = 0; round < 4; round++) await encoder.embed(take(8));
    });
    const batch32Ms = await timed(() => encoder.embed(take(32)));
    const before = encoder.stats().batches;
    const concurrent = take(32);
    const concurrentMs = await timed(() => Promise.all(concurrent.map((text) => encoder.embed([text]))));
    const concurrentSinglesBatches = encoder.stats().batches - before;
    const repeats: number[] = [];
    for (const text of concurrent) {
      const started = process.hrtime.bigint();
      await encoder.embed([text]);
      repeats.push(Number(process.hrtime.bigint() - started) / 1_000);
    }
    const load = take(options.texts.length > 64 ? 64 : options.texts.length);
    const delay = await loopDelay(() => Promise.all(load.map((text) => encoder.embed([text]))));
    return {
      mode: worker ? 'worker' : 'in-thread',
      coldLoadMs,
      singleMsPerSentence: singleMs / singles.length,
      batch8MsPerSentence: batch8Ms / 32,
      batch32MsPerSentence: batch32Ms / 32,
      concurrentSinglesMsPerSentence: concurrentMs / concurrent.length,
      concurrentSinglesBatches,
      cachedRepeatUs: percentile(repeats, 50),
      loopDelayP99Ms: delay.p99Ms,
      loopDelayMaxMs: delay.maxMs,
    };
  } finally {
    await encoder.close();
  }
}

export function formatEncoderMeasurements(rows: EncoderMeasurements[]): string {
  const lines = [
    '| mode | cold load ms | single ms/sentence | batch 8 ms/sentence | batch 32 ms/sentence | 32 concurrent singles ms/sentence (model calls) | cached repeat µs | loop delay p99 / max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.mode} | ${row.coldLoadMs.toFixed(0)} | ${row.singleMsPerSentence.toFixed(1)} | ${row.batch8MsPerSentence.toFixed(1)} | ${row.batch32MsPerSentence.toFixed(1)} | ${row.concurrentSinglesMsPerSentence.toFixed(1)} (${row.concurrentSinglesBatches}) | ${row.cachedRepeatUs.toFixed(0)} | ${row.loopDelayP99Ms.toFixed(1)} / ${row.loopDelayMaxMs.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sentences: { type: 'string', default: '64' } } });
  const { createUniversalSentenceEncoder } = publicApi('createUniversalSentenceEncoder');
  const { dataTexts } = loadQuestionTexts({ dataPerSet: Number(values.sentences), queriesPerSet: 0 });
  const rows = [];
  for (const worker of [true, false]) rows.push(await measureEncoder(createUniversalSentenceEncoder, { worker, texts: dataTexts }));
  console.log(formatEncoderMeasurements(rows));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
