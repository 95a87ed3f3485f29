import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingModel } from '../../src/index.js';
import type { RoutingEvalApi } from './public-api.js';
import { runRouterEval } from './run-router-eval.js';

let directory: string;

// Questions containing "hard" are the ones the weak model fails; a fake router that scores by that word
// is perfect, so the runner must report oracle-like numbers for it and the random baseline near the diagonal.
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotpath-router-eval-'));
  const mmlu = ['subject,prompt,mixtral_correct,gpt4_correct'];
  for (let index = 0; index < 40; index++) {
    const hard = index % 4 === 0;
    mmlu.push(`s,"${hard ? 'hard' : 'easy'} question ${index},\nA. x\nAnswer:",${hard ? 'False' : 'True'},True`);
  }
  mmlu.push('s,"contaminated question\nAnswer:",False,True');
  const gsm8k = ['prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview'];
  for (let index = 0; index < 20; index++) gsm8k.push(`"${index % 2 === 0 ? 'hard' : 'easy'} sum ${index}",${index % 2 === 0 ? 'False' : 'True'},True`);
  const questions = [81, 82, 83, 84].map((id) => JSON.stringify({ question_id: id, category: 'c', turns: [`${id === 81 ? 'hard' : 'easy'} turn ${id}`, 'again'] }));
  const judgements = [81, 82, 83, 84].flatMap((id) =>
    [1, 2].flatMap((turn) => [
      JSON.stringify({ question_id: id, model: 'gpt-4-1106-preview', turn, score: 9 }),
      JSON.stringify({ question_id: id, model: 'mistralai/Mixtral-8x7B-Instruct-v0.1', turn, score: id === 81 ? 3 : 9 }),
    ]),
  );
  await Promise.all([
    writeFile(join(directory, 'mmlu_responses.csv'), `${mmlu.join('\n')}\n`),
    writeFile(join(directory, 'mmlu_contaminated_prompts.jsonl'), `${JSON.stringify({ eval_prompt: 'contaminated question\nAnswer:' })}\n`),
    writeFile(join(directory, 'gsm8k_responses.csv'), `${gsm8k.join('\n')}\n`),
    writeFile(join(directory, 'gsm8k_contaminated_prompts.jsonl'), ''),
    writeFile(join(directory, 'mt_bench_questions.jsonl'), questions.join('\n')),
    writeFile(join(directory, 'mt_bench_judgements.jsonl'), judgements.join('\n')),
    writeFile(join(directory, 'mt_bench_contaminated_prompts.jsonl'), ''),
  ]);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const encoder: EmbeddingModel = {
  modelId: 'fake-encoder',
  dimensions: 2,
  embed: async (texts) => texts.map((text) => Float32Array.from([text.length, 1])),
};

const api: Partial<RoutingEvalApi> = {
  trainClassifier: () => ({ state: {} }),
  createComplexityClassifier: () => ({
    tiers: ['simple', 'complex'],
    classify: ({ text }) => ({ tier: 'simple', score: text.startsWith('hard') ? 0.9 : 0.1, probabilities: {} }),
    learn: () => ({ probabilityBefore: 0, probabilityAfter: 0 }),
  }),
};

describe('runRouterEval', () => {
  it('evaluates each benchmark against random and oracle routing and writes JSON and Markdown', async () => {
    const jsonPath = join(directory, 'out', 'result.json');
    const markdownPath = join(directory, 'out', 'result.md');
    const result = await runRouterEval({
      dataDirectory: directory,
      cacheDirectory: join(directory, 'cache'),
      encoder,
      api,
      folds: 2,
      randomRepeats: 10,
      jsonPath,
      markdownPath,
      log: () => {},
    });
    expect(result.benchmarks.map((benchmark) => benchmark.benchmark)).toEqual(['mmlu', 'gsm8k', 'mt-bench']);
    const [mmlu, , mtBench] = result.benchmarks;
    expect(mmlu!.rows).toBe(40);
    expect(mmlu!.droppedContaminated).toBe(1);
    expect(mmlu!.weakQuality).toBe(0.75);
    expect(mmlu!.weakWrongAuc).toBe(1);
    // A perfect router needs exactly the 25% of calls the weak model fails for the whole gap.
    expect(mmlu!.routers['hotpath classifier']!.cpt80).toBeCloseTo(0.2, 9);
    expect(mmlu!.routers.random!.cpt80).toBeGreaterThan(0.5);
    expect(Object.keys(mmlu!.routers)).toEqual(['hotpath classifier', 'hotpath classifier, target "strong wins"', 'random', 'oracle']);
    expect(mtBench!.qualityKind).toBe('score');
    expect(mtBench!.routers['hotpath classifier']!.strongShareFor95PercentOfStrong).toBeLessThan(0.25);
    expect(JSON.parse(await readFile(jsonPath, 'utf8')).benchmarks).toHaveLength(3);
    const markdown = await readFile(markdownPath, 'utf8');
    expect(markdown).toContain('| hotpath classifier | ');
    expect(markdown).toContain('40 questions (1 contaminated dropped)');
  });
});
