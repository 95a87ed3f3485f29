// Vectors of cached requests, split into groups that may answer each other (one namespace, one scope,
// one slot signature, one speech act). A lookup searches only its groups, so scopes and entities are
// never crossed however close the vectors are. Small groups are scanned exactly (a few hundred dot
// products cost microseconds); a group that grows past `exactScanBelow` gets an ANN index of its own.

import type { VectorMatch } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { createVectorIndex, type AutoVectorIndex } from '../vector-index/index.js';

export interface SemanticIndexOptions {
  dimensions: number;
  /** Group size from which a group is searched through an ANN index. Default 512. */
  exactScanBelow?: number;
}

export interface SemanticMatch extends VectorMatch {
  group: string;
}

export interface SemanticIndex {
  readonly dimensions: number;
  readonly size: number;
  add(id: number, group: string, vector: Float32Array): void;
  remove(id: number): void;
  /** The best matches over the given groups, most similar first. */
  nearest(groups: readonly string[], vector: Float32Array, limit: number): SemanticMatch[];
}

interface Group {
  ids: number[];
  rows: Float32Array;
  ann?: AutoVectorIndex;
}

export function createSemanticIndex(options: SemanticIndexOptions): SemanticIndex {
  const { dimensions } = options;
  const exactScanBelow = options.exactScanBelow ?? 512;
  if (!(Number.isInteger(dimensions) && dimensions > 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `createSemanticIndex: option "dimensions" must be a positive integer (got ${String(dimensions)})`, { details: { option: 'dimensions' } });
  }
  const groups = new Map<string, Group>();
  const located = new Map<number, { group: string; slot: number }>();

  const normalized = (vector: Float32Array, what: string): Float32Array => {
    if (vector.length !== dimensions) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `semantic index: ${what} has ${vector.length} dimensions, expected ${dimensions}`);
    }
    let norm = 0;
    for (let index = 0; index < dimensions; index++) norm += vector[index]! * vector[index]!;
    if (!(norm > 0) || !Number.isFinite(norm)) throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `semantic index: ${what} is zero or not finite`);
    const scale = 1 / Math.sqrt(norm);
    const copy = new Float32Array(dimensions);
    for (let index = 0; index < dimensions; index++) copy[index] = vector[index]! * scale;
    return copy;
  };

  const remove = (id: number) => {
    const place = located.get(id);
    if (!place) return;
    const group = groups.get(place.group)!;
    const last = group.ids.length - 1;
    if (place.slot !== last) {
      const moved = group.ids[last]!;
      group.ids[place.slot] = moved;
      group.rows.copyWithin(place.slot * dimensions, last * dimensions, (last + 1) * dimensions);
      located.set(moved, { group: place.group, slot: place.slot });
    }
    group.ids.pop();
    group.ann?.remove(id);
    located.delete(id);
    if (group.ids.length === 0) groups.delete(place.group);
  };

  const scan = (group: Group, query: Float32Array, limit: number, name: string, into: SemanticMatch[]) => {
    for (let slot = 0; slot < group.ids.length; slot++) {
      let dot = 0;
      const offset = slot * dimensions;
      for (let index = 0; index < dimensions; index++) dot += group.rows[offset + index]! * query[index]!;
      into.push({ id: group.ids[slot]!, similarity: Math.min(1, Math.max(-1, dot)), group: name });
    }
    into.sort((left, right) => right.similarity - left.similarity);
    into.length = Math.min(into.length, limit);
  };

  return {
    dimensions,
    get size() {
      return located.size;
    },
    add(id, name, vector) {
      const row = normalized(vector, 'vector');
      remove(id);
      let group = groups.get(name);
      if (!group) {
        group = { ids: [], rows: new Float32Array(4 * dimensions) };
        groups.set(name, group);
      }
      if ((group.ids.length + 1) * dimensions > group.rows.length) {
        const grown = new Float32Array(group.rows.length * 2);
        grown.set(group.rows);
        group.rows = grown;
      }
      const slot = group.ids.length;
      group.ids.push(id);
      group.rows.set(row, slot * dimensions);
      located.set(id, { group: name, slot });
      if (group.ann) group.ann.add(id, row);
      else if (group.ids.length >= exactScanBelow) {
        const ann = createVectorIndex({ dimensions });
        group.ids.forEach((member, index) => ann.add(member, group!.rows.subarray(index * dimensions, (index + 1) * dimensions)));
        group.ann = ann;
      }
    },
    remove,
    nearest(names, vector, limit) {
      if (limit <= 0 || located.size === 0) return [];
      const query = normalized(vector, 'query');
      const found: SemanticMatch[] = [];
      for (const name of new Set(names)) {
        const group = groups.get(name);
        if (!group) continue;
        if (group.ann) {
          for (const match of group.ann.search(query, limit)) found.push({ ...match, group: name });
          found.sort((left, right) => right.similarity - left.similarity);
          found.length = Math.min(found.length, limit);
        } else {
          scan(group, query, limit, name, found);
        }
      }
      return found;
    },
  };
}
