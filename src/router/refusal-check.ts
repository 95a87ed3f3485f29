// Refusals and low-confidence openings: how a cheaper model says it is out of its depth. They show in
// the first few tokens, which is why the gate holds back only that much text before releasing it.

import type { QualityFailure } from './router-types.js';

const refusalPatterns: readonly RegExp[] = [
  /\b(?:i'm|i am) (?:not sure|unsure) (?:i|if i|whether i) can\b/,
  /\bi (?:can't|cannot|can not|won't be able to|am unable to|'m unable to|am not able to|'m not able to) (?:help|assist|answer|do that|provide|complete)/,
  /\b(?:i'm|i am) sorry,? (?:but )?i (?:can't|cannot|won't)\b/,
  /\bas an ai\b/,
  /\bcould you (?:please )?rephrase\b/,
];

const lowConfidencePatterns: readonly RegExp[] = [
  /\bi (?:don't|do not) (?:know|have (?:enough|that|the) information)\b/,
  /\b(?:i'm|i am) not (?:sure|certain)\b/,
  /\bi (?:can't|cannot|am unable to|'m unable to) (?:determine|tell|find out|be sure)\b/,
  /\b(?:hard|difficult|impossible) to say\b/,
];

// Confirmation of an action the tools performed: it states what was done, not values it read.
const actionConfirmation =
  /^(?:done\b|all set\b)|\bi(?:'ve| have) (?:now )?(?:added|updated|closed|reopened|reset|sent|created|changed|set|put|marked|scheduled|cancell?ed|submitted|logged|assigned|booked|removed|deleted|resolved)\b/;

// Claims of having looked something up or acted, in an answer that called no tool: it did not happen.
const unsupportedClaimPatterns: readonly RegExp[] = [
  /\bi(?:'ve| have)? (?:looked into|looked it up|checked|verified|reviewed|confirmed|investigated)\b/,
  /\beverything (?:appears|seems|looks) (?:to be )?(?:fine|ok|okay|good|normal|in order)\b/,
  actionConfirmation,
];

/** Lower case with typographic apostrophes straightened, as the patterns expect. */
export function normalizeForChecks(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

export function checkRefusal(text: string, extraPatterns: readonly RegExp[] = []): QualityFailure | undefined {
  const normalized = normalizeForChecks(text);
  for (const pattern of refusalPatterns) if (pattern.test(normalized)) return { kind: 'refusal', detail: `refusal: "${excerpt(text)}"` };
  for (const pattern of extraPatterns) if (pattern.test(text) || pattern.test(normalized)) return { kind: 'refusal', detail: `refusal: "${excerpt(text)}"` };
  for (const pattern of lowConfidencePatterns) if (pattern.test(normalized)) return { kind: 'low-confidence', detail: `low confidence: "${excerpt(text)}"` };
  return undefined;
}

/** An answer that claims a lookup while no tool was called in this turn (only meaningful when tools were available). */
export function checkUnsupportedClaim(text: string): QualityFailure | undefined {
  const normalized = normalizeForChecks(text);
  for (const pattern of unsupportedClaimPatterns) {
    if (pattern.test(normalized)) return { kind: 'ignored-tool-results', detail: `claims a lookup without calling a tool: "${excerpt(text)}"` };
  }
  return undefined;
}

/** Whether the answer confirms an action (after tool results, that is grounded without quoting values). */
export function confirmsAction(text: string): boolean {
  return actionConfirmation.test(normalizeForChecks(text.trimStart()));
}

function excerpt(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
}
