// Waiting for something optional on a request's critical path (an embedding that may bring a cache
// hit or a better route) must be bounded: past the wait, the request goes on without it.

/**
 * The promise's value if it fulfils within `waitMs`, else `undefined` (also when it rejects). With
 * `waitMs` 0 a value already there still counts: the promise settles before the timer fires.
 */
export async function valueWithin<T>(promise: Promise<T>, waitMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, waitMs, undefined);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
