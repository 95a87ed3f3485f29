import { HotpathError } from '../../src/index.js';
import type { BenchAgent } from '../agents/index.js';
import type { BenchRequest } from '../workload/index.js';
import type { RequestOutcome } from './request-outcome.js';

export interface RunOneRequestOptions {
  agent: BenchAgent;
  request: BenchRequest;
  requestId: string;
  /** Wall ms after which the request is aborted and counted as failed. */
  timeoutWallMs: number;
  /** Shown in the timeout message, in scenario ms. */
  timeoutScenarioMs: number;
}

/** Runs one request with a timeout, noting when the user first saw something and the first token. */
export async function runOneRequest(options: RunOneRequestOptions): Promise<RequestOutcome> {
  const { agent, request, requestId, timeoutWallMs, timeoutScenarioMs } = options;
  const controller = new AbortController();
  const startedAt = Date.now();
  let firstEventAt: number | undefined;
  let firstTokenAt: number | undefined;
  const base = { agent: agent.name, key: request.id, requestId, kind: request.kind, complexity: request.complexity, startedAt };

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const reason = new HotpathError('HOTPATH_TIMEOUT', `timeout after ${timeoutScenarioMs} scenario ms`);
      controller.abort(reason);
      reject(reason);
    }, timeoutWallMs);
  });
  const running = (async () =>
    agent.run(request, {
      requestId,
      signal: controller.signal,
      onFirstEvent: () => {
        firstEventAt ??= Date.now();
      },
      onFirstToken: (at?: number) => {
        const when = at ?? Date.now();
        firstEventAt = firstEventAt === undefined ? when : Math.min(firstEventAt, when);
        firstTokenAt ??= when;
      },
    }))();
  // After a timeout the agent may still settle; its late result or error is of no interest.
  running.catch(() => undefined);

  try {
    const result = await Promise.race([running, timedOut]);
    return {
      ...base,
      endedAt: Date.now(),
      firstEventAt,
      firstTokenAt,
      text: result.text,
      timedOut: false,
      cacheServed: result.cacheServed === true,
      cacheLayer: result.cacheLayer,
      spans: result.spans,
    };
  } catch (error) {
    const isTimeout = controller.signal.aborted;
    return {
      ...base,
      endedAt: Date.now(),
      firstEventAt,
      firstTokenAt,
      error: isTimeout ? String((controller.signal.reason as Error).message) : describeError(error),
      timedOut: isTimeout,
      cacheServed: false,
    };
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${HotpathError.isInstance(error) ? `${error.code}: ` : ''}${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
