import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { stepCountIs, streamText, tool, type ToolSet } from 'ai';
import { HotpathError } from '../../src/index.js';
import { benchMaxSteps, type BenchAgent, type BenchAgentContext } from './bench-agent.js';
import { callCatalogTool } from './call-catalog-tool.js';
import { packageVersion } from './package-version.js';
import { createKeepAliveClient } from './http-transport.js';
import { providerUrlFor } from './provider-url.js';
import { createRequestIdFetch, currentRequestScope, runInRequestScope } from './request-scope.js';

// The Vercel AI SDK used as its documentation recommends for an OpenAI-compatible endpoint:
// createOpenAICompatible(...).chatModel() (Chat Completions; @ai-sdk/openai's default model would
// use the Responses API), streamText with tools and a step limit (without `stopWhen` it stops after
// one step), fullStream consumed. The SDK runs a step's tool calls concurrently. Its HTTP goes
// through a keep-alive pool of its own (Node fetch's defaults), as if it ran in its own process.

export const aiSdkMaxSteps = benchMaxSteps;

export function createAiSdkAgent(context: BenchAgentContext): BenchAgent {
  const { simulator, models, systemPrompt, agentName } = context;
  const http = createKeepAliveClient();
  const provider = createOpenAICompatible({
    name: 'sim',
    baseURL: `${providerUrlFor(simulator, models.powerful)}/v1`,
    apiKey: 'sim',
    fetch: createRequestIdFetch(http.fetch),
  });
  const model = provider.chatModel(models.powerful);
  const tools: ToolSet = Object.fromEntries(
    simulator.domain.catalog.map((entry) => [
      entry.name,
      tool({
        description: entry.description,
        inputSchema: entry.input,
        execute: async (args: Record<string, unknown>, { abortSignal }) => {
          const scope = requireScope();
          return callCatalogTool({
            toolsUrl: simulator.toolsUrl, entry, args, requestId: scope.requestId, signal: abortSignal ?? scope.signal, transport: http.transport,
          });
        },
      }),
    ]),
  );

  return {
    name: agentName,
    versions: { ai: packageVersion('ai'), '@ai-sdk/openai-compatible': packageVersion('@ai-sdk/openai-compatible') },
    run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
      return runInRequestScope({ requestId, signal }, async () => {
        const result = streamText({
          model,
          system: systemPrompt(request.userId),
          prompt: request.text,
          tools,
          stopWhen: stepCountIs(aiSdkMaxSteps),
          abortSignal: signal,
          // Errors arrive as 'error' parts below; the default handler would also log them.
          onError: () => undefined,
        });
        const texts: string[] = [];
        // A step's text is the answer only if the step ends without tool calls; until then it is progress.
        let stepTextAt: number | undefined;
        for await (const part of result.fullStream) {
          switch (part.type) {
            case 'start-step':
              stepTextAt = undefined;
              break;
            case 'tool-input-start':
            case 'tool-call':
              onFirstEvent();
              break;
            case 'text-start':
              texts.push('');
              break;
            case 'text-delta':
              if (part.text !== '') {
                onFirstEvent();
                stepTextAt ??= Date.now();
                texts[texts.length - 1] = `${texts.at(-1) ?? ''}${part.text}`;
              }
              break;
            case 'finish-step':
              if (part.finishReason !== 'tool-calls' && stepTextAt !== undefined) onFirstToken(stepTextAt);
              break;
            case 'error':
              throw part.error;
            case 'abort':
              throw signal.reason ?? new HotpathError('HOTPATH_ABORTED', 'aborted');
            default:
              break;
          }
        }
        return { text: texts.filter((text) => text.trim() !== '').join('\n') };
      });
    },
    close: () => http.close(),
  };
}

function requireScope() {
  const scope = currentRequestScope();
  if (scope === undefined) throw new HotpathError('HOTPATH_INTERNAL', 'tool executed outside a benchmark run');
  return scope;
}
