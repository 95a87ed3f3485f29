// Reads labelled examples from JSONL text (one `{"text": "...", "tier": "..."}` per line). Errors name
// the source and the line, since these files are written by hand.

import { z } from 'zod';
import { HotpathError } from '../util/index.js';
import type { LabelledExample } from './classifier-types.js';

const exampleSchema = z.object({ text: z.string().trim().min(1), tier: z.string().min(1) });

export interface ParseLabelledExamplesOptions {
  /** Name used in error messages (a file path). */
  source?: string;
  /** When given, every example's tier must be one of these. */
  tiers?: readonly string[];
}

export function parseLabelledExamples(jsonl: string, options: ParseLabelledExamplesOptions = {}): LabelledExample[] {
  const source = options.source ?? 'examples';
  const examples: LabelledExample[] = [];
  jsonl.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('//')) return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${where}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = exampleSchema.safeParse(value);
    if (!parsed.success) throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${where}: ${z.prettifyError(parsed.error)}`);
    if (options.tiers !== undefined && !options.tiers.includes(parsed.data.tier)) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${where}: tier "${parsed.data.tier}" is not one of ${options.tiers.join(', ')}`);
    }
    examples.push({ text: parsed.data.text, tier: parsed.data.tier });
  });
  return examples;
}
