import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplexityClassifier, defaultTrainingDataDirectory, parseClassifierState, parseLabelledExamples } from '../classifier/index.js';
import { createUniversalSentenceEncoder } from '../embeddings/index.js';
import { runTrainClassifierCommand } from './train-classifier-command.js';

const encoder = createUniversalSentenceEncoder();
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotpath-train-classifier-'));
});

afterAll(async () => {
  await encoder.close();
  await rm(directory, { recursive: true, force: true });
});

async function sample(file: string, count: number): Promise<string> {
  const lines = (await readFile(join(defaultTrainingDataDirectory, file), 'utf8')).trim().split('\n');
  return lines.filter((_, index) => index % Math.floor(lines.length / count) === 0).slice(0, count).join('\n');
}

describe('runTrainClassifierCommand', () => {
  it('trains from JSONL files, reports held-out accuracy and writes the same state for the same seed', async () => {
    const examples = join(directory, 'examples.jsonl');
    await writeFile(examples, `${await sample('service-desk-simple.jsonl', 24)}\n${await sample('service-desk-complex.jsonl', 24)}\n`);
    const lines: string[] = [];
    const first = await runTrainClassifierCommand({ examples, out: join(directory, 'first.json'), seed: '3', encoder, log: (line) => lines.push(line) });
    await runTrainClassifierCommand({ examples: [examples], out: join(directory, 'second.json'), seed: 3, encoder, log: () => {} });

    expect(lines[0]).toBe('Read 48 examples (simple: 24, complex: 24).');
    expect(lines.some((line) => /^Held-out accuracy: \d+\.\d% on 10 examples \(trained on 38\)/.test(line))).toBe(true);
    expect(first.heldOut.accuracy).toBeGreaterThan(0.6);
    const written = await readFile(join(directory, 'first.json'), 'utf8');
    expect(await readFile(join(directory, 'second.json'), 'utf8')).toBe(written);
    const state = parseClassifierState(written, { dimensions: 512, embeddingModelId: 'universal-sentence-encoder-lite' });
    expect(state.training.examples).toBe(48);
    expect(state.training.heldOutAccuracy).toBeCloseTo(first.heldOut.accuracy, 6);
  });

  it('names the bad option', async () => {
    await expect(runTrainClassifierCommand({ examples: join(directory, 'missing.jsonl'), encoder, log: () => {} })).rejects.toThrow(
      /--examples names a path that does not exist/,
    );
    await expect(runTrainClassifierCommand({ seed: 'abc', encoder, log: () => {} })).rejects.toThrow(/--seed must be an integer/);
    await expect(runTrainClassifierCommand({ testShare: 1.5, encoder, log: () => {} })).rejects.toThrow(/--test-share/);
  });
});

describe('the shipped default state', () => {
  it('matches the shipped examples and routes unseen service-desk requests the way the seed describes', async () => {
    const state = createComplexityClassifier().toState();
    const shipped = (await Promise.all(
      ['customer-support-complex', 'customer-support-simple', 'public-simple', 'service-desk-complex', 'service-desk-simple'].map(async (name) =>
        parseLabelledExamples(await readFile(join(defaultTrainingDataDirectory, `${name}.jsonl`), 'utf8')),
      ),
    )).flat();
    expect(state.training.examples).toBe(shipped.length);
    expect(state.training.heldOutAccuracy).toBeGreaterThan(0.9);

    const classifier = createComplexityClassifier({ embeddingModelId: encoder.modelId, dimensions: encoder.dimensions });
    const requests = {
      simple: ['Could you look up ticket INC-7310 for me?', 'I need my password reset, I got locked out', "What's Omar Haddad's phone number?"],
      complex: ['Analyze how P2 incident counts changed over the last two quarters', 'Find out why ERR-4102 appears in billing and auth and which change caused it'],
    };
    const texts = [...requests.simple, ...requests.complex];
    const vectors = await encoder.embed(texts);
    const tiers = texts.map((text, index) => classifier.classify({ text, embedding: vectors[index]! }).tier);
    expect(tiers).toEqual([...requests.simple.map(() => 'simple'), ...requests.complex.map(() => 'complex')]);
  });
});
