// Does an answer use the tool results it was given? The salient values of this turn's successful tool
// results (ids, names, statuses, dates, amounts) are collected once per step; an answer that mentions
// none of them ignored the results. Values the user or the system prompt already said prove nothing
// and are left out; values the model itself sent as arguments stay (a result confirming the status the
// model set is what a confirmation answer states).

import type { ModelMessage } from '../spec/index.js';

export interface GroundingContext {
  /** Lower-cased values an answer built on the results would mention. */
  values: readonly string[];
}

/**
 * What the current turn holds: its successful tool results' salient values, or why there is nothing to
 * match — no tool ran, every call failed, or the results hold no value an answer would repeat.
 */
export type TurnToolResults =
  | { kind: 'none' }
  | { kind: 'all-failed' }
  | { kind: 'unjudgeable' }
  | { kind: 'results'; grounding: GroundingContext };

const maxValues = 300;
const minLength = 3;
const maxLength = 80;
const idLike = /\b[A-Za-z]{1,10}-?\d{2,}\b|\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g;

export function turnToolResults(messages: readonly ModelMessage[]): TurnToolResults {
  let lastUser = -1;
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]!.role === 'user') {
      lastUser = index;
      break;
    }
  }
  const turn = messages.slice(lastUser + 1);
  const results = turn.filter((message): message is Extract<ModelMessage, { role: 'tool' }> => message.role === 'tool');
  if (results.length === 0) return { kind: 'none' };
  const successful = results.filter((message) => message.isError !== true);
  if (successful.length === 0) return { kind: 'all-failed' };

  const said = messages
    .flatMap((message) => (message.role === 'system' || message.role === 'user' ? [message.content] : []))
    .join('\n')
    .toLowerCase();
  const values = new Set<string>();
  const add = (raw: string) => {
    const value = raw.trim().toLowerCase();
    if (value.length < minLength || value.length > maxLength || values.size >= maxValues) return;
    if (value === 'true' || value === 'false' || value === 'null') return;
    if (containsWord(said, value)) return;
    values.add(value);
  };
  for (const message of successful) collectValues(message.content, add);
  return values.size === 0 ? { kind: 'unjudgeable' } : { kind: 'results', grounding: { values: [...values] } };
}

function collectValues(content: string, add: (value: string) => void): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    for (const match of content.match(idLike) ?? []) add(match);
    return;
  }
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8) return;
    if (typeof value === 'string') add(value);
    else if (typeof value === 'number') {
      // Single digits appear in any text; only larger or fractional numbers identify a result.
      if (Number.isFinite(value) && (Math.abs(value) >= 10 || !Number.isInteger(value))) add(String(value));
    } else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(parsed, 0);
}

/** Whether `text` mentions any of the values, as whole words (so "it" never matches inside "item"). */
export function mentionsAny(text: string, grounding: GroundingContext): boolean {
  const lower = text.toLowerCase();
  for (const value of grounding.values) if (containsWord(lower, value)) return true;
  return false;
}

function containsWord(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? '';
    if (!isWordCharacter(before) && !isWordCharacter(after)) return true;
  }
  return false;
}

function isWordCharacter(character: string): boolean {
  return character !== '' && /[\p{L}\p{N}_]/u.test(character);
}
