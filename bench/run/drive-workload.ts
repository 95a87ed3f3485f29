import { formatRequestId } from '../../sim/index.js';
import type { BenchAgent } from '../agents/index.js';
import type { Arrival } from '../scenario/index.js';
import { arrivalTimesMs, type BenchRequest } from '../workload/index.js';
import type { RequestOutcome } from './request-outcome.js';
import { runOneRequest } from './run-one-request.js';

export interface DriveWorkloadOptions {
  agents: readonly BenchAgent[];
  requests: readonly BenchRequest[];
  arrival: Arrival;
  seed: number | string;
  timeScale: number;
  /** Per request, scenario ms. */
  timeoutMs: number;
  onOutcome?(outcome: RequestOutcome): void;
}

/**
 * Runs every agent on the same requests at the same time, interleaved, so they share the machine's
 * noise. Closed loop: per agent, `concurrency` workers walk the list in order. Open loop: request i
 * starts for every agent at the same Poisson arrival time. Returns outcomes by agent name.
 */
export async function driveWorkload(options: DriveWorkloadOptions): Promise<Map<string, RequestOutcome[]>> {
  const { agents, requests, arrival, timeScale, timeoutMs, onOutcome } = options;
  const outcomes = new Map(agents.map((agent) => [agent.name, new Array<RequestOutcome>(requests.length)]));
  const run = async (agent: BenchAgent, index: number) => {
    const request = requests[index] as BenchRequest;
    const outcome = await runOneRequest({
      agent,
      request,
      requestId: formatRequestId(request.id, agent.name),
      timeoutWallMs: timeoutMs * timeScale,
      timeoutScenarioMs: timeoutMs,
    });
    (outcomes.get(agent.name) as RequestOutcome[])[index] = outcome;
    onOutcome?.(outcome);
  };

  if (arrival.mode === 'closed') {
    await Promise.all(
      agents.map(async (agent) => {
        let next = 0;
        const worker = async () => {
          while (next < requests.length) await run(agent, next++);
        };
        await Promise.all(Array.from({ length: Math.min(arrival.concurrency, requests.length) }, worker));
      }),
    );
  } else {
    const times = arrivalTimesMs({ seed: options.seed, count: requests.length, ratePerSecond: arrival.ratePerSecond });
    const origin = Date.now();
    await Promise.all(
      times.map(async (at, index) => {
        const wait = origin + at * timeScale - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        // Rotate who starts first so no agent is always first in the event loop.
        const order = agents.map((_agent, position) => agents[(position + index) % agents.length] as BenchAgent);
        await Promise.all(order.map((agent) => run(agent, index)));
      }),
    );
  }
  return outcomes;
}
