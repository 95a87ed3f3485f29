// Knowledge-base search by word overlap with each article's keywords, title and subject. The brain
// sends `kbQueryFromText(userText)` as the query, and requests plan the same query, so the planned
// call and the model's call agree.

import { kbArticles } from './kb-articles.js';

const fillerWords = new Set([
  'a', 'an', 'the', 'to', 'of', 'on', 'in', 'for', 'with', 'and', 'or', 'is', 'are', 'be', 'it', 'this', 'that', 'there',
  'how', 'do', 'does', 'did', 'i', 'im', 'me', 'my', 'you', 'your', 'we', 'can', 'could', 'would', 'should', 'will',
  'what', 'whats', 'which', 'where', 'when', 'tell', 'explain', 'steps', 'step', 'procedure', 'guide', 'need', 'help',
  'please', 'hi', 'hello', 'hey', 'thanks', 'thank', 'quick', 'one', 'new', 'here', 'good', 'morning', 'again', 'some',
]);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9-]+/)
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0);
}

/** The search query a model would send for a user's question: its content words, in order. */
export function kbQueryFromText(text: string): string {
  return tokenize(text).filter((token) => !fillerWords.has(token)).join(' ');
}

const stem = (token: string) => (token.length > 3 && token.endsWith('s') ? token.slice(0, -1) : token);

interface IndexedArticle {
  id: string;
  keywords: Set<string>;
  title: Set<string>;
  subject: Set<string>;
}

const index: IndexedArticle[] = kbArticles.map((article) => ({
  id: article.id,
  keywords: new Set(article.keywords.flatMap(tokenize).map(stem)),
  title: new Set(tokenize(article.title).map(stem)),
  subject: new Set(tokenize(article.subject).map(stem)),
}));

/** Article ids ranked by relevance (best first), at most `limit`, only those sharing a word with the query. */
export function searchKb(query: string, limit = 3): string[] {
  const tokens = tokenize(query).filter((token) => !fillerWords.has(token)).map(stem);
  const scored = index
    .map((article) => {
      let score = 0;
      for (const token of tokens) {
        if (article.keywords.has(token)) score += 3;
        if (article.title.has(token)) score += 2;
        if (article.subject.has(token)) score += 2;
      }
      return { id: article.id, score };
    })
    .filter((entry) => entry.score > 0);
  scored.sort((left, right) => right.score - left.score || left.id.localeCompare(right.id));
  return scored.slice(0, limit).map((entry) => entry.id);
}
