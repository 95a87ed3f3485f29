// What the tool-result cache keeps per key: the output and when it stops being fresh, then usable.
// Times are epoch ms so that every process sharing a store reads them alike.

export interface ToolResultEntry {
  /** The tool's output. */
  v: unknown;
  /** Fresh until (epoch ms). */
  f: number;
  /** Servable as stale, while a refresh runs, until (epoch ms). */
  s: number;
}

export function isToolResultEntry(value: unknown): value is ToolResultEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<ToolResultEntry>;
  return 'v' in entry && typeof entry.f === 'number' && typeof entry.s === 'number';
}
