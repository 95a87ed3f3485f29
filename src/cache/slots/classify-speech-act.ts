// What a request does as an utterance: asks for information ("How do I reset my password?", "Show me
// the P1 trend"), asks for an action ("Reset my password", "Can you close INC-4821?", "I need a new
// password"), or states something ("My card hasn't arrived"). A cached answer to a question must never
// answer a command: replaying "your password has been reset" without a reset is a lost action.
// English grammar only, no domain words; when in doubt it says "command", which only costs a cache hit.

import { extractSlots } from './extract-slots.js';
import type { ExtractedSlots } from './slot-types.js';
import { auxiliaries, discourseWords, informationNouns, nonUnitWords, readVerbs, statementOpeners, whWords } from './slot-words.js';

export type SpeechAct = 'question' | 'command' | 'statement';

const word = String.raw`([a-z][a-z'’-]*)`;
/** A modal request opens its clause ("Can you…", "…, could you…"); inside a wh-question it does not ("What rate will you use?"). */
const clauseStart = String.raw`(?:^|[.!?,;:]\s*|\b(?:hi|hello|hey|ok|okay|so|and|but|also|then|now)\s+)`;
const modalRequest = new RegExp(String.raw`${clauseStart}(?:can|could|would|will|won't|wont)\s+(?:you|u|someone|somebody|anyone|y'all)\s+(?:please\s+|kindly\s+|just\s+|also\s+|maybe\s+|quickly\s+)*(?:help\s+me\s+(?:to\s+)?|go\s+ahead\s+and\s+)?${word}`, 'g');
const pleaseVerb = new RegExp(String.raw`\bplease\s+(?:just\s+|kindly\s+|also\s+|quickly\s+|now\s+)*${word}`, 'g');
const permissionGet = new RegExp(String.raw`\b(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?(?:get|have|receive|obtain)\b((?:\s+[a-z'’-]+){1,5})`, 'g');
const wantTo = new RegExp(String.raw`\b(?:i|we)\s*(?:'d|’d|\s+would)?\s*(?:need|want|like|wish|wanna)\s+(?:you\s+|someone\s+)?to\s+${word}`, 'g');
const wantThing = new RegExp(String.raw`\b(?:i|we)\s*(?:'d|’d|\s+would)?\s*(?:need|want|like|require)\s+(?:a|an|my|the|some|new|another|our)\b((?:\s+[a-z'’-]+){1,5})`, 'g');
const youMay = new RegExp(String.raw`\byou\s+(?:can|could|may|should|might\s+want\s+to|need\s+to)\s+(?:now\s+|go\s+ahead\s+and\s+|please\s+)?${word}`, 'g');
const letUs = new RegExp(String.raw`\blet'?s\s+${word}`, 'g');

const clean = (value: string) => value.replace(/[’]/g, "'");
const isFunctionWord = (value: string) =>
  statementOpeners.has(value) || nonUnitWords.has(value) || auxiliaries.has(value) || whWords.has(value) || discourseWords.has(value);
/** An action verb: not a verb of asking, and not a function word that merely follows "please". */
const isActionVerb = (value: string) => {
  const verb = clean(value);
  return !readVerbs.has(verb) && !isFunctionWord(verb) && !/ly$/.test(verb);
};
const mentionsInformation = (phrase: string) => phrase.trim().split(/\s+/).some((token) => informationNouns.has(clean(token).replace(/'s$/, '')));

function sentences(text: string): string[][] {
  return text
    .toLowerCase()
    .split(/(?<=[.!?;])\s+|\n+|,\s+(?=(?:please|can|could|would|will)\b)/)
    .map((sentence) => sentence.replace(/[^a-z0-9'’\s-]/g, ' ').split(/\s+/).filter(Boolean))
    .filter((tokens) => tokens.length > 0);
}

function dropOpeners(tokens: string[]): string[] {
  let index = 0;
  while (index < tokens.length - 1 && discourseWords.has(clean(tokens[index]!))) index++;
  return tokens.slice(index);
}

type Opening = 'imperative' | 'noun-phrase' | 'other';

/**
 * "Reset my password" / "Close INC-4821": a sentence opening with a bare verb that is not a verb of
 * asking. "Status of INC-4821", "news on INC-4821", "weather today" open with a noun phrase instead.
 */
function opening(tokens: string[]): Opening {
  const [first, second, third] = tokens.map(clean);
  if (!first || first.startsWith('x0') || /\d/.test(first) || first.length < 2) return 'other';
  if (readVerbs.has(first) || isFunctionWord(first) || first === 'please') return 'other';
  if (/(?:ing|ed|ly|'s)$/.test(first)) return 'other';
  // "card not working", "transfer is pending": a subject followed by its verb states something.
  const statesSomething = (token: string | undefined) => token !== undefined && (auxiliaries.has(token) || token === 'not' || token === 'never' || /n't$/.test(token));
  if (statesSomething(second) || statesSomething(third)) return 'other';
  // Imperatives take the base form; a word ending in a single "s" is a plural or a noun ("news", "status").
  if (/[^s]s$/.test(first)) return 'noun-phrase';
  if (second === undefined || second === 'of' || second === 'x0period' || second === 'x0date') return 'noun-phrase';
  return 'imperative';
}

function opensQuestion(tokens: string[]): boolean {
  const first = clean(tokens[0] ?? '');
  return whWords.has(first) || auxiliaries.has(first) || readVerbs.has(first);
}

/** Each slot becomes "x0<kind>": a name or an id opening a sentence is not a verb. */
function maskSlots(text: string, extracted: ExtractedSlots): string {
  let masked = '';
  let position = 0;
  for (const slot of extracted.slots) {
    masked += `${text.slice(position, slot.start)}x0${slot.kind}`;
    position = slot.end;
  }
  return masked + text.slice(position);
}

/** The request's speech act; pass its slots when they are already known. */
export function classifySpeechAct(request: string, slots?: ExtractedSlots): SpeechAct {
  const text = maskSlots(request, slots ?? extractSlots(request));
  const lower = clean(text.toLowerCase());
  for (const match of lower.matchAll(modalRequest)) if (isActionVerb(match[1]!)) return 'command';
  for (const match of lower.matchAll(pleaseVerb)) if (isActionVerb(match[1]!)) return 'command';
  for (const match of lower.matchAll(youMay)) if (isActionVerb(match[1]!)) return 'command';
  for (const match of lower.matchAll(letUs)) if (isActionVerb(match[1]!)) return 'command';
  for (const match of lower.matchAll(permissionGet)) if (!mentionsInformation(match[1]!)) return 'command';
  const parts = sentences(text).map(dropOpeners);
  // "I want to …" asks for an action, unless it sits in a question ("Where do I go if I want to …?").
  let asksForInformation = false;
  for (const sentence of parts.filter((tokens) => !opensQuestion(tokens)).map((tokens) => tokens.join(' '))) {
    for (const match of sentence.matchAll(wantTo)) if (isActionVerb(match[1]!)) return 'command';
    for (const match of sentence.matchAll(wantThing)) {
      if (!mentionsInformation(match[1]!)) return 'command';
      asksForInformation = true;
    }
  }
  const openings = parts.map(opening);
  if (openings.includes('imperative')) return 'command';
  if (asksForInformation || text.includes('?') || parts.some(opensQuestion) || openings.includes('noun-phrase')) return 'question';
  return 'statement';
}
