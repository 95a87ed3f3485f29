import { describe, expect, it } from 'vitest';
import { extractTextFeatures, textFeatureCount, textFeatureNames, writeTextFeatureVector } from './text-features.js';

describe('extractTextFeatures', () => {
  it('counts length, words and lines', () => {
    const features = extractTextFeatures('Reset my password\nplease');
    expect(features.characters).toBe(24);
    expect(features.words).toBe(4);
    expect(features.lines).toBe(2);
    expect(extractTextFeatures('').lines).toBe(0);
  });

  it('counts each entity once: ids, e-mails, dates, amounts and numbers', () => {
    const features = extractTextFeatures(
      'Refund $120.50 for order #4411 opened 2026-11-03 by jane.doe@corp.example under INC-4821, about 3 items',
    );
    // $120.50, #4411, 2026-11-03, the e-mail, INC-4821, 3
    expect(features.entities).toBe(6);
    expect(extractTextFeatures('Who is my manager?').entities).toBe(0);
  });

  it('separates analysis vocabulary from lookup vocabulary', () => {
    const analysis = extractTextFeatures('Analyze the trend in P1 incidents and explain why it correlates with deployments');
    expect(analysis.analyticalTerms).toBeGreaterThanOrEqual(3);
    expect(analysis.lookupTerms).toBe(0);
    const lookup = extractTextFeatures("What's the status of INC-4821? Also reset my password.");
    expect(lookup.lookupTerms).toBeGreaterThanOrEqual(2);
    expect(lookup.analyticalTerms).toBe(0);
  });

  it('counts distinct systems named, questions and multi-step markers', () => {
    const features = extractTextFeatures('Debug ERR-5521 across auth, api-gateway and billing, then check auth again. Why? How?');
    expect(features.systems).toBe(3);
    expect(features.questions).toBe(2);
    expect(features.multiStepMarkers).toBeGreaterThanOrEqual(2);
  });

  it('recognises code, stack traces and math', () => {
    const trace = extractTextFeatures('TypeError: Cannot read properties of undefined\n    at handler (/srv/app/orders.js:42:13)');
    expect(trace.codeMarkers).toBeGreaterThanOrEqual(3);
    expect(extractTextFeatures('Reset my password').codeMarkers).toBe(0);
    expect(extractTextFeatures('Solve x^2 + 3x - 4 = 0').mathSymbols).toBeGreaterThanOrEqual(3);
    expect(extractTextFeatures('Who is my manager').mathSymbols).toBe(0);
  });

  it('writes log-scaled counts in the published order', () => {
    const features = extractTextFeatures('Why is billing slow?');
    const vector = new Float64Array(2 + textFeatureCount);
    writeTextFeatureVector(features, vector, 2);
    expect(vector[0]).toBe(0);
    expect(vector[2]).toBeCloseTo(Math.log1p(features.characters), 10);
    expect(vector[2 + textFeatureNames.indexOf('questions')]).toBeCloseTo(Math.log(2), 10);
  });
});

describe('extractTextFeatures on very long text', () => {
  it('measures size on the whole text but reads vocabulary only from its beginning and end', () => {
    const line = 'auth ERR-5521 token validation failed for user u0042\n';
    const log = line.repeat(2_000);
    const text = `Why does auth fail?\n${log}Which change caused it?`;
    const features = extractTextFeatures(text);
    expect(features.characters).toBe(text.length);
    expect(features.lines).toBe(2_002);
    expect(features.words).toBe(4 + 2_000 * 8 + 4);
    // Both questions (first and last line) are seen; the bulk of the log is not scanned.
    expect(features.questions).toBe(2);
    // One id per log line: only the ~38 lines inside the scanned 2,000 characters count, not all 2,000.
    expect(features.entities).toBeGreaterThan(20);
    expect(features.entities).toBeLessThan(100);
  });
});
