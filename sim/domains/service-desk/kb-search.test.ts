import { describe, expect, it } from 'vitest';
import { faqTemplates } from './intents.js';
import { kbArticles } from './kb-articles.js';
import { kbQueryFromText, searchKb } from './kb-search.js';

describe('searchKb', () => {
  it('ranks each article first for every paraphrase of its question', () => {
    for (const article of kbArticles) {
      for (const template of faqTemplates) {
        const text = template.replace('{subject}', article.subject);
        expect(searchKb(kbQueryFromText(text))[0], text).toBe(article.id);
      }
    }
  });

  it('turns a question into its content words and finds nothing for unrelated text', () => {
    expect(kbQueryFromText('Hi, how can I set up the VPN?')).toBe('set up vpn');
    expect(searchKb('zebra quantum')).toEqual([]);
    expect(searchKb('printer driver', 2)).toHaveLength(1);
  });
});
