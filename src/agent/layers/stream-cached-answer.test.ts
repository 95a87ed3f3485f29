import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from './stream-cached-answer.js';

describe('splitIntoChunks', () => {
  it('cuts prose after whitespace into chunks of about the size, losing nothing', () => {
    const text = 'Your ticket INC-4821 is in progress; Dana Smith from the network team is working on it and expects a fix today.';
    const chunks = splitIntoChunks(text, 24);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(12);
      expect(chunk.length).toBeLessThanOrEqual(36);
      expect(chunk).toMatch(/\s$/);
    }
  });

  it('cuts long unbroken text too', () => {
    const text = 'x'.repeat(100);
    const chunks = splitIntoChunks(text, 24);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBe(4);
  });

  it('keeps short text whole', () => {
    expect(splitIntoChunks('Done.', 24)).toEqual(['Done.']);
    expect(splitIntoChunks('', 24)).toEqual([]);
  });
});
