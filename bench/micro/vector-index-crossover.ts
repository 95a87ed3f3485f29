// Where exact search stops paying: single-query lookup time of hotpath's exact scan and of its HNSW
// index at growing sizes (512-d clustered unit vectors), and what one add costs while the auto index
// migrates its entries into the graph. Picks `defaultExactBelow` (docs/decisions/004-vector-index.md).
//
//   npx tsx bench/micro/vector-index-crossover.ts [--sizes 50,100,250,500,1000,2000,4000] [--exact-below 1000] [--queries 500]

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { VectorIndex } from '../../src/index.js';
import { percentile } from './percentiles.js';
import { publicApi, type MicroBenchApi } from './public-api.js';
import { createSyntheticVectors } from './synthetic-vectors.js';

type CrossoverApi = Pick<MicroBenchApi, 'createExactVectorIndex' | 'createHnswVectorIndex' | 'createVectorIndex'>;

export interface CrossoverRow {
  size: number;
  exactP50Us: number;
  exactP99Us: number;
  nativeExactP50Us: number;
  nativeExactP99Us: number;
  hnswP50Us: number;
  hnswP99Us: number;
}

function lookupTimes(index: VectorIndex, queries: Float32Array, dimensions: number): number[] {
  const samples: number[] = [];
  const count = queries.length / dimensions;
  // One warm-up pass so the JIT has compiled the scan before it is timed.
  for (let query = 0; query < Math.min(count, 50); query++) index.search(queries.subarray(query * dimensions, (query + 1) * dimensions), 1);
  for (let query = 0; query < count; query++) {
    const vector = queries.subarray(query * dimensions, (query + 1) * dimensions);
    const started = process.hrtime.bigint();
    index.search(vector, 1);
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  return samples;
}

export function measureCrossover(api: CrossoverApi, options: { sizes: number[]; queries: number; dimensions?: number }): CrossoverRow[] {
  const dimensions = options.dimensions ?? 512;
  const largest = Math.max(...options.sizes);
  const { data, queries } = createSyntheticVectors({ count: largest, dimensions, queries: options.queries, seed: 11 });
  const rows: CrossoverRow[] = [];
  for (const size of options.sizes) {
    const exact = api.createExactVectorIndex({ dimensions });
    const nativeExact = api.createExactVectorIndex({ dimensions, kernel: 'native' });
    const hnsw = api.createHnswVectorIndex({ dimensions });
    for (let id = 0; id < size; id++) {
      const vector = data.subarray(id * dimensions, (id + 1) * dimensions);
      exact.add(id, vector);
      nativeExact.add(id, vector);
      hnsw.add(id, vector);
    }
    const exactTimes = lookupTimes(exact, queries, dimensions);
    const nativeTimes = lookupTimes(nativeExact, queries, dimensions);
    const hnswTimes = lookupTimes(hnsw, queries, dimensions);
    rows.push({
      size,
      exactP50Us: percentile(exactTimes, 50),
      exactP99Us: percentile(exactTimes, 99),
      nativeExactP50Us: percentile(nativeTimes, 50),
      nativeExactP99Us: percentile(nativeTimes, 99),
      hnswP50Us: percentile(hnswTimes, 50),
      hnswP99Us: percentile(hnswTimes, 99),
    });
  }
  return rows;
}

/** Per-add latency of the auto index around its switch (the migration is spread over adds). */
export function measureSwitchAdds(api: CrossoverApi, options: { exactBelow: number; dimensions?: number }): { before: number[]; during: number[]; after: number[] } {
  const dimensions = options.dimensions ?? 512;
  const total = options.exactBelow * 3;
  const { data } = createSyntheticVectors({ count: total, dimensions, queries: 1, seed: 12 });
  const index = api.createVectorIndex({ dimensions, exactBelow: options.exactBelow });
  const phases = { before: [] as number[], during: [] as number[], after: [] as number[] };
  for (let id = 0; id < total; id++) {
    const phase = index.mode === 'exact' ? 'before' : index.mode === 'migrating' ? 'during' : 'after';
    const started = process.hrtime.bigint();
    index.add(id, data.subarray(id * dimensions, (id + 1) * dimensions));
    const elapsed = Number(process.hrtime.bigint() - started) / 1_000;
    // The add that starts the migration counts as part of it.
    phases[index.mode === 'migrating' && phase === 'before' ? 'during' : phase].push(elapsed);
  }
  return phases;
}

export function formatCrossover(rows: CrossoverRow[]): string {
  const lines = ['| entries | exact JS p50 / p99 µs | exact native p50 / p99 µs | HNSW p50 / p99 µs |', '|---:|---:|---:|---:|'];
  const pair = (p50: number, p99: number) => `${p50.toFixed(0)} / ${p99.toFixed(0)}`;
  for (const row of rows) {
    lines.push(`| ${row.size} | ${pair(row.exactP50Us, row.exactP99Us)} | ${pair(row.nativeExactP50Us, row.nativeExactP99Us)} | ${pair(row.hnswP50Us, row.hnswP99Us)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '50,100,250,500,1000,2000,4000' }, queries: { type: 'string', default: '500' }, 'exact-below': { type: 'string', default: '1000' } } });
  const api = publicApi('createExactVectorIndex', 'createHnswVectorIndex', 'createVectorIndex');
  const rows = measureCrossover(api, { sizes: values.sizes.split(',').map(Number), queries: Number(values.queries) });
  console.log(formatCrossover(rows));
  const adds = measureSwitchAdds(api, { exactBelow: Number(values['exact-below']) });
  for (const [phase, samples] of Object.entries(adds)) {
    console.log(`add ${phase} the switch: ${samples.length} adds, p50 ${percentile(samples, 50).toFixed(0)} µs, p99 ${percentile(samples, 99).toFixed(0)} µs, max ${Math.max(...samples).toFixed(0)} µs`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
