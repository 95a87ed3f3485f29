// Cheap signals of how much reasoning a request needs, computed from its text in microseconds. They
// complement the embedding with what it captures poorly: size, how many things are named, code and
// math, and how many steps are asked for. Regular expressions are compiled once, at module load.

export interface TextFeatures {
  characters: number;
  words: number;
  lines: number;
  /** Ids (INC-1234, ERR-5521), e-mails, dates, amounts and other numbers. */
  entities: number;
  /** Analysis vocabulary: analyze, compare, debug, explain why, trend, correlate, summarize… */
  analyticalTerms: number;
  /** Lookup vocabulary: status, reset, who is, where is, how do I… */
  lookupTerms: number;
  /** Distinct systems or data sources named (auth, billing, api-gateway, CRM, the logs…). */
  systems: number;
  questions: number;
  /** Sequencing words that signal several steps: then, after that, for each, both, across… */
  multiStepMarkers: number;
  /** Code, stack traces, log lines, paths, command-line flags. */
  codeMarkers: number;
  /** Operators and math vocabulary. */
  mathSymbols: number;
}

/** Feature names in the order they enter the model (part of the state's compatibility check). */
export const textFeatureNames = [
  'characters',
  'words',
  'lines',
  'entities',
  'analyticalTerms',
  'lookupTerms',
  'systems',
  'questions',
  'multiStepMarkers',
  'codeMarkers',
  'mathSymbols',
] as const satisfies ReadonlyArray<keyof TextFeatures>;

export const textFeatureCount = textFeatureNames.length;

// E-mails are matched first (only when the text has an "@", since the pattern is slow to reject) and
// blanked out, then one alternation, most specific first, so "INC-4821" counts once and not also as a number.
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const entityPattern = new RegExp(
  [
    String.raw`\b[A-Za-z]{2,10}-\d{2,}\b`, // ticket / error / change / article ids
    String.raw`\b\d{4}-\d{2}-\d{2}\b`, // ISO date
    String.raw`\b\d{1,2}/\d{1,2}/\d{2,4}\b`, // slashed date
    String.raw`\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b`, // month day
    String.raw`[$€£¥]\s?\d[\d,]*(?:\.\d+)?`, // amount with a currency sign
    String.raw`\b\d[\d,]*(?:\.\d+)?\s?(?:usd|eur|gbp|dollars?|euros?)\b`, // amount with a currency word
    String.raw`#\d+\b`, // order or issue number
    String.raw`\b\d[\d,]*(?:\.\d+)?%?`, // any other number
  ].join('|'),
  'gi',
);

const analyticalPattern = new RegExp(
  String.raw`\b(?:analy[sz]\w*|compar\w*|contrast\w*|debug\w*|diagnos\w*|troubleshoot\w*|investigat\w*|` +
    String.raw`explain(?:s|ed|ing)? why|why (?:is|are|do|does|did|has|have|was|were|would|might)|root[- ]cause|caus(?:e|ed|ing) by|` +
    String.raw`trends?|trending|correlat\w*|summari[sz]\w*|breakdown|break down|forecast\w*|predict\w*|estimat\w*|` +
    String.raw`evaluat\w*|assess\w*|recommend\w*|prioriti[sz]\w*|optimi[sz]\w*|reconcil\w*|audit\w*|impact\w*|` +
    String.raw`pattern\w*|anomal\w*|spikes?|regression\w*|trade-?offs?|pros and cons|implications?|justify|` +
    String.raw`design\w*|architect\w*|strateg\w*|plan(?:ning)? (?:for|a|the)|propos\w*|draft\w*|postmortem|post-mortem|` +
    String.raw`calculat\w*|derive|prove|reason\w*|figure out|work out|what changed|differences?)\b`,
  'gi',
);

const lookupPattern = new RegExp(
  String.raw`\b(?:status|reset\w*|unlock\w*|who is|who's|where is|where's|what is my|what's my|when is|` +
    String.raw`how do i|how can i|how to|can you (?:send|give|tell|show)|look ?up|find|show me|tell me|` +
    String.raw`close|reopen|update|cancel|track\w*|forgot|change my|set up|setup|install|password|hours|phone|email|address|manager)\b`,
  'gi',
);

const systemPattern = new RegExp(
  String.raw`\b(?:auth|authentication|sso|okta|ldap|active directory|api[- ]gateway|gateway|billing|payments?|` +
    String.raw`crm|salesforce|erp|sap|jira|servicenow|confluence|database|db|postgres\w*|mysql|redis|kafka|queue|` +
    String.raw`kubernetes|k8s|cluster|aws|azure|gcp|dns|cdn|load balancer|firewall|vpn|proxy|exchange|outlook|` +
    String.raw`slack|teams|zoom|sharepoint|onedrive|warehouse|inventory|shipping|checkout|search index|cache|` +
    String.raw`logs?|metrics|dashboards?|monitoring|backend|frontend|mobile app|web app|portal|scheduler|cron|ci|pipeline)\b`,
  'gi',
);

const multiStepPattern = new RegExp(
  String.raw`\b(?:then|after that|afterwards|and also|as well as|first|second|third|finally|next|` +
    String.raw`step by step|steps?|for each|each of|every|all (?:the|of)|both|across|between|versus|vs\.?|` +
    String.raw`if so|otherwise|unless|depending on|in order to|while also)\b`,
  'gi',
);

// Separate expressions, each starting with something literal, scan far faster than one alternation.
const codePatterns = [
  /\bat [\w.$<>]+ \(/g, // JS / Java stack frame
  /\bTraceback\b/g,
  /(?:Exception|Error)\b/g,
  /\b(?:null|undefined|NaN|segfault|panic|stack ?trace|core dump|exit code|errno)\b/g,
  /=>|->|::|\(\)|\{|\}|;[ \t]*$/gm,
  /(?:^|\s)--?[a-z][\w-]+/g, // command-line flags
  /(?:\.{0,2}\/[\w.-]+){2,}/g, // paths
  /\.(?:js|ts|py|java|go|rb|sh|yaml|yml|json|xml|sql|log|conf|cfg|ini)\b/g, // file names
  /\b(?:select|insert|update|delete)\b.+\b(?:from|into|set|where)\b/gi,
  /\b[45]\d\d(?= (?:error|status|response))/g, // HTTP error statuses
];
const backtickPattern = /```|`[^`\n]+`/g;

const mathPattern = new RegExp(
  String.raw`[=+*^<>±≤≥√∑∫π×÷]|\b\d+\s?[-x/]\s?\d+\b|\b(?:sqrt|log|sin|cos|tan|integral|derivative|equation|` +
    String.raw`probability|variance|median|mean|average|percentile|ratio|percent(?:age)?|sum|total|modulo|matrix|polynomial)\b`,
  'gi',
);

function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  // test() rather than exec(): no match arrays to allocate.
  while (pattern.test(text)) count++;
  return count;
}

function countDistinctMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  const seen = new Set<string>();
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) seen.add(match[0].toLowerCase());
  return seen.size;
}

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const space = code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 11 || code === 160;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function countEntities(text: string): number {
  if (!text.includes('@')) return countMatches(entityPattern, text);
  emailPattern.lastIndex = 0;
  let emails = 0;
  const rest = text.replace(emailPattern, () => {
    emails++;
    return ' ';
  });
  return emails + countMatches(entityPattern, rest);
}

function countCodeMarkers(text: string): number {
  let count = text.includes('`') ? countMatches(backtickPattern, text) : 0;
  for (const pattern of codePatterns) count += countMatches(pattern, text);
  return count;
}

function countCharacter(text: string, character: string): number {
  let count = 0;
  for (let index = text.indexOf(character); index !== -1; index = text.indexOf(character, index + 1)) count++;
  return count;
}

/**
 * The vocabulary features read at most this much of a request: its beginning and its end (where the
 * question usually is). A pasted 50 KB log then costs what a 2 KB one does, so a decision stays in
 * microseconds whatever the input; size itself is still measured on the whole text.
 */
export const scannedTextLimit = { head: 1_600, tail: 400 } as const;

function scannedText(text: string): string {
  const { head, tail } = scannedTextLimit;
  return text.length <= head + tail ? text : `${text.slice(0, head)}\n${text.slice(-tail)}`;
}

export function extractTextFeatures(text: string): TextFeatures {
  const scanned = scannedText(text);
  return {
    characters: text.length,
    words: countWords(text),
    lines: text.length === 0 ? 0 : countCharacter(text, '\n') + 1,
    entities: countEntities(scanned),
    analyticalTerms: countMatches(analyticalPattern, scanned),
    lookupTerms: countMatches(lookupPattern, scanned),
    systems: countDistinctMatches(systemPattern, scanned),
    questions: countCharacter(scanned, '?'),
    multiStepMarkers: countMatches(multiStepPattern, scanned),
    codeMarkers: countCodeMarkers(scanned),
    mathSymbols: countMatches(mathPattern, scanned),
  };
}

/**
 * Writes the model's view of the features into `target` from `offset`: log(1 + count), so a 4,000-character
 * prompt does not weigh a hundred times a 40-character one.
 */
export function writeTextFeatureVector(features: TextFeatures, target: Float64Array, offset: number): void {
  for (let index = 0; index < textFeatureCount; index++) {
    target[offset + index] = Math.log1p(features[textFeatureNames[index] as keyof TextFeatures]);
  }
}
