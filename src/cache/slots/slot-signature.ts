// Canonical forms derived from a request's slots: the signature two requests must share to share an
// answer, the template a plan is remembered under, and the normalised text of an exact match.

import type { Slot, SlotKind } from './slot-types.js';

const kindOrder: readonly SlotKind[] = ['id', 'email', 'url', 'name', 'code', 'amount', 'quantity', 'number', 'date', 'period', 'quoted'];

/** Kinds in a fixed order; within a kind, distinct values in order of appearance. */
export function slotSignature(slots: readonly Slot[]): string {
  const parts: string[] = [];
  for (const kind of kindOrder) {
    const values: string[] = [];
    for (const slot of slots) if (slot.kind === kind && !values.includes(slot.value)) values.push(slot.value);
    if (values.length > 0) parts.push(`${kind}=${values.join('\u001f')}`);
  }
  return parts.join('|');
}

/** "What's the status of INC-4821?" → "what's the status of {id}". */
export function slotTemplate(text: string, slots: readonly Slot[]): string {
  let template = '';
  let position = 0;
  for (const slot of slots) {
    template += text.slice(position, slot.start).toLowerCase() + `\u0000${slot.kind}\u0000`;
    position = slot.end;
  }
  template += text.slice(position).toLowerCase();
  return template
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}\s'\u0000-]+/gu, ' ')
    .replace(/\u0000(\w+)\u0000/g, ' {$1} ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Exact-match form: lower-case, straight quotes, single spaces, no trailing punctuation. */
export function normalizeRequestText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.?!…]+$/u, '');
}

/** Whether every soft term of each side appears as a word in the other side's text. */
export function softTermsAgree(left: { softTerms: readonly string[]; text: string }, right: { softTerms: readonly string[]; text: string }): boolean {
  return containsTerms(right.text, left.softTerms) && containsTerms(left.text, right.softTerms);
}

function containsTerms(text: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const words = new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return terms.every((term) => words.has(term));
}
