// Finds the entities a request names, generically: ids (INC-4821, ERR-5521, #W2378156), e-mails,
// URLs, amounts, dates and relative periods, numbers with units, codes (P1, 2FA), quoted strings and
// capitalised names that do not merely start a sentence. Each matcher claims its characters, in order
// of specificity, so "$50" is an amount and not also a number.

import { monthNumbers, nonUnitWords, sentenceStarters, weekdays } from './slot-words.js';
import type { ExtractedSlots, Slot, SlotKind } from './slot-types.js';
import { slotSignature, slotTemplate } from './slot-signature.js';

interface Claim {
  kind: SlotKind;
  value: string;
  start: number;
  end: number;
  /** Acronyms are written in capitals only sometimes ("VPN", "vpn"): checked softly, by word, not by signature. */
  soft?: boolean;
}

type Matcher = (text: string, free: (start: number, end: number) => boolean) => Claim[];

const monthPattern = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const weekdayPattern = weekdays.join('|');
const periodUnits = `day|week|weekend|fortnight|month|quarter|year|hour|minute|morning|afternoon|evening|night|sprint|semester|season|${weekdayPattern}|january|february|march|april|june|july|august|september|october|november|december`;
const currencyWords: Readonly<Record<string, string>> = {
  $: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD', '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP', '¥': 'JPY', jpy: 'JPY', yen: 'JPY', '₹': 'INR', inr: 'INR',
  rupee: 'INR', rupees: 'INR', cad: 'CAD', aud: 'AUD', chf: 'CHF', cent: 'USD-cent', cents: 'USD-cent',
};
const multipliers: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const directionWords: Readonly<Record<string, string>> = {
  this: 'this', current: 'this', last: 'last', previous: 'last', past: 'last', prior: 'last', next: 'next', coming: 'next', upcoming: 'next',
};
const countWords: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const numberText = String.raw`\d[\d,]*(?:\.\d+)?`;
/** A number not glued to a token ("INC-4821" holds no number slot). */
const freeNumber = String.raw`(?<![\w.#/-])${numberText}`;

function* matchAll(pattern: RegExp, text: string): Generator<RegExpMatchArray & { index: number }> {
  for (const match of text.matchAll(pattern)) yield match as RegExpMatchArray & { index: number };
}

const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();

function canonicalNumber(text: string): string {
  const plain = text.replace(/,/g, '');
  const value = Number(plain);
  if (!Number.isFinite(value)) return plain;
  // Leading zeros are part of an identifier-like number ("0042"): keep them.
  return /^0\d/.test(plain) ? plain : String(value);
}

function singular(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1);
  return lower;
}

const quoted: Matcher = (text) => {
  const claims: Claim[] = [];
  const pattern = /"([^"\n]{1,200})"|“([^”\n]{1,200})”|‘([^’\n]{1,200})’|(?<![\w'])'([^'\n]{1,200})'(?![\w])/g;
  for (const match of matchAll(pattern, text)) {
    const inner = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    if (inner.trim() === '') continue;
    claims.push({ kind: 'quoted', value: collapse(inner.toLowerCase()), start: match.index, end: match.index + match[0].length });
  }
  return claims;
};

const url: Matcher = (text) =>
  [...matchAll(/\bhttps?:\/\/[^\s<>"']+/gi, text)].map((match) => {
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    return { kind: 'url' as const, value: raw.toLowerCase().replace(/\/$/, ''), start: match.index, end: match.index + raw.length };
  });

const email: Matcher = (text) =>
  [...matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, text)].map((match) => ({
    kind: 'email' as const,
    value: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));

function amountValue(options: { currency: string; number: string; multiplier?: string | undefined }): string {
  let value = Number(options.number.replace(/,/g, '')) * (options.multiplier ? multipliers[options.multiplier.toLowerCase()] ?? 1 : 1);
  let currency = currencyWords[options.currency.toLowerCase()] ?? options.currency.toUpperCase();
  if (currency === 'USD-cent') {
    currency = 'USD';
    value /= 100;
  }
  return `${currency} ${Number(value.toFixed(4))}`;
}

const amount: Matcher = (text) => {
  const claims: Claim[] = [];
  const codes = 'usd|eur|gbp|jpy|inr|cad|aud|chf';
  const multiplier = String.raw`(?:\s?(k|m|bn|thousand|million|billion)\b)?`;
  const symbolFirst = new RegExp(String.raw`([$€£¥₹])\s?(${numberText})${multiplier}`, 'gi');
  const codeFirst = new RegExp(String.raw`\b(${codes})\s?(${numberText})${multiplier}`, 'gi');
  const numberFirst = new RegExp(String.raw`(${freeNumber})${multiplier}\s?(${codes}|dollars?|euros?|pounds?|bucks|cents?|yen|rupees?)\b`, 'gi');
  for (const match of matchAll(symbolFirst, text)) {
    claims.push({ kind: 'amount', value: amountValue({ currency: match[1]!, number: match[2]!, multiplier: match[3] }), start: match.index, end: match.index + match[0].length });
  }
  for (const match of matchAll(codeFirst, text)) {
    claims.push({ kind: 'amount', value: amountValue({ currency: match[1]!, number: match[2]!, multiplier: match[3] }), start: match.index, end: match.index + match[0].length });
  }
  for (const match of matchAll(numberFirst, text)) {
    claims.push({ kind: 'amount', value: amountValue({ currency: match[3]!, number: match[1]!, multiplier: match[2] }), start: match.index, end: match.index + match[0].length });
  }
  return claims;
};

const period: Matcher = (text) => {
  const claims: Claim[] = [];
  const relative = new RegExp(String.raw`\b(this|current|last|previous|past|prior|next|coming|upcoming)\s+(?:(\d+|two|three|four|five|six|seven|eight|nine|ten|few|couple of)\s+)?(${periodUnits})s?\b`, 'gi');
  for (const match of matchAll(relative, text)) {
    const count = match[2] ? `${countWords[match[2].toLowerCase()] ?? match[2].toLowerCase()} ` : '';
    claims.push({ kind: 'period', value: `${directionWords[match[1]!.toLowerCase()]}:${count}${singular(match[3]!)}`, start: match.index, end: match.index + match[0].length });
  }
  const ago = /\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year|hour|minute)s?\s+ago\b/gi;
  for (const match of matchAll(ago, text)) {
    const count = countWords[match[1]!.toLowerCase()] ?? match[1];
    claims.push({ kind: 'period', value: `ago:${count} ${match[2]!.toLowerCase()}`, start: match.index, end: match.index + match[0].length });
  }
  const toDate = /\b(year|quarter|month|week)[- ]to[- ]date\b|\b(ytd|qtd|mtd)\b/gi;
  for (const match of matchAll(toDate, text)) {
    const unit = match[1]?.toLowerCase() ?? { ytd: 'year', qtd: 'quarter', mtd: 'month' }[match[2]!.toLowerCase() as 'ytd'];
    claims.push({ kind: 'period', value: `to-date:${unit}`, start: match.index, end: match.index + match[0].length });
  }
  for (const match of matchAll(/\b(yesterday|today|tonight|tomorrow|lately|recently)\b/gi, text)) {
    const word = match[1]!.toLowerCase();
    claims.push({ kind: 'period', value: word === 'lately' ? 'recently' : word, start: match.index, end: match.index + match[0].length });
  }
  return claims;
};

function monthDay(month: string, day: string, year?: string): string {
  const number = monthNumbers[month.toLowerCase().replace(/\.$/, '')] ?? 0;
  const parts = [year, String(number).padStart(2, '0'), day.padStart(2, '0')].filter((part) => part !== undefined);
  return parts.join('-');
}

const date: Matcher = (text) => {
  const claims: Claim[] = [];
  const push = (match: RegExpMatchArray & { index: number }, value: string) => claims.push({ kind: 'date', value, start: match.index, end: match.index + match[0].length });
  for (const match of matchAll(/\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?\b/g, text)) {
    push(match, `${match[1]}-${match[2]}-${match[3]}${match[4] ? ` ${match[4]}` : ''}`);
  }
  for (const match of matchAll(/(?<![\w/.-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\w/.-])/g, text)) {
    push(match, [match[1], match[2], match[3]].filter(Boolean).join('/'));
  }
  const monthFirst = new RegExp(String.raw`\b(${monthPattern})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, 'gi');
  for (const match of matchAll(monthFirst, text)) push(match, monthDay(match[1]!, match[2]!, match[3]));
  const dayFirst = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${monthPattern})\b\.?(?:,?\s+(\d{4})\b)?`, 'gi');
  for (const match of matchAll(dayFirst, text)) push(match, monthDay(match[2]!, match[1]!, match[3]));
  const monthYear = new RegExp(String.raw`\b(${monthPattern})\.?\s+(\d{4})\b`, 'gi');
  for (const match of matchAll(monthYear, text)) push(match, `${match[2]}-${String(monthNumbers[match[1]!.toLowerCase()] ?? 0).padStart(2, '0')}`);
  for (const match of matchAll(/\b(\d{1,2})(?::(\d{2}))?\s?(am|pm)\b/gi, text)) {
    const hour = (Number(match[1]) % 12) + (match[3]!.toLowerCase() === 'pm' ? 12 : 0);
    push(match, `${String(hour).padStart(2, '0')}:${match[2] ?? '00'}`);
  }
  for (const match of matchAll(/(?<![\w:])(\d{1,2}):(\d{2})(?![\w:])/g, text)) push(match, `${match[1]!.padStart(2, '0')}:${match[2]}`);
  for (const match of matchAll(new RegExp(String.raw`\b(${weekdayPattern})s?\b`, 'gi'), text)) push(match, match[1]!.toLowerCase());
  // A month named alone is a date only when capitalised ("in March", not "march on").
  for (const match of matchAll(/\b(January|February|March|April|June|July|August|September|October|November|December)\b/g, text)) {
    push(match, `month:${String(monthNumbers[match[1]!.toLowerCase()]).padStart(2, '0')}`);
  }
  for (const match of matchAll(/(?<![\w.#/-])((?:19|20)\d{2})(?![\w.%/-])(?!\s*(?:%|percent))/g, text)) push(match, `year:${match[1]}`);
  return claims;
};

const quantity: Matcher = (text) => {
  const claims: Claim[] = [];
  // A unit glued to its number ("5GB", "2FA") is left to the token matcher.
  const pattern = new RegExp(String.raw`(${freeNumber})(?:\s?(%)|\s+(percent\b|[A-Za-z][A-Za-z-]{0,14}\b))`, 'g');
  for (const match of matchAll(pattern, text)) {
    const unit = match[2] ?? match[3]!;
    if (unit !== '%' && nonUnitWords.has(unit.toLowerCase())) continue;
    const normalizedUnit = unit === '%' || unit.toLowerCase() === 'percent' ? '%' : singular(unit);
    // Ordinals ("3rd") are numbers, times ("3pm") were dates already.
    if (/^(st|nd|rd|th)$/i.test(unit)) continue;
    claims.push({ kind: 'quantity', value: `${canonicalNumber(match[1]!)} ${normalizedUnit}`, start: match.index, end: match.index + match[0].length });
  }
  return claims;
};

const unitSuffix = /^(\d+(?:\.\d+)?)(kb|mb|gb|tb|ms|sec|secs|min|mins|hrs?|h|k|x|d|w|y)$/i;

/** Tokens made of letters and digits: ids, codes, quantities written as one token; plus acronyms. */
const tokens: Matcher = (text) => {
  const claims: Claim[] = [];
  const letters = text.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length > 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6;
  for (const match of matchAll(/(?<![\w@.])#?[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*/g, text)) {
    const raw = match[0];
    const bare = raw.replace(/^#/, '');
    const hasDigit = /\d/.test(bare);
    const hasLetter = /[A-Za-z]/.test(bare);
    const span = { start: match.index, end: match.index + raw.length };
    if (hasDigit && !hasLetter) {
      if (raw.startsWith('#') || /[-_]/.test(bare)) claims.push({ kind: 'id', value: bare, ...span });
      continue;
    }
    if (hasDigit) {
      const ordinal = /^(\d+)(st|nd|rd|th)$/i.exec(bare);
      if (ordinal) {
        claims.push({ kind: 'number', value: ordinal[1]!, ...span });
        continue;
      }
      const suffix = unitSuffix.exec(bare);
      if (suffix) {
        claims.push({ kind: 'quantity', value: `${canonicalNumber(suffix[1]!)} ${suffix[2]!.toLowerCase()}`, ...span });
        continue;
      }
      const idLike = raw.startsWith('#') || /[-_]/.test(bare) || bare.length >= 5;
      claims.push({ kind: idLike ? 'id' : 'code', value: bare.toUpperCase(), ...span });
      continue;
    }
    if (!shouting && /^[A-Z]{2,}$/.test(bare) && bare !== 'I') claims.push({ kind: 'code', value: bare.toUpperCase(), ...span, soft: true });
  }
  return claims;
};

const number: Matcher = (text) =>
  [...matchAll(new RegExp(`${freeNumber}(?![\\w-])`, 'g'), text)].map((match) => ({
    kind: 'number' as const,
    value: canonicalNumber(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));

/** Whether the text before `index` ends a sentence (or is empty): capitalisation there says nothing. */
function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index);
  if (/^[\s"'“‘(\[*•-]*$/.test(before)) return true;
  if (/\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc)\.\s*$/.test(before)) return false;
  return /[.!?:;\n]\s*["'“‘(\[]?\s*$/.test(before);
}

const nameWord = String.raw`(?:[A-Z][a-zA-Z]*[a-z](?:['’][A-Z][a-z]+)?|[A-Z]\.)`;

const names: Matcher = (text, free) => {
  const claims: Claim[] = [];
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length > 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6) return claims;
  const sequence = new RegExp(String.raw`(?<![\w'’-])${nameWord}(?:[ -]${nameWord})*(?![\w-])`, 'g');
  for (const match of matchAll(sequence, text)) {
    let words = [...matchAll(/\S+/g, match[0])].map((word) => ({ text: word[0], start: match.index + word.index }));
    words = words.filter((word) => free(word.start, word.start + word.text.length));
    if (words.length === 0) continue;
    if (atSentenceStart(text, words[0]!.start)) {
      const first = words[0]!.text.toLowerCase();
      if (sentenceStarters.has(first) || words.length === 1) words = words.slice(1);
      while (words.length > 0 && sentenceStarters.has(words[0]!.text.toLowerCase())) words = words.slice(1);
    }
    // Split at claimed words, keep contiguous runs.
    let run: typeof words = [];
    const flush = () => {
      if (run.length > 0) {
        const start = run[0]!.start;
        const end = run.at(-1)!.start + run.at(-1)!.text.length;
        claims.push({ kind: 'name', value: collapse(text.slice(start, end).toLowerCase()), start, end });
      }
      run = [];
    };
    for (const word of words) {
      const previous = run.at(-1);
      if (previous && previous.start + previous.text.length + 1 !== word.start) flush();
      if (word.text === 'I' || /^[A-Z]\.$/.test(word.text)) {
        flush();
        continue;
      }
      run.push(word);
    }
    flush();
  }
  for (const match of matchAll(/(?<![\w'’-])[a-z]+[A-Z][A-Za-z]*(?![\w-])/g, text)) {
    claims.push({ kind: 'name', value: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return claims;
};

const matchers: readonly Matcher[] = [quoted, url, email, amount, period, date, quantity, tokens, number, names];

/** Recent results: one request is analysed by several caches in a row. Results are frozen. */
const recent = new Map<string, ExtractedSlots>();
const recentLimit = 512;

/** The slots of a request, their signature and the request's template (the result is shared: do not mutate). */
export function extractSlots(text: string): ExtractedSlots {
  const known = recent.get(text);
  if (known) return known;
  const extracted = Object.freeze(computeSlots(text));
  recent.set(text, extracted);
  if (recent.size > recentLimit) recent.delete(recent.keys().next().value as string);
  return extracted;
}

function computeSlots(text: string): ExtractedSlots {
  const claimed = new Uint8Array(text.length);
  const free = (start: number, end: number) => {
    for (let index = start; index < end; index++) if (claimed[index] === 1) return false;
    return true;
  };
  const accepted: Array<Claim & { raw: string }> = [];
  for (const matcher of matchers) {
    for (const claim of matcher(text, free)) {
      if (claim.end <= claim.start || !free(claim.start, claim.end)) continue;
      claimed.fill(1, claim.start, claim.end);
      accepted.push({ ...claim, raw: text.slice(claim.start, claim.end) });
    }
  }
  accepted.sort((left, right) => left.start - right.start);
  const slots: Slot[] = [];
  const soft: string[] = [];
  for (const claim of accepted) {
    if (claim.soft) soft.push(claim.value.toLowerCase());
    else slots.push({ kind: claim.kind, value: claim.value, raw: claim.raw, start: claim.start, end: claim.end });
  }
  return {
    slots: Object.freeze(slots) as Slot[],
    signature: slotSignature(slots),
    template: slotTemplate(text, slots),
    softTerms: Object.freeze([...new Set(soft)]) as string[],
  };
}
