// Compares the two native HNSW libraries hotpath could use for its semantic-cache index
// (usearch, hnswlib-node): build time, memory, single-query lookup p50/p99 and recall@1 against exact
// search, on synthetic clustered 512-d unit vectors and on real sentence embeddings.
//
//   npx tsx bench/micro/vector-index-compare.ts --sizes 10000,100000 --queries 1000
//   nice -n 19 npx tsx bench/micro/vector-index-compare.ts --sizes 1000000 --libraries usearch --quantizations f32,f16
//   npx tsx bench/micro/vector-index-compare.ts --sizes 100000 --topics 100   # centres grouped by topic
//   npx tsx bench/micro/vector-index-compare.ts --real

import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import usearch, { type ScalarKind } from 'usearch';
import type { HierarchicalNSW as HierarchicalNswType } from 'hnswlib-node';
import { percentile } from './percentiles.js';
import { loadRealSentenceEmbeddings } from './real-sentence-embeddings.js';
import { createSyntheticVectors } from './synthetic-vectors.js';

const require = createRequire(import.meta.url);
const { HierarchicalNSW } = require('hnswlib-node') as { HierarchicalNSW: typeof HierarchicalNswType };

interface Dataset {
  name: string;
  dimensions: number;
  data: Float32Array;
  queries: Float32Array;
}

export interface CompareRow {
  dataset: string;
  count: number;
  library: 'usearch' | 'hnswlib-node';
  quantization: string;
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
  buildMs: number;
  memoryMb: number;
  p50Us: number;
  p99Us: number;
  recallAt1: number;
  /** Share of queries whose answer is within 0.01 cosine of the exact best (a near-tie paraphrase). */
  withinPoint01: number;
}

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '1000' },
    libraries: { type: 'string', default: 'usearch,hnswlib' },
    quantizations: { type: 'string', default: 'f32,f16,i8' },
    connectivity: { type: 'string', default: '16' },
    'expansion-add': { type: 'string', default: '128' },
    'expansion-search': { type: 'string', default: '16,32,64,128,256' },
    'build-threads': { type: 'string', default: '2' },
    topics: { type: 'string', default: '0' },
    real: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
const numbers = (value: string | undefined) => list(value).map(Number);
const buildThreads = Number(flags['build-threads']);

function rssMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

/** Exact top-1 per query (multi-threaded SIMD scan), the ground truth for recall. */
function exactTopOne(dataset: Dataset): { keys: BigUint64Array; similarities: Float32Array } {
  const queryCount = dataset.queries.length / dataset.dimensions;
  const keys = new BigUint64Array(queryCount);
  const similarities = new Float32Array(queryCount);
  // Chunks keep the native result buffers small.
  for (let start = 0; start < queryCount; start += 100) {
    const end = Math.min(queryCount, start + 100);
    // A copy: the binding's exactSearch reads a subarray from the start of its buffer.
    const chunk = dataset.queries.slice(start * dataset.dimensions, end * dataset.dimensions);
    const result = usearch.exactSearch(dataset.data, chunk, dataset.dimensions, 1, usearch.MetricKind.IP, buildThreads) as unknown as { keys: BigUint64Array; distances: Float32Array };
    for (let query = start; query < end; query++) {
      keys[query] = result.keys[query - start] as bigint;
      similarities[query] = 1 - (result.distances[query - start] as number);
    }
  }
  return { keys, similarities };
}

function measureSearch(options: {
  dataset: Dataset;
  truth: { keys: BigUint64Array; similarities: Float32Array };
  search: (query: Float32Array) => { key: number; similarity: number };
}): { p50Us: number; p99Us: number; recallAt1: number; withinPoint01: number } {
  const { dataset, truth, search } = options;
  const queryCount = dataset.queries.length / dataset.dimensions;
  const samples: number[] = [];
  let hits = 0;
  let close = 0;
  for (let query = 0; query < queryCount; query++) {
    const vector = dataset.queries.subarray(query * dataset.dimensions, (query + 1) * dataset.dimensions);
    const started = process.hrtime.bigint();
    const found = search(vector);
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
    // A tie with the exact best (same similarity, different id) counts as a hit.
    if (BigInt(found.key) === truth.keys[query] || found.similarity >= (truth.similarities[query] as number) - 1e-6) hits++;
    if (found.similarity >= (truth.similarities[query] as number) - 0.01) close++;
  }
  return { p50Us: percentile(samples, 50), p99Us: percentile(samples, 99), recallAt1: hits / queryCount, withinPoint01: close / queryCount };
}

function benchUsearch(dataset: Dataset, truth: ReturnType<typeof exactTopOne>): CompareRow[] {
  const rows: CompareRow[] = [];
  const count = dataset.data.length / dataset.dimensions;
  const keys = new BigUint64Array(count);
  for (let key = 0; key < count; key++) keys[key] = BigInt(key);
  for (const quantization of list(flags.quantizations)) {
    for (const connectivity of numbers(flags.connectivity)) {
      for (const expansionAdd of numbers(flags['expansion-add'])) {
        const config = { dimensions: dataset.dimensions, metric: usearch.MetricKind.Cos, quantization: quantization as ScalarKind, connectivity, expansion_add: expansionAdd, multi: false };
        const before = rssMb();
        const started = performance.now();
        const built = new usearch.Index({ ...config, expansion_search: 64 });
        built.add(keys, dataset.data, buildThreads);
        const buildMs = performance.now() - started;
        const memoryMb = rssMb() - before;
        // Search expansion is fixed at construction in the JS binding: save once, reload per setting.
        const file = join(tmpdir(), `hotpath-compare-${process.pid}.usearch`);
        built.save(file);
        for (const expansionSearch of numbers(flags['expansion-search'])) {
          const index = new usearch.Index({ ...config, expansion_search: expansionSearch });
          index.load(file);
          const measured = measureSearch({
            dataset,
            truth,
            search: (query) => {
              const result = index.search(query, 1, 1);
              return { key: Number(result.keys[0]), similarity: 1 - (result.distances[0] as number) };
            },
          });
          rows.push({ dataset: dataset.name, count, library: 'usearch', quantization, connectivity, expansionAdd, expansionSearch, buildMs, memoryMb, ...measured });
          report(rows.at(-1) as CompareRow);
        }
        rmSync(file, { force: true });
      }
    }
  }
  return rows;
}

function benchHnswlib(dataset: Dataset, truth: ReturnType<typeof exactTopOne>): CompareRow[] {
  const rows: CompareRow[] = [];
  const count = dataset.data.length / dataset.dimensions;
  const { dimensions } = dataset;
  for (const connectivity of numbers(flags.connectivity)) {
    for (const expansionAdd of numbers(flags['expansion-add'])) {
      const before = rssMb();
      const started = performance.now();
      const index = new HierarchicalNSW('ip', dimensions);
      index.initIndex({ maxElements: count, m: connectivity, efConstruction: expansionAdd, randomSeed: 7 });
      // The binding takes plain arrays only, one point per call, on the calling thread.
      for (let key = 0; key < count; key++) index.addPoint(Array.from(dataset.data.subarray(key * dimensions, (key + 1) * dimensions)), key);
      const buildMs = performance.now() - started;
      const memoryMb = rssMb() - before;
      for (const expansionSearch of numbers(flags['expansion-search'])) {
        index.setEf(expansionSearch);
        const measured = measureSearch({
          dataset,
          truth,
          search: (query) => {
            const result = index.searchKnn(Array.from(query), 1);
            return { key: result.neighbors[0] as number, similarity: 1 - (result.distances[0] as number) };
          },
        });
        rows.push({ dataset: dataset.name, count, library: 'hnswlib-node', quantization: 'f32', connectivity, expansionAdd, expansionSearch, buildMs, memoryMb, ...measured });
        report(rows.at(-1) as CompareRow);
      }
    }
  }
  return rows;
}

function report(row: CompareRow): void {
  console.log(
    [row.dataset, row.count, row.library, row.quantization, `M=${row.connectivity}`, `efC=${row.expansionAdd}`, `ef=${row.expansionSearch}`,
      `build ${(row.buildMs / 1000).toFixed(1)} s`, `mem ${row.memoryMb.toFixed(0)} MB`, `p50 ${row.p50Us.toFixed(0)} µs`, `p99 ${row.p99Us.toFixed(0)} µs`, `recall@1 ${row.recallAt1.toFixed(3)}`, `within 0.01 ${row.withinPoint01.toFixed(3)}`].join(' | '),
  );
}

async function main(): Promise<void> {
  const queryCount = Number(flags.queries);
  const datasets: (() => Promise<Dataset>)[] = [];
  if (flags.real) {
    datasets.push(async () => ({ name: 'clinc150+banking77 USE', ...(await loadRealSentenceEmbeddings({ dataPerSet: 2500, queriesPerSet: 500 })) }));
  } else {
    for (const count of numbers(flags.sizes)) {
      const topics = Number(flags.topics);
      const name = topics > 0 ? `synthetic clustered, ${topics} topics` : 'synthetic clustered';
      datasets.push(async () => ({ name, ...createSyntheticVectors({ count, dimensions: 512, queries: queryCount, topics }) }));
    }
  }
  const rows: CompareRow[] = [];
  for (const load of datasets) {
    const dataset = await load();
    const started = performance.now();
    const truth = exactTopOne(dataset);
    console.log(`# ${dataset.name}: ${dataset.data.length / dataset.dimensions} vectors, ${dataset.queries.length / dataset.dimensions} queries (exact ground truth ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const libraries = list(flags.libraries);
    if (libraries.includes('usearch')) rows.push(...benchUsearch(dataset, truth));
    if (libraries.includes('hnswlib')) rows.push(...benchHnswlib(dataset, truth));
  }
  if (flags.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(flags.json, JSON.stringify(rows, null, 2));
  }
}

await main();
