import { describe, expect, it } from 'vitest';
import { countTokens, splitTokens } from './tokenizer.js';

const samples = [
  '',
  'Hello',
  'The ticket T-1001 is open and assigned to Dana.',
  '  leading and trailing spaces  ',
  'line one\nline two\n\n\tindented',
  '{"ticketId":"T-1001","include":["history","links"]}',
  'Emoji 🚀🚀🚀 and accents: café, naïve, 東京都',
  'supercalifragilisticexpialidocious',
];

describe('tokenizer', () => {
  it.each(samples)('splits %j into pieces that concatenate back to the text', (text) => {
    expect(splitTokens(text).join('')).toBe(text);
  });

  it.each(samples)('counts %j the same as it splits', (text) => {
    expect(countTokens(text)).toBe(splitTokens(text).length);
  });

  it('gives about four characters per token on prose', () => {
    const prose = 'The printer on the third floor has been jamming since Monday; facilities opened a request and expect a technician tomorrow morning.';
    const charactersPerToken = prose.length / countTokens(prose);
    expect(charactersPerToken).toBeGreaterThan(3);
    expect(charactersPerToken).toBeLessThan(5);
  });

  it('never cuts a character made of two UTF-16 units in half', () => {
    for (const piece of splitTokens('🚀🚀🚀🚀🚀🚀🚀🚀🚀')) expect(piece.length % 2).toBe(0);
  });
});
