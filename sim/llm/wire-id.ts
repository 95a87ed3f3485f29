import { hashKey } from '../random/index.js';

/** A deterministic id such as `call_3k9x0q1m2d8f7a6b`: the same parts give the same id. */
export function wireId(prefix: string, ...parts: ReadonlyArray<string | number>): string {
  const high = hashKey(...parts, 'id-high').toString(36).padStart(7, '0');
  const low = hashKey(...parts, 'id-low').toString(36).padStart(7, '0');
  return `${prefix}${high}${low}`;
}
