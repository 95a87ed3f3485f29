// Turns a zod validation failure into the one message both providers would send: which field, and
// what is wrong with it ("messages[0].content: expected string or array").

import type { z } from 'zod';

export interface FieldProblem {
  /** The field as a client would write it: `messages[0].content`. */
  param: string;
  /** The field is absent (as opposed to present with a wrong value). */
  missing: boolean;
  /** What is wrong, without the field name. */
  problem: string;
}

export function describeFirstIssue(error: z.ZodError, input: unknown): FieldProblem {
  const first = error.issues[0];
  if (!first) return { param: '', missing: false, problem: 'invalid request' };
  const { issue, path } = innermost(first, first.path);
  const missing = issue.code === 'invalid_type' && valueAt(input, path) === undefined;
  return { param: formatFieldPath(path), missing, problem: problemOf(issue) };
}

/**
 * A value of the right kind but with a bad part fails a union as a whole ("content: Invalid
 * input"); the branch that got past the kind check says which part is wrong, so report that.
 */
function innermost(issue: z.core.$ZodIssue, path: ReadonlyArray<PropertyKey>): { issue: z.core.$ZodIssue; path: PropertyKey[] } {
  if (issue.code === 'invalid_union') {
    const deeper = issue.errors.find((branch) => branch[0] !== undefined && branch[0].path.length > 0)?.[0];
    if (deeper) return innermost(deeper, [...path, ...deeper.path]);
  }
  return { issue, path: [...path] };
}

export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const expected = issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0 && inner.code === 'invalid_type').map((inner) => (inner as { expected: string }).expected));
    if (expected.length === issue.errors.length) return `expected ${expected.join(' or ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}
