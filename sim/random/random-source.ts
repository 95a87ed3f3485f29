// Seeded randomness. Every simulated sample is derived from the scenario seed and a key that names
// what is being sampled (request key, call content), never from Math.random(): two implementations
// that send the same request see the same latencies (common random numbers).

/** 32-bit FNV-1a over the joined parts, mixed with murmur3's finaliser. */
export function hashKey(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u241f');
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, maxExclusive). */
  integer(maxExclusive: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  pick<T>(items: readonly T[]): T;
  /** Index in [0, count) drawn Zipf-like: rank r has weight 1 / (r + 1)^exponent. */
  zipfIndex(count: number, exponent: number): number;
  /** A new independent source derived from this one's seed and a label. */
  fork(label: string | number): RandomSource;
}

/** sfc32 generator seeded from a hash of the parts. Deterministic across runs and platforms. */
export function createRandom(...seedParts: ReadonlyArray<string | number>): RandomSource {
  const base = seedParts.map(String);
  let a = hashKey(...base, 'a');
  let b = hashKey(...base, 'b');
  let c = hashKey(...base, 'c');
  let d = 1;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let warm = 0; warm < 12; warm++) next();
  const zipfTables = new Map<string, Float64Array>();
  const source: RandomSource = {
    next,
    integer: (maxExclusive) => Math.floor(next() * maxExclusive),
    normal: () => {
      const u1 = Math.max(next(), Number.EPSILON);
      const u2 = next();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    zipfIndex: (count, exponent) => {
      const tableKey = `${count}:${exponent}`;
      let cumulative = zipfTables.get(tableKey);
      if (!cumulative) {
        cumulative = new Float64Array(count);
        let total = 0;
        for (let rank = 0; rank < count; rank++) {
          total += 1 / Math.pow(rank + 1, exponent);
          cumulative[rank] = total;
        }
        for (let rank = 0; rank < count; rank++) cumulative[rank] = (cumulative[rank] as number) / total;
        zipfTables.set(tableKey, cumulative);
      }
      const target = next();
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((cumulative[middle] as number) < target) low = middle + 1;
        else high = middle;
      }
      return low;
    },
    fork: (label) => createRandom(...base, 'fork', label),
  };
  return source;
}
