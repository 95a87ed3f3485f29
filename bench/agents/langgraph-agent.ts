import { AIMessageChunk, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { ChatOpenAI } from '@langchain/openai';
import { HotpathError } from '../../src/index.js';
import { benchMaxSteps, type BenchAgent, type BenchAgentContext } from './bench-agent.js';
import { callCatalogTool } from './call-catalog-tool.js';
import { packageVersion } from './package-version.js';
import { createKeepAliveClient } from './http-transport.js';
import { providerUrlFor } from './provider-url.js';
import { createRequestIdFetch, currentRequestScope, runInRequestScope } from './request-scope.js';

// LangGraph.js as its documentation recommends: a prebuilt ReAct agent over ChatOpenAI with tools
// from @langchain/core, consumed with stream(..., { streamMode: 'messages' }) so tokens arrive as
// they are generated. (Calling invoke() on a streaming ChatOpenAI tries to download tokenizer data
// and stalls offline; streaming avoids it.) The ToolNode runs a step's tool calls concurrently.
// Its HTTP goes through a keep-alive pool of its own (Node fetch's defaults), as in its own process.

export const langGraphMaxSteps = benchMaxSteps;

export function createLangGraphAgent(context: BenchAgentContext): BenchAgent {
  const { simulator, models, systemPrompt, agentName } = context;
  const http = createKeepAliveClient();
  const llm = new ChatOpenAI({
    model: models.powerful,
    apiKey: 'sim',
    configuration: { baseURL: `${providerUrlFor(simulator, models.powerful)}/v1`, fetch: createRequestIdFetch(http.fetch) },
  });
  const tools: StructuredToolInterface[] = simulator.domain.catalog.map((entry) =>
    tool(
      async (args: Record<string, unknown>) => {
        const scope = currentRequestScope();
        if (scope === undefined) throw new HotpathError('HOTPATH_INTERNAL', 'tool executed outside a benchmark run');
        const result = await callCatalogTool({
          toolsUrl: simulator.toolsUrl, entry, args, requestId: scope.requestId, signal: scope.signal, transport: http.transport,
        });
        return JSON.stringify(result);
      },
      { name: entry.name, description: entry.description, schema: entry.input },
    ),
  );
  const agent = createReactAgent({ llm, tools });

  return {
    name: agentName,
    versions: {
      '@langchain/langgraph': packageVersion('@langchain/langgraph'),
      '@langchain/openai': packageVersion('@langchain/openai'),
      '@langchain/core': packageVersion('@langchain/core'),
    },
    run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
      return runInRequestScope({ requestId, signal }, async () => {
        const stream = await agent.stream(
          { messages: [{ role: 'system', content: systemPrompt(request.userId) }, { role: 'user', content: request.text }] },
          // Each step is a model node and a tools node: 8 model calls need 2 * 8 super-steps.
          { streamMode: 'messages', signal, recursionLimit: 2 * langGraphMaxSteps },
        );
        // Per model message: its text, when its first token came, and whether it called tools
        // (then its text was a preamble, not the answer).
        const messages = new Map<string, { text: string; firstTextAt?: number; callsTools: boolean }>();
        for await (const [message, metadata] of stream as AsyncIterable<[BaseMessage, { langgraph_step?: number } | undefined]>) {
          if (ToolMessage.isInstance(message)) {
            onFirstEvent();
            continue;
          }
          if (!AIMessageChunk.isInstance(message)) continue;
          // One model call per graph step: the step tells messages apart even if ids repeat.
          const id = `${metadata?.langgraph_step ?? ''}:${message.id ?? ''}`;
          const entry = messages.get(id) ?? { text: '', callsTools: false };
          messages.set(id, entry);
          if ((message.tool_call_chunks?.length ?? 0) > 0) {
            entry.callsTools = true;
            onFirstEvent();
          }
          const delta = messageText(message);
          if (delta !== '') {
            onFirstEvent();
            entry.firstTextAt ??= Date.now();
            entry.text += delta;
          }
        }
        const answer = [...messages.values()].reverse().find((entry) => !entry.callsTools && entry.firstTextAt !== undefined);
        if (answer?.firstTextAt !== undefined) onFirstToken(answer.firstTextAt);
        return { text: [...messages.values()].map((entry) => entry.text).filter((text) => text.trim() !== '').join('\n') };
      });
    },
    close: () => http.close(),
  };
}

function messageText(message: AIMessageChunk): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => (typeof part === 'object' && part !== null && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}
