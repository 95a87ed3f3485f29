import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './server-sent-events.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const part of parts) yield encoder.encode(part);
}

async function collect(parts: string[]) {
  const events = [];
  for await (const event of readServerSentEvents(chunks(...parts))) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('parses events split anywhere, with CRLF framing, comments and named events', async () => {
    const events = await collect(['event: message_start\r\nda', 'ta: {"a":1}\r\n\r\n: keep-alive\r\n\r\ndata: [DO', 'NE]\r\n\r\n']);
    expect(events).toEqual([
      { event: 'message_start', data: '{"a":1}', id: undefined },
      { event: undefined, data: '[DONE]', id: undefined },
    ]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo ✓\n\n');
    async function* split() {
      yield bytes.slice(0, 8);
      yield bytes.slice(8, 17);
      yield bytes.slice(17);
    }
    const events = [];
    for await (const event of readServerSentEvents(split())) events.push(event.data);
    expect(events).toEqual(['héllo ✓']);
  });

  it('drops a final event that never got its terminating blank line (truncated stream)', async () => {
    const events = await collect(['data: {"complete":true}\n\n', 'data: {"trunc']);
    expect(events.map((event) => event.data)).toEqual(['{"complete":true}']);
  });
});
