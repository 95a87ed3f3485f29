// A cached answer streams like a live one: a cache-hit event, then the text in word-aligned chunks,
// all at once (no artificial pacing: the point is to be fast).

import type { RunContext, RunOutcome } from '../run-context.js';

/** Splits text into chunks of about `size` characters, cut after whitespace when there is some nearby. */
export function splitIntoChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size * 1.5) {
    const window = rest.slice(Math.floor(size / 2), Math.ceil(size * 1.5));
    const space = window.search(/\s\S*$/);
    const cut = space >= 0 ? Math.floor(size / 2) + space + 1 : size;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') chunks.push(rest);
  return chunks;
}

export function streamCachedAnswer(run: RunContext, hit: { layer: 'exact' | 'semantic'; key: string; answer: string }, chunkSize: number): RunOutcome {
  run.emit({ type: 'cache-hit', layer: hit.layer, key: hit.key });
  for (const delta of splitIntoChunks(hit.answer, chunkSize)) run.emit({ type: 'text-delta', delta });
  return { text: hit.answer, finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, cache: { layer: hit.layer, key: hit.key } };
}
