// @ts-check
// Number and time formatting shared by every panel, so a latency reads the same everywhere.

/** "840 ms" below a second, "1.23 s" above; "—" when unknown. */
export function formatMs(/** @type {number | undefined | null} */ ms) {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 10) return `${ms.toFixed(1)} ms`;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A share in [0, 1] as "95.3%"; "—" when unknown. */
export function formatPercent(/** @type {number | undefined | null} */ share) {
  if (share === undefined || share === null || !Number.isFinite(share)) return '—';
  const percent = share * 100;
  return `${percent >= 99.95 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Wall-clock time of day, "14:03:22". */
export function formatClock(/** @type {number} */ epochMs) {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/** Whole counts with thousands separators. */
export function formatCount(/** @type {number | undefined} */ count) {
  return count === undefined || !Number.isFinite(count) ? '—' : Math.round(count).toLocaleString('en-US');
}
