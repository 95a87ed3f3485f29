import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerBackend } from './sentence-encoder-backend.js';

// A stand-in worker speaking the encoder's protocol: vector [text length, 0], and it dies on "crash".
const fakeWorker = `
import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready', loadMs: 1 });
parentPort.on('message', (message) => {
  if (message.texts.includes('crash')) process.exit(3);
  const vectors = new Float32Array(message.texts.flatMap((text) => [text.length, 0]));
  parentPort.postMessage({ type: 'embedded', id: message.id, vectors }, [vectors.buffer]);
});
`;

const directory = mkdtempSync(join(tmpdir(), 'hotpath-encoder-worker-'));
const workerUrl = pathToFileURL(join(directory, 'fake-worker.mjs'));
writeFileSync(workerUrl, fakeWorker);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('createWorkerBackend', () => {
  it('splits the flat reply into one vector per text', async () => {
    const backend = createWorkerBackend({ dimensions: 2, workerUrl });
    expect(await backend.ready()).toEqual({ loadMs: 1 });
    const vectors = await backend.embedBatch(['a', 'abc']);
    expect(vectors.map((vector) => Array.from(vector))).toEqual([[1, 0], [3, 0]]);
    await backend.close();
  });

  it('fails the calls in flight when the worker dies, then starts a new one', async () => {
    const backend = createWorkerBackend({ dimensions: 2, workerUrl });
    await expect(backend.embedBatch(['crash'])).rejects.toMatchObject({ code: 'HOTPATH_INTERNAL' });
    expect((await backend.embedBatch(['again']))[0]?.[0]).toBe(5);
    await backend.close();
    await expect(backend.embedBatch(['late'])).rejects.toMatchObject({ code: 'HOTPATH_ABORTED' });
  });
});
