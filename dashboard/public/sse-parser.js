// @ts-check
// Incremental server-sent-events parser for streams read with fetch (EventSource only does GET, and
// the agent endpoint takes the question in a POST body). Follows the WHATWG event-stream rules: CR,
// LF or CRLF line ends (even split across chunks), comments, multi-line data, event names and ids.

/**
 * @typedef {object} ServerSentEvent
 * @property {string} event the event name ("message" when the stream names none)
 * @property {string} data
 * @property {string} [id]
 */

/**
 * @param {(event: ServerSentEvent) => void} onEvent called once per complete event
 * @returns {{ feed(text: string): void, end(): void }}
 */
export function createSseParser(onEvent) {
  let buffer = '';
  let atStart = true;
  /** @type {string[]} */
  let dataLines = [];
  let eventName = '';
  /** @type {string | undefined} */
  let lastId;

  const dispatch = () => {
    if (dataLines.length > 0) {
      onEvent({ event: eventName || 'message', data: dataLines.join('\n'), ...(lastId === undefined ? {} : { id: lastId }) });
    }
    dataLines = [];
    eventName = '';
  };

  const processLine = (/** @type {string} */ line) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    feed(text) {
      buffer += text;
      if (atStart && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        atStart = false;
      }
      let start = 0;
      for (;;) {
        const lineFeed = buffer.indexOf('\n', start);
        const carriageReturn = buffer.indexOf('\r', start);
        if (lineFeed === -1 && carriageReturn === -1) break;
        const end = carriageReturn === -1 ? lineFeed : lineFeed === -1 ? carriageReturn : Math.min(lineFeed, carriageReturn);
        // A CR at the very end may be the first half of a CRLF that the next chunk completes.
        if (end === carriageReturn && end === buffer.length - 1) break;
        processLine(buffer.slice(start, end));
        start = end + (buffer[end] === '\r' && buffer[end + 1] === '\n' ? 2 : 1);
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: a final CR ends its line; an event without its blank line is dropped. */
    end() {
      if (buffer.endsWith('\r')) processLine(buffer.slice(0, -1));
      buffer = '';
      dataLines = [];
      eventName = '';
    },
  };
}
