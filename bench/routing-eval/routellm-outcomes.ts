// RouteLLM's per-question outcomes of a strong model (GPT-4) and a weak one (Mixtral-8x7B), read the way
// RouteLLM's own evaluation reads them: rows whose prompt equals an `eval_prompt` of the benchmark's
// contaminated_prompts.jsonl are dropped first (they overlap RouteLLM's router-training data).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsvRecords } from './parse-csv.js';

export type RouteLlmBenchmark = 'mmlu' | 'gsm8k';

export const routeLlmModels = { strong: 'gpt-4-1106-preview', weak: 'mistralai/Mixtral-8x7B-Instruct-v0.1' } as const;

export interface OutcomeRow {
  prompt: string;
  /** 1 when the model answered correctly, else 0 (MT-Bench uses judge scores instead). */
  weakQuality: number;
  strongQuality: number;
  /** MMLU subject, when known. */
  group?: string;
}

export interface LoadedOutcomes {
  benchmark: string;
  rows: OutcomeRow[];
  rowsBeforeDecontamination: number;
  droppedContaminated: number;
}

const columns: Record<RouteLlmBenchmark, { weak: string; strong: string; group?: string }> = {
  mmlu: { weak: 'mixtral_correct', strong: 'gpt4_correct', group: 'subject' },
  gsm8k: { weak: routeLlmModels.weak, strong: routeLlmModels.strong },
};

function correctness(value: string | undefined, where: string): number {
  if (value === 'True') return 1;
  if (value === 'False') return 0;
  throw new Error(`${where}: expected True or False, got ${JSON.stringify(value)}`);
}

export function parseOutcomeRows(csvText: string, benchmark: RouteLlmBenchmark): OutcomeRow[] {
  const names = columns[benchmark];
  return parseCsvRecords(csvText).map((record, index) => {
    const prompt = record.prompt;
    if (prompt === undefined) throw new Error(`${benchmark} row ${index + 1}: no prompt column`);
    const row: OutcomeRow = {
      prompt,
      weakQuality: correctness(record[names.weak], `${benchmark} row ${index + 1} ${names.weak}`),
      strongQuality: correctness(record[names.strong], `${benchmark} row ${index + 1} ${names.strong}`),
    };
    if (names.group !== undefined && record[names.group] !== undefined) row.group = record[names.group];
    return row;
  });
}

/** The `eval_prompt` values of a contaminated_prompts.jsonl file. */
export function parseContaminatedPrompts(jsonl: string): Set<string> {
  const prompts = new Set<string>();
  for (const line of jsonl.split('\n')) {
    if (line.trim().length === 0) continue;
    const value = (JSON.parse(line) as { eval_prompt?: unknown }).eval_prompt;
    if (typeof value !== 'string') throw new Error('contaminated prompts: a line has no eval_prompt string');
    prompts.add(value);
  }
  return prompts;
}

/** Rows whose prompt is exactly a contaminated eval prompt are removed (as RouteLLM's `isin` filter does). */
export function dropContaminated<Row extends { prompt: string }>(rows: readonly Row[], contaminated: ReadonlySet<string>): { kept: Row[]; dropped: number } {
  const kept = rows.filter((row) => !contaminated.has(row.prompt));
  return { kept, dropped: rows.length - kept.length };
}

export async function loadRouteLlmOutcomes(options: { directory: string; benchmark: RouteLlmBenchmark }): Promise<LoadedOutcomes> {
  const { directory, benchmark } = options;
  const [csvText, contaminatedText] = await Promise.all([
    readFile(join(directory, `${benchmark}_responses.csv`), 'utf8'),
    readFile(join(directory, `${benchmark}_contaminated_prompts.jsonl`), 'utf8'),
  ]);
  const rows = parseOutcomeRows(csvText, benchmark);
  const { kept, dropped } = dropContaminated(rows, parseContaminatedPrompts(contaminatedText));
  return { benchmark, rows: kept, rowsBeforeDecontamination: rows.length, droppedContaminated: dropped };
}
