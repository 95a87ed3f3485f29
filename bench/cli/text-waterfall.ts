import type { CallRecord } from '../../sim/index.js';

export interface TextWaterfallOptions {
  calls: readonly CallRecord[];
  /** Wall ms the request started and ended. */
  startedAt: number;
  endedAt: number;
  timeScale: number;
  /** Characters of the bar column. */
  width?: number;
}

/** One line per backend call: what, from → to (scenario ms from the request's start), and a bar. */
export function textWaterfall({ calls, startedAt, endedAt, timeScale, width = 40 }: TextWaterfallOptions): string[] {
  const toScenario = (at: number) => (at - startedAt) / timeScale;
  const total = Math.max(1, toScenario(endedAt));
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const labels = sorted.map((call) => (call.kind === 'llm' ? `LLM ${call.name}` : `tool ${call.name}`));
  const labelWidth = Math.max(10, ...labels.map((label) => label.length));
  const lines = sorted.map((call, index) => {
    const from = toScenario(call.startedAt);
    const to = toScenario(call.endedAt);
    const left = Math.min(width - 1, Math.floor((from / total) * width));
    const right = Math.max(left + 1, Math.min(width, Math.round((to / total) * width)));
    const bar = `${' '.repeat(left)}${'█'.repeat(right - left)}${' '.repeat(width - right)}`;
    const notes = [
      call.connectionPenaltyMs > 0 ? `new connection +${Math.round(call.connectionPenaltyMs)} ms` : '',
      call.coldStartMs > 0 ? `cold start +${Math.round(call.coldStartMs)} ms` : '',
      call.status >= 400 ? `HTTP ${call.status}` : '',
    ].filter((note) => note !== '');
    const span = `${String(Math.round(from)).padStart(6)} → ${String(Math.round(to)).padStart(6)} ms`;
    return `  ${(labels[index] as string).padEnd(labelWidth)}  ${span}  |${bar}|${notes.length > 0 ? `  ${notes.join(', ')}` : ''}`;
  });
  lines.push(`  ${'answer'.padEnd(labelWidth)}  ${'done at'.padStart(6)}   ${String(Math.round(total)).padStart(6)} ms`);
  return lines;
}
