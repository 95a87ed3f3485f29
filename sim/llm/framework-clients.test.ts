import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTicketQuestions, parallelCalls, textQuestion, ticketAnswer, ticketTools, toolQuestion } from './test-support/domain-script.js';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, type TestLlmServer } from './test-support/start-test-llm-server.js';

let sim: TestLlmServer;

beforeAll(async () => {
  sim = await startTestLlmServer({ brain: createScriptedBrain(answerTicketQuestions) });
});

afterAll(async () => {
  await sim.close();
});

const expectedCalls = parallelCalls.map((call) => ({ name: call.name, input: JSON.parse(call.arguments) as unknown }));

describe('frameworks against the OpenAI protocol', () => {
  const aiSdkTools = () => Object.fromEntries(ticketTools.map((declared) => [
    declared.name,
    tool({ description: declared.description, inputSchema: jsonSchema(declared.parameters as unknown as Parameters<typeof jsonSchema>[0]) }),
  ]));
  const provider = () => createOpenAICompatible({ name: 'sim', baseURL: `${sim.url}/v1`, apiKey: 'unused', includeUsage: true });

  it('Vercel AI SDK: streams text and reports usage', async () => {
    const result = streamText({ model: provider().chatModel('sim-fast'), prompt: textQuestion, maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(ticketAnswer);
    expect((await result.usage).outputTokens).toBeGreaterThan(5);
    expect(await result.finishReason).toBe('stop');
  });

  it('Vercel AI SDK: streams parallel tool calls', async () => {
    const result = streamText({ model: provider().chatModel('sim-fast'), prompt: toolQuestion, tools: aiSdkTools(), maxRetries: 0 });
    const streamed: Array<{ name: string; input: unknown }> = [];
    for await (const part of result.fullStream) {
      if (part.type === 'tool-call') streamed.push({ name: part.toolName, input: part.input });
      if (part.type === 'error') throw part.error;
    }
    expect(streamed).toEqual(expectedCalls);
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('Vercel AI SDK: generates tool calls without streaming', async () => {
    const result = await generateText({ model: provider().chatModel('sim-fast'), prompt: toolQuestion, tools: aiSdkTools(), maxRetries: 0 });
    expect(result.toolCalls.map((call) => ({ name: call.toolName, input: call.input }))).toEqual(expectedCalls);
  });

  const langChainModel = (streaming: boolean) => new ChatOpenAI({
    model: 'sim-fast',
    apiKey: 'unused',
    maxRetries: 0,
    streaming,
    configuration: { baseURL: `${sim.url}/v1` },
  }).bindTools(ticketTools.map((declared) => ({ type: 'function' as const, function: declared })));

  it('LangChain ChatOpenAI: tool calls, streamed and not', async () => {
    const whole = await langChainModel(false).invoke(toolQuestion);
    expect(whole.tool_calls?.map((call) => ({ name: call.name, input: call.args }))).toEqual(expectedCalls);

    // Streamed chunks merged by the client. (invoke() with streaming on also estimates token counts
    // with tiktoken, which LangChain downloads at run time: unreachable offline, so not used here.)
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await langChainModel(true).stream(toolQuestion)) merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.tool_calls?.map((call) => ({ name: call.name, input: call.args }))).toEqual(expectedCalls);
  });

  it('LangChain ChatOpenAI: streams text chunks', async () => {
    let text = '';
    for await (const chunk of await langChainModel(true).stream(textQuestion)) text += typeof chunk.content === 'string' ? chunk.content : '';
    expect(text).toBe(ticketAnswer);
  });
});
