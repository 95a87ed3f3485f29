// How long an upstream asked us to wait: `retry-after-ms` (milliseconds, OpenAI and compatible
// servers), else `retry-after` as seconds or as an HTTP date.

export function parseRetryAfterMs(headers: Readonly<Record<string, string>>, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers['retry-after']?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
