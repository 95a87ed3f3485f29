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
  const issue = error.issues[0];
  if (!issue) return { param: '', missing: false, problem: 'invalid request' };
  const param = formatFieldPath(issue.path);
  const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
  return { param, missing, problem: problemOf(issue) };
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
