// Incremental Server-Sent Events parsing: each event is yielded as soon as its terminating blank line
// arrives, so a provider adapter can act on a token before the next network chunk.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type ServerSentEvent = EventSourceMessage;

/** Bounds a single unterminated event so a misbehaving server cannot grow memory without limit. */
const maxBufferSize = 8 * 1024 * 1024;

export async function* readServerSentEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<ServerSentEvent> {
  const ready: ServerSentEvent[] = [];
  let parseError: Error | undefined;
  const parser = createParser({
    maxBufferSize,
    onEvent: (event) => ready.push(event),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') parseError = error;
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (parseError) throw parseError;
    while (ready.length > 0) yield ready.shift() as ServerSentEvent;
  }
  // An event without its terminating blank line is incomplete (a truncated stream): it is dropped,
  // as EventSource does, and the caller sees the stream end without its final event.
}
