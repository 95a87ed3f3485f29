// Both adapters pass the LanguageModel contract against the simulator's LLM server, each over its
// own wire protocol.

import { createAnthropic, createOpenAICompatible } from '../../src/providers/index.js';
import { describeLanguageModelContract } from '../contracts/language-model-contract.js';
import { startSimulatedProvider } from './support/simulated-provider.js';

describeLanguageModelContract('openai-compatible / simulator', async () => {
  const simulator = await startSimulatedProvider();
  const provider = createOpenAICompatible({ name: 'sim-openai', baseURL: simulator.baseURL });
  return {
    model: provider.languageModel('sim-fast'),
    answer: (answer) => simulator.brain.answer(answer),
    lastCall: () => simulator.brain.lastCall(),
    close: async () => {
      await provider.close();
      await simulator.close();
    },
  };
});

describeLanguageModelContract('anthropic / simulator', async () => {
  const simulator = await startSimulatedProvider();
  const provider = createAnthropic({ name: 'sim-anthropic', baseURL: simulator.baseURL, apiKey: 'sim' });
  return {
    model: provider.languageModel('sim-fast'),
    answer: (answer) => simulator.brain.answer(answer),
    lastCall: () => simulator.brain.lastCall(),
    close: async () => {
      await provider.close();
      await simulator.close();
    },
  };
});
