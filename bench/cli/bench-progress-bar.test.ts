import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RequestOutcome } from '../run/index.js';
import { createProgressReporter } from './bench-progress-bar.js';

function terminal(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), {
    isTTY,
    columns: 120,
    cursorTo: (_x: number, _y?: number, callback?: () => void) => (callback?.(), true),
    clearLine: (_direction: number, callback?: () => void) => (callback?.(), true),
    moveCursor: (_dx: number, _dy: number, callback?: () => void) => (callback?.(), true),
  });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

const outcome = { requestId: 'w3#ai-sdk' } as RequestOutcome;

describe('createProgressReporter', () => {
  it('draws a bar on a terminal', () => {
    const { stream, written } = terminal(true);
    const reporter = createProgressReporter(true, stream);
    reporter.update({ done: 1, total: 4, outcome });
    reporter.update({ done: 2, total: 4, outcome: { ...outcome, error: 'boom' } });
    reporter.stop();
    expect(written()).toMatch(/bench \[.*\] \d+% \| \d\/4 requests \| w3#ai-sdk/);
  });

  it('stays silent when stderr is not a terminal or progress is off', () => {
    for (const [enabled, isTTY] of [[true, false], [false, true]] as const) {
      const { stream, written } = terminal(isTTY);
      const reporter = createProgressReporter(enabled, stream);
      reporter.update({ done: 1, total: 2, outcome });
      reporter.stop();
      expect(written()).toBe('');
    }
  });
});
