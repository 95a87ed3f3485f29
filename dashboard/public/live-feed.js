// @ts-check
// The dashboard's live feed: an EventSource that survives the gateway going away. The browser's own
// retry gives up for good on an HTTP error (a restarting gateway answering 503), waits a fixed few
// seconds otherwise, and never notices a silent half-open connection; so every failure closes the
// source and this wrapper reopens it with jittered exponential backoff (0.5 s first, 10 s at most).

/** @typedef {'connecting' | 'live' | 'reconnecting'} FeedStatus */

/**
 * @param {object} options
 * @param {string} options.url
 * @param {Record<string, (data: unknown) => void>} options.handlers JSON data of each named event
 * @param {(status: FeedStatus) => void} options.onStatus
 * @param {number} [options.staleAfterMs] reopen when nothing (not even a comment) arrived for this long
 * @param {number} [options.maximumDelayMs] longest wait between attempts
 * @returns {{ close(): void }}
 */
export function connectLiveFeed({ url, handlers, onStatus, staleAfterMs = 15_000, maximumDelayMs = 10_000 }) {
  /** @type {EventSource | undefined} */
  let source;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let reopenTimer;
  let failures = 0;
  let lastActivity = Date.now();
  let closed = false;

  const setStatus = (/** @type {FeedStatus} */ status) => onStatus(status);

  const scheduleReopen = () => {
    source?.close();
    source = undefined;
    if (closed || reopenTimer !== undefined) return;
    const delay = Math.min(maximumDelayMs, 500 * 2 ** Math.min(failures, 6)) * (0.75 + Math.random() * 0.5);
    failures += 1;
    setStatus('reconnecting');
    reopenTimer = setTimeout(() => {
      reopenTimer = undefined;
      open();
    }, delay);
  };

  const open = () => {
    if (closed) return;
    lastActivity = Date.now();
    const current = new EventSource(url);
    source = current;
    setStatus(failures === 0 ? 'connecting' : 'reconnecting');
    current.onopen = () => {
      failures = 0;
      lastActivity = Date.now();
      setStatus('live');
    };
    current.onerror = () => {
      if (source === current) scheduleReopen();
    };
    current.onmessage = () => {
      lastActivity = Date.now();
    };
    for (const [name, handle] of Object.entries(handlers)) {
      current.addEventListener(name, (event) => {
        lastActivity = Date.now();
        const data = /** @type {MessageEvent<string>} */ (event).data;
        let parsed;
        try {
          parsed = JSON.parse(data);
        } catch {
          console.warn(`dashboard feed: "${name}" event with data that is not JSON`, data.slice(0, 200));
          return;
        }
        handle(parsed);
      });
    }
  };

  const watchdog = setInterval(() => {
    if (source !== undefined && source.readyState === EventSource.OPEN && Date.now() - lastActivity > staleAfterMs) scheduleReopen();
  }, Math.max(250, staleAfterMs / 3));

  open();
  return {
    close() {
      closed = true;
      clearInterval(watchdog);
      if (reopenTimer !== undefined) clearTimeout(reopenTimer);
      source?.close();
    },
  };
}
