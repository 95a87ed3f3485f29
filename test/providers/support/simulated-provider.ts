// The simulator's LLM server (both wire protocols) behind a scripted Brain, for tests that need the
// real thing: its call log records connection penalties and cold starts per call.

import { CallLog, createSimClock, parseSimulatorConfig, type Brain, type BrainInput, type BrainOutput, type SimulatorConfigInput } from '../../../sim/index.js';
import { startLlmServer } from '../../../sim/llm/index.js';
import type { ContractAnswer, ReceivedCall, ReceivedMessage } from '../../contracts/language-model-contract.js';

export interface ContractBrain extends Brain {
  answer(answer: ContractAnswer): void;
  lastCall(): ReceivedCall;
}

export function createContractBrain(): ContractBrain {
  let current: ContractAnswer = { type: 'text', text: 'ok' };
  let last: BrainInput | undefined;
  return {
    answer(answer) {
      current = answer;
    },
    respond(input): BrainOutput {
      last = input;
      if (current.type === 'text') return { type: 'text', text: current.text, finishReason: current.finishReason ?? 'stop' };
      return { type: 'tool-calls', calls: current.calls, ...(current.text === undefined ? {} : { text: current.text }) };
    },
    lastCall() {
      if (last === undefined) throw new Error('the brain has not been asked yet');
      const messages = last.messages.map((message): ReceivedMessage => {
        switch (message.role) {
          case 'assistant':
            return { role: 'assistant', text: message.text, toolCalls: message.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })) };
          case 'tool':
            return { role: 'tool', toolCallId: message.toolCallId, content: message.content };
          default:
            return { role: message.role, text: message.text };
        }
      });
      return { messages, toolNames: last.tools.map((tool) => tool.name) };
    },
  };
}

export interface SimulatedProvider {
  /** Base URL including "/v1" (both protocols are served there). */
  readonly baseURL: string;
  readonly calls: CallLog;
  readonly brain: ContractBrain;
  close(): Promise<void>;
}

type ModelInput = SimulatorConfigInput['models'][string];

/** A quick model: 100 scenario ms to the first token, 20 ms wall at the default time scale. */
export const quickModel = (overrides: Partial<ModelInput> = {}): ModelInput => ({
  tier: 'fast',
  ttftMs: { p50: 100, p95: 100 },
  msPerOutputToken: { p50: 2, p95: 2 },
  msPerInputToken: 0,
  ...overrides,
});

export async function startSimulatedProvider(config: Partial<SimulatorConfigInput> = {}): Promise<SimulatedProvider> {
  const parsed = parseSimulatorConfig({
    seed: 5,
    timeScale: 0.2,
    models: { 'sim-fast': quickModel() },
    providers: [{ name: 'primary', models: ['sim-fast'] }],
    connectionSetupMs: { p50: 1, p95: 1 },
    ...config,
  });
  const brain = createContractBrain();
  const calls = new CallLog();
  const server = await startLlmServer({ config: parsed, clock: createSimClock(parsed.timeScale), brain, calls });
  const url = server.providers[0]?.url;
  if (url === undefined) throw new Error('the simulator started no provider');
  return { baseURL: `${url}/v1`, calls, brain, close: () => server.close() };
}
