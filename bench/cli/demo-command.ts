import type { Writable } from 'node:stream';
import type { Simulator } from '../../sim/index.js';
import { createBaselineAgent } from '../agents/baseline-agent.js';
import { createSystemPrompt } from '../agents/index.js';
import { loadScenario, modelsByTier } from '../scenario/index.js';
import { runOneRequest, startScenarioSimulator } from '../run/index.js';
import { generateWorkload, type BenchRequest } from '../workload/index.js';
import { textWaterfall } from './text-waterfall.js';

export interface DemoCommandOptions {
  /** A running simulator to use (the caller closes it); the seed scenario at time scale 1 otherwise. */
  simulator?: Simulator;
  output?: Writable;
}

const agentName = 'demo-baseline';

/**
 * `hotpath start` until the gateway exists: starts the simulator on the seed scenario, sends one
 * ticket-status request through the baseline agent, and prints the answer with its timing.
 */
export async function runDemoCommand(options: DemoCommandOptions = {}): Promise<{ text?: string; error?: string }> {
  const output = options.output ?? process.stdout;
  const print = (line = '') => output.write(`${line}\n`);
  const scenario = loadScenario('seed');
  const simulator = options.simulator ?? (await startScenarioSimulator({ ...scenario.simulator, timeScale: 1 }));
  try {
    const timeScale = simulator.clock.timeScale;
    print(`Simulator up: ${simulator.domain.name} domain, time scale ${timeScale}.`);
    for (const provider of simulator.providers) print(`  LLM provider ${provider.name} at ${provider.url} (${provider.models.join(', ')})`);
    print(`  tool APIs at ${simulator.toolsUrl}`);

    const request = demoRequest(simulator, scenario.workload);
    const models = modelsByTier(simulator.config);
    const agent = createBaselineAgent({ simulator, models, systemPrompt: createSystemPrompt(simulator.domain), agentName });
    print();
    print(`Request ${request.id} from ${request.userId}: "${request.text}"`);
    print(`Agent: baseline (model ${models.powerful}, a new connection per call, tools one after another, no streaming).`);
    const outcome = await runOneRequest({
      agent, request, requestId: `${request.id}#${agentName}`,
      timeoutWallMs: scenario.workload.timeoutMs * timeScale, timeoutScenarioMs: scenario.workload.timeoutMs,
    });
    print();
    if (outcome.error === undefined) print(`Answer: ${outcome.text ?? ''}`);
    else print(`No answer: ${outcome.error}`);
    print();
    print(`Timing (scenario ms from the request's start):`);
    const calls = simulator.calls.list({ namespace: agentName, key: request.id });
    for (const line of textWaterfall({ calls, startedAt: outcome.startedAt, endedAt: outcome.endedAt, timeScale })) print(line);
    const firstToken = outcome.firstTokenAt === undefined ? 'never' : `${Math.round((outcome.firstTokenAt - outcome.startedAt) / timeScale)} ms`;
    print(`  first token: ${firstToken}; backend calls: ${calls.length} (${calls.filter((call) => call.connectionPenaltyMs > 0).length} on new connections)`);
    print();
    print('Compare agents side by side: npm run bench (or hotpath bench --help).');
    return { text: outcome.text, error: outcome.error };
  } finally {
    if (options.simulator === undefined) await simulator.close();
  }
}

/** The workload's first "What's the status of INC-…?" request, else another status question, else its first simple one. */
function demoRequest(simulator: Simulator, workload: ReturnType<typeof loadScenario>['workload']): BenchRequest {
  // The domain's own mix: the demo only looks for a status question.
  const requests = generateWorkload({ domain: simulator.domain, workload: { ...workload, mix: undefined, requests: 200 }, seed: simulator.config.seed });
  return (
    requests.find((request) => /^What's the status of INC-/i.test(request.text)) ??
    requests.find((request) => /status of INC-/i.test(request.text)) ??
    requests.find((request) => request.complexity === 'simple') ??
    (requests[0] as BenchRequest)
  );
}
