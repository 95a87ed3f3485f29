import { describe, expect, it } from 'vitest';
import { buildMtBenchOutcomes } from './mt-bench-outcomes.js';
import { dropContaminated, parseContaminatedPrompts, parseOutcomeRows } from './routellm-outcomes.js';

const mmluCsv = [
  'subject,prompt,mixtral_correct,gpt4_correct',
  'anatomy,"Which bone is the longest?\nA. Femur\nB. Tibia\nAnswer:",True,True',
  'law,"A statute says ""no vehicles"", does it cover bikes?\nA. Yes\nB. No\nAnswer:",False,True',
  'virology,"Which virus, if any, causes colds?\nAnswer:",False,False',
  '',
].join('\n');

const contaminated = [
  JSON.stringify({ train_prompt: 'similar training text', eval_prompt: 'A statute says "no vehicles", does it cover bikes?\nA. Yes\nB. No\nAnswer:', train_idx: 1, eval_idx: 2 }),
  JSON.stringify({ train_prompt: 'other', eval_prompt: 'A prompt that is not in the benchmark', train_idx: 3, eval_idx: 4 }),
  '',
].join('\n');

describe('RouteLLM outcomes', () => {
  it('reads MMLU rows with multi-line prompts and True/False correctness', () => {
    const rows = parseOutcomeRows(mmluCsv, 'mmlu');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ prompt: 'Which bone is the longest?\nA. Femur\nB. Tibia\nAnswer:', weakQuality: 1, strongQuality: 1, group: 'anatomy' });
    expect(rows[1]).toMatchObject({ weakQuality: 0, strongQuality: 1, group: 'law' });
  });

  it('reads GSM8K columns named after the models', () => {
    const csv = 'prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview,a_response,b_response\n"Two, plus two?",False,True,"4\n#### 4",4\n';
    expect(parseOutcomeRows(csv, 'gsm8k')).toEqual([{ prompt: 'Two, plus two?', weakQuality: 0, strongQuality: 1 }]);
    expect(() => parseOutcomeRows('prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview\nx,yes,True\n', 'gsm8k')).toThrow(/expected True or False/);
  });

  it('drops exactly the rows whose prompt equals a contaminated eval prompt', () => {
    const rows = parseOutcomeRows(mmluCsv, 'mmlu');
    const prompts = parseContaminatedPrompts(contaminated);
    expect(prompts.size).toBe(2);
    const { kept, dropped } = dropContaminated(rows, prompts);
    expect(dropped).toBe(1);
    expect(kept.map((row) => row.group)).toEqual(['anatomy', 'virology']);
    // A prompt that only resembles a contaminated one stays.
    expect(dropContaminated([{ prompt: 'A statute says "no vehicles"' }], prompts).dropped).toBe(0);
  });

  it('builds MT-Bench outcomes from the first turn and the mean judge score of both turns', () => {
    const questions = [
      { question_id: 81, category: 'writing', turns: ['Write a poem.', 'Shorter.'] },
      { question_id: 82, category: 'math', turns: ['Solve 2x = 4.', 'Now 3x = 9.'] },
    ].map((question) => JSON.stringify(question)).join('\n');
    const judgement = (question_id: number, model: string, turn: number, score: number) => JSON.stringify({ question_id, model, turn, score });
    const judgements = [
      judgement(81, 'gpt-4-1106-preview', 1, 9),
      judgement(81, 'gpt-4-1106-preview', 2, 10),
      judgement(81, 'mistralai/Mixtral-8x7B-Instruct-v0.1', 1, 8),
      judgement(81, 'mistralai/Mixtral-8x7B-Instruct-v0.1', 2, 6),
      judgement(82, 'gpt-4-1106-preview', 1, 10),
      judgement(82, 'gpt-4-1106-preview', 2, 10),
      judgement(82, 'mistralai/Mixtral-8x7B-Instruct-v0.1', 1, 2),
      judgement(82, 'mistralai/Mixtral-8x7B-Instruct-v0.1', 2, 4),
    ].join('\n');
    const outcomes = buildMtBenchOutcomes({ questions, judgements, contaminated: JSON.stringify({ eval_prompt: 'Now 3x = 9.' }) });
    expect(outcomes.droppedContaminated).toBe(1);
    expect(outcomes.rows).toEqual([{ prompt: 'Write a poem.', weakQuality: 7, strongQuality: 9.5, group: 'writing' }]);
  });
});
