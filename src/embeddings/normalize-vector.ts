/** Returns `values` scaled to unit length as a Float32Array (a zero vector stays zero). */
export function normalizeVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let squared = 0;
  for (let index = 0; index < vector.length; index++) squared += (vector[index] as number) * (vector[index] as number);
  if (squared > 0) {
    const scale = 1 / Math.sqrt(squared);
    for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) * scale;
  }
  return vector;
}
