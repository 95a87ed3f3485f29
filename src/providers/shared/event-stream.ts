// Drives a wire protocol's parser over a response's server-sent events. The final `finish` part is
// yielded only once the body has ended, so a consumer that stops at `finish` never abandons an
// unfinished response (which would close a kept-alive connection).

import type { ModelStreamPart } from '../../spec/index.js';
import { HotpathError, type HttpResponse, type ServerSentEvent } from '../../util/index.js';

export interface WireStreamParser {
  /** Parts for one event. */
  push(event: ServerSentEvent): ModelStreamPart[];
  /** True once the terminal event (or an error event) arrived; later events are ignored. */
  readonly ended: boolean;
  /**
   * Parts once the body is over: what is still open is closed, then `finish`; an `error` part comes
   * first when the response failed or was cut before its terminal event.
   */
  flush(failure?: HotpathError): ModelStreamPart[];
}

/** How long a body may stay open after its terminal event before it is closed. */
const defaultGraceMs = 1_000;

export async function* parseEventStream(options: {
  response: HttpResponse;
  parser: WireStreamParser;
  responseStart: ModelStreamPart;
  provider: string;
  graceMs?: number;
}): AsyncGenerator<ModelStreamPart> {
  const { response, parser, responseStart, provider, graceMs = defaultGraceMs } = options;
  yield responseStart;
  const events = response.events();
  let failure: HotpathError | undefined;
  try {
    for (;;) {
      const next = parser.ended ? await nextWithin(events, graceMs) : await events.next();
      if (next === undefined) {
        response.close();
        break;
      }
      if (next.done) break;
      for (const part of parser.push(next.value)) yield part;
    }
  } catch (error) {
    failure = HotpathError.isInstance(error)
      ? error
      : new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${provider}: reading the stream failed: ${String(error)}`, { cause: error });
  }
  for (const part of parser.flush(failure)) yield part;
}

async function nextWithin(
  events: AsyncGenerator<ServerSentEvent>,
  graceMs: number,
): Promise<IteratorResult<ServerSentEvent> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), graceMs);
  });
  try {
    return await Promise.race([events.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
