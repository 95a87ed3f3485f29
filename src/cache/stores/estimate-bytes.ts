// A cheap size estimate for a cached value: its JSON length, twice over for UTF-16 strings in memory.
// Not exact, but proportional, which is what an LRU byte budget needs.

export function estimateBytes(value: unknown): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // Cycles or BigInt: count a fixed amount rather than refuse the value.
    return 1024;
  }
  return (json?.length ?? 8) * 2;
}
