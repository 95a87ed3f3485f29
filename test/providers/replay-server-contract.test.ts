// Both adapters pass the LanguageModel contract against scripted servers speaking their protocol.

import { createAnthropic, createOpenAICompatible } from '../../src/providers/index.js';
import { describeLanguageModelContract } from '../contracts/language-model-contract.js';
import { startScriptedProviderServer } from './support/scripted-provider-server.js';

describeLanguageModelContract('openai-compatible / scripted server', async () => {
  const server = await startScriptedProviderServer('openai');
  const provider = createOpenAICompatible({ name: 'scripted-openai', baseURL: server.baseURL, apiKey: 'sk-test' });
  return {
    model: provider.languageModel('gpt-4o-mini'),
    answer: (answer) => server.answer(answer),
    lastCall: () => server.lastCall(),
    close: async () => {
      await provider.close();
      await server.close();
    },
  };
});

describeLanguageModelContract('anthropic / scripted server', async () => {
  const server = await startScriptedProviderServer('anthropic');
  const provider = createAnthropic({ name: 'scripted-anthropic', baseURL: server.baseURL, apiKey: 'sk-ant-test' });
  return {
    model: provider.languageModel('claude-haiku-4-5'),
    answer: (answer) => server.answer(answer),
    lastCall: () => server.lastCall(),
    close: async () => {
      await provider.close();
      await server.close();
    },
  };
});
