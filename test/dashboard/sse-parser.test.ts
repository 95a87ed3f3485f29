import { beforeAll, describe, expect, it } from 'vitest';
import { loadPageModule, type ServerSentEvent, type SseParserModule } from './page-modules.js';

let createSseParser: SseParserModule['createSseParser'];

beforeAll(async () => {
  ({ createSseParser } = await loadPageModule<SseParserModule>('sse-parser.js'));
});

function parseChunks(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

describe('the page\'s SSE parser', () => {
  it('reads named events, default "message" events, ids and multi-line data, and skips comments and retry', () => {
    const events = parseChunks([': keep-alive\n\nretry: 500\nevent: text-delta\ndata: {"delta":"Hi"}\n\ndata: first\ndata: second\nid: 7\n\n']);
    expect(events).toEqual([
      { event: 'text-delta', data: '{"delta":"Hi"}' },
      { event: 'message', data: 'first\nsecond', id: '7' },
    ]);
  });

  it('gives the same events however the stream is cut, with LF, CRLF or CR line ends', () => {
    for (const lineEnd of ['\n', '\r\n', '\r']) {
      const stream = ['event: a', 'data: {"n":1}', '', 'event: b', 'data:no-space', '', ''].join(lineEnd);
      const whole = parseChunks([stream]);
      expect(whole).toEqual([{ event: 'a', data: '{"n":1}' }, { event: 'b', data: 'no-space' }]);
      for (let cut = 1; cut < stream.length; cut++) {
        expect(parseChunks([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
      }
      expect(parseChunks([...stream])).toEqual(whole);
    }
  });

  it('drops a byte-order mark at the start and an event the stream never finished', () => {
    expect(parseChunks(['\uFEFFdata: x\n\n', 'data: unfinished\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });
});
