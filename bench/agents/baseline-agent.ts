import { HotpathError } from '../../src/index.js';
import { benchMaxSteps, type BenchAgent, type BenchAgentContext } from './bench-agent.js';
import { callCatalogTool } from './call-catalog-tool.js';
import { chatCompletionRequest, type ChatMessage, type ChatToolDeclaration } from './chat-completion-request.js';
import { freshConnectionTransport } from './http-transport.js';
import { packageVersion } from './package-version.js';
import { providerUrlFor } from './provider-url.js';
import { toolJsonSchema } from './tool-json-schema.js';

// The seed's "before": a new TCP connection for every call, the powerful model for everything,
// non-streaming completions, tools run one after another, no cache. Nothing is shown to the user
// until the whole answer exists, so first event and first token are the end of the run.

export const baselineMaxSteps = benchMaxSteps;

export function createBaselineAgent(context: BenchAgentContext): BenchAgent {
  const { simulator, models, systemPrompt, agentName } = context;
  const model = models.powerful;
  const baseUrl = providerUrlFor(simulator, model);
  const catalog = new Map(simulator.domain.catalog.map((entry) => [entry.name, entry]));
  const tools: ChatToolDeclaration[] = [...catalog.values()].map((entry) => ({
    type: 'function',
    function: { name: entry.name, description: entry.description, parameters: toolJsonSchema(entry) },
  }));
  const transport = freshConnectionTransport;

  return {
    name: agentName,
    versions: { undici: packageVersion('undici') },
    async run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
      const messages: ChatMessage[] = [
        { role: 'system', content: systemPrompt(request.userId) },
        { role: 'user', content: request.text },
      ];
      for (let step = 0; step < baselineMaxSteps; step++) {
        const reply = await chatCompletionRequest({ baseUrl, model, messages, tools, requestId, signal, transport });
        if (reply.toolCalls.length === 0) {
          onFirstEvent();
          onFirstToken();
          return { text: reply.content ?? '' };
        }
        messages.push({ role: 'assistant', content: reply.content, tool_calls: reply.toolCalls });
        for (const call of reply.toolCalls) {
          const entry = catalog.get(call.function.name);
          const args = parseArguments(call.function.arguments);
          const result =
            entry === undefined
              ? { error: { message: `unknown tool "${call.function.name}"` } }
              : args === undefined
                ? { error: { message: `arguments of ${call.function.name} are not a JSON object` } }
                : await callCatalogTool({ toolsUrl: simulator.toolsUrl, entry, args, requestId, signal, transport });
          messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
        }
      }
      throw new HotpathError('HOTPATH_INTERNAL', `no answer after ${baselineMaxSteps} model calls`);
    },
  };
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text === '' ? '{}' : text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
