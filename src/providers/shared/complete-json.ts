// Whether streamed tool arguments already form a complete JSON object, so the call can be
// dispatched before the model finishes the rest of its message. A cheap check on the last
// character skips the parse for the (many) deltas that cannot end an object.

export function isCompleteJsonObject(text: string): boolean {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
