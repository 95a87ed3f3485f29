import cliProgress from 'cli-progress';
import type { BenchProgress } from '../run/index.js';

export interface ProgressReporter {
  update(progress: BenchProgress): void;
  stop(): void;
}

/** A progress bar on stderr, or nothing when stderr is not a terminal or progress is turned off. */
export function createProgressReporter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!enabled || !stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'bench [{bar}] {percentage}% | {value}/{total} requests | {last} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total, outcome }) {
      if (!started) {
        bar.start(total, 0, { last: '' });
        started = true;
      }
      bar.update(done, { last: `${outcome.requestId}${outcome.error === undefined ? '' : ' (failed)'}` });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
