// MT-Bench as RouteLLM evaluates it: a router sees only a question's first turn, and the routed model's
// quality is the GPT-4 judge's score averaged over both turns. Contaminated questions (either turn equal
// to an eval_prompt) are dropped.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedOutcomes, OutcomeRow } from './routellm-outcomes.js';
import { parseContaminatedPrompts, routeLlmModels } from './routellm-outcomes.js';

interface Question {
  question_id: number;
  category: string;
  turns: string[];
}

interface Judgement {
  question_id: number;
  model: string;
  score: number;
  turn: number;
}

function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

export function buildMtBenchOutcomes(options: { questions: string; judgements: string; contaminated: string }): LoadedOutcomes {
  const questions = jsonLines<Question>(options.questions);
  const contaminated = parseContaminatedPrompts(options.contaminated);
  const scores = new Map<string, number[]>();
  for (const judgement of jsonLines<Judgement>(options.judgements)) {
    const key = `${judgement.question_id}\u0000${judgement.model}`;
    const list = scores.get(key) ?? [];
    list.push(judgement.score);
    scores.set(key, list);
  }
  const mean = (questionId: number, model: string): number => {
    const list = scores.get(`${questionId}\u0000${model}`);
    if (list === undefined || list.length === 0) throw new Error(`MT-Bench: no judgement of ${model} for question ${questionId}`);
    return list.reduce((sum, value) => sum + value, 0) / list.length;
  };
  const kept = questions.filter((question) => !question.turns.some((turn) => contaminated.has(turn)));
  const rows: OutcomeRow[] = kept.map((question) => ({
    prompt: question.turns[0] ?? '',
    weakQuality: mean(question.question_id, routeLlmModels.weak),
    strongQuality: mean(question.question_id, routeLlmModels.strong),
    group: question.category,
  }));
  return { benchmark: 'mt-bench', rows, rowsBeforeDecontamination: questions.length, droppedContaminated: questions.length - kept.length };
}

export async function loadMtBenchOutcomes(options: { directory: string }): Promise<LoadedOutcomes> {
  const read = (name: string) => readFile(join(options.directory, name), 'utf8');
  const [questions, judgements, contaminated] = await Promise.all([
    read('mt_bench_questions.jsonl'),
    read('mt_bench_judgements.jsonl'),
    read('mt_bench_contaminated_prompts.jsonl'),
  ]);
  return buildMtBenchOutcomes({ questions, judgements, contaminated });
}
