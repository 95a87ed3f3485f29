// Embeddings of benchmark prompts kept on disk, so only the first run pays the encoder (minutes on a
// CPU). One append-only pair of files per embedding model: <model>.f32 (vectors, float32 little-endian)
// and <model>.keys (one SHA-256 of the text per line). A run interrupted between the two appends loses
// at most the last batch.

import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingModel } from '../../src/index.js';

export interface EmbedWithDiskCacheOptions {
  texts: readonly string[];
  encoder: EmbeddingModel;
  directory: string;
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number; cached: number }) => void;
}

const hashText = (text: string) => createHash('sha256').update(text).digest('hex');

async function readExisting(directory: string, name: string, dimensions: number): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  let keys: string[];
  let bytes: Buffer;
  try {
    [keys, bytes] = await Promise.all([
      readFile(join(directory, `${name}.keys`), 'utf8').then((text) => text.split('\n').filter(Boolean)),
      readFile(join(directory, `${name}.f32`)),
    ]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return vectors;
    throw error;
  }
  const count = Math.min(keys.length, Math.floor(bytes.byteLength / (4 * dimensions)));
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 4 * dimensions));
  for (let index = 0; index < count; index++) vectors.set(keys[index] as string, floats.slice(index * dimensions, (index + 1) * dimensions));
  return vectors;
}

export async function embedWithDiskCache(options: EmbedWithDiskCacheOptions): Promise<Float32Array[]> {
  const { texts, encoder, directory, batchSize = 32, onProgress } = options;
  const name = encoder.modelId.replace(/[^\w.-]+/g, '_');
  await mkdir(directory, { recursive: true });
  const cache = await readExisting(directory, name, encoder.dimensions);
  const hashes = texts.map(hashText);
  const missing: Array<{ text: string; hash: string }> = [];
  const queued = new Set<string>();
  hashes.forEach((hash, index) => {
    if (cache.has(hash) || queued.has(hash)) return;
    queued.add(hash);
    missing.push({ text: texts[index] as string, hash });
  });
  const cached = texts.length - missing.length;
  onProgress?.({ done: cached, total: texts.length, cached });
  for (let start = 0; start < missing.length; start += batchSize) {
    const batch = missing.slice(start, start + batchSize);
    const vectors = await encoder.embed(batch.map((item) => item.text));
    const buffer = Buffer.alloc(vectors.length * encoder.dimensions * 4);
    vectors.forEach((vector, index) => {
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(buffer, index * encoder.dimensions * 4);
      cache.set((batch[index] as { hash: string }).hash, vector);
    });
    await appendFile(join(directory, `${name}.f32`), buffer);
    await appendFile(join(directory, `${name}.keys`), batch.map((item) => `${item.hash}\n`).join(''));
    onProgress?.({ done: cached + start + batch.length, total: texts.length, cached });
  }
  return hashes.map((hash) => cache.get(hash) as Float32Array);
}
