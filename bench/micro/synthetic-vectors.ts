// Synthetic clustered unit vectors that look like a cache of real questions: many small clusters of
// near-duplicates (paraphrases) around random centres, plus queries that are fresh paraphrases of
// stored clusters. Seeded, so every run and every library sees the same data.

export interface SyntheticVectorsOptions {
  count: number;
  dimensions: number;
  queries: number;
  seed?: number;
  /** Mean members per cluster; sizes vary from 1 to twice this. */
  meanClusterSize?: number;
  /** Cosine between a member and its cluster centre (controls paraphrase spread). */
  memberSimilarity?: number;
  /**
   * Topics the cluster centres gather around (0: centres are independent random directions, the
   * hardest case for a graph index). Real questions cluster by domain and intent, so with topics the
   * data has the low intrinsic dimension of real embeddings.
   */
  topics?: number;
  /** Cosine between a cluster centre and its topic centre. Default 0.6. */
  topicSimilarity?: number;
}

export interface SyntheticVectors {
  dimensions: number;
  /** count × dimensions, row-major, each row L2-normalised. */
  data: Float32Array;
  /** queries × dimensions, each row L2-normalised. */
  queries: Float32Array;
}

export function createRandom(seed: number): () => number {
  // mulberry32: small, fast, good enough for benchmark data.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function createGaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(random() || Number.MIN_VALUE));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function normalizeRow(matrix: Float32Array, offset: number, dimensions: number): void {
  let norm = 0;
  for (let index = offset; index < offset + dimensions; index++) norm += (matrix[index] as number) ** 2;
  const scale = 1 / Math.sqrt(norm);
  for (let index = offset; index < offset + dimensions; index++) matrix[index] = (matrix[index] as number) * scale;
}

export function createSyntheticVectors(options: SyntheticVectorsOptions): SyntheticVectors {
  const { count, dimensions, queries: queryCount, seed = 7, meanClusterSize = 8, memberSimilarity = 0.85, topics = 0, topicSimilarity = 0.6 } = options;
  const random = createRandom(seed);
  const gaussian = createGaussian(random);
  // |noise|² = dimensions·σ² and cos(member, centre) ≈ 1/√(1 + dimensions·σ²).
  const sigma = Math.sqrt((1 / memberSimilarity ** 2 - 1) / dimensions);
  const centres: Float32Array[] = [];
  const data = new Float32Array(count * dimensions);
  const writeMember = (target: Float32Array, offset: number, centre: Float32Array) => {
    for (let dimension = 0; dimension < dimensions; dimension++) target[offset + dimension] = (centre[dimension] as number) + sigma * gaussian();
    normalizeRow(target, offset, dimensions);
  };
  const randomDirection = () => {
    const direction = new Float32Array(dimensions);
    for (let dimension = 0; dimension < dimensions; dimension++) direction[dimension] = gaussian();
    normalizeRow(direction, 0, dimensions);
    return direction;
  };
  const topicCentres = Array.from({ length: topics }, randomDirection);
  const topicSigma = Math.sqrt((1 / topicSimilarity ** 2 - 1) / dimensions);
  let row = 0;
  while (row < count) {
    let centre = randomDirection();
    if (topicCentres.length > 0) {
      const topic = topicCentres[Math.floor(random() * topicCentres.length)] as Float32Array;
      centre = topic.map((value) => value + topicSigma * gaussian());
      normalizeRow(centre, 0, dimensions);
    }
    centres.push(centre);
    const size = 1 + Math.floor(random() * (2 * meanClusterSize - 1));
    for (let member = 0; member < size && row < count; member++, row++) writeMember(data, row * dimensions, centre);
  }
  const queries = new Float32Array(queryCount * dimensions);
  for (let query = 0; query < queryCount; query++) {
    const centre = centres[Math.floor(random() * centres.length)] as Float32Array;
    writeMember(queries, query * dimensions, centre);
  }
  return { dimensions, data, queries };
}
