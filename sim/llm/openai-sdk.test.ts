import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInputTokens } from './conversation.js';
import { drawInjectedFailure } from './injected-failure.js';
import { answerTicketQuestions, parallelCalls, textQuestion, ticketAnswer, ticketTools, toolQuestion } from './test-support/domain-script.js';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, testModel, type TestLlmServer } from './test-support/start-test-llm-server.js';
import { countTokens, splitTokens } from './tokenizer.js';

const brain = createScriptedBrain(answerTicketQuestions);
let sim: TestLlmServer;
let client: OpenAI;

const openAiTools = ticketTools.map((tool) => ({ type: 'function' as const, function: tool }));

beforeAll(async () => {
  sim = await startTestLlmServer({
    brain,
    config: {
      models: {
        'sim-fast': testModel(),
        'sim-broken': testModel({ errorRate: 1 }),
        'sim-limited': testModel({ rateLimitRate: 1, retryAfterMs: 1000 }),
        'sim-flaky': testModel({ rateLimitRate: 0.5, retryAfterMs: 4000 }),
      },
      providers: [{ name: 'primary', models: ['sim-fast', 'sim-broken', 'sim-limited', 'sim-flaky'] }],
    },
  });
  client = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await sim.close();
});

describe('OpenAI Chat Completions through the official SDK', () => {
  it('answers a text question without streaming, with usage and finish reason', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'system', content: 'You help with tickets.' }, { role: 'user', content: textQuestion }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('sim-fast');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]?.message.content).toBe(ticketAnswer);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const inputTokens = countInputTokens([{ role: 'system', text: 'You help with tickets.' }, { role: 'user', text: textQuestion }], []);
    expect(completion.usage).toEqual({ prompt_tokens: inputTokens, completion_tokens: countTokens(ticketAnswer), total_tokens: inputTokens + countTokens(ticketAnswer) });
  });

  it('streams text token by token; the deltas concatenate to the answer', async () => {
    const stream = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: [{ type: 'text', text: textQuestion }] }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const finishReasons: string[] = [];
    let firstRole: string | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      const choice = chunk.choices[0];
      if (choice?.delta.role && firstRole === undefined) firstRole = choice.delta.role;
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(firstRole).toBe('assistant');
    expect(deltas.join('')).toBe(ticketAnswer);
    expect(deltas).toEqual(splitTokens(ticketAnswer));
    expect(finishReasons).toEqual(['stop']);
    expect(usage?.completion_tokens).toBe(countTokens(ticketAnswer));
  });

  it('streams several tool calls one after the other, each delta with its index and the first with id and type', async () => {
    const stream = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: toolQuestion }],
      tools: openAiTools,
      stream: true,
    });
    const calls: Array<{ id?: string; type?: string; name?: string; arguments: string }> = [];
    const indexOrder: number[] = [];
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      for (const delta of choice?.delta.tool_calls ?? []) {
        expect(typeof delta.index).toBe('number');
        indexOrder.push(delta.index);
        const call = (calls[delta.index] ??= { arguments: '' });
        if (call.id === undefined) {
          expect(delta.id).toMatch(/^call_/);
          expect(delta.type).toBe('function');
          call.id = delta.id;
          call.type = delta.type;
          call.name = delta.function?.name;
        }
        call.arguments += delta.function?.arguments ?? '';
      }
    }
    expect(finishReason).toBe('tool_calls');
    expect(calls.map((call) => call.name)).toEqual(parallelCalls.map((call) => call.name));
    expect(calls.map((call) => JSON.parse(call.arguments))).toEqual(parallelCalls.map((call) => JSON.parse(call.arguments)));
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    // Call 0 is complete before call 1 starts, so a client can dispatch it early.
    expect(indexOrder).toEqual([...indexOrder].sort((a, b) => a - b));
    expect(indexOrder.filter((index) => index === 0).length).toBeGreaterThan(2);
  });

  it('returns several tool calls in one message without streaming', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: toolQuestion }],
      tools: openAiTools,
    });
    const message = completion.choices[0]?.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBeNull();
    expect(message?.tool_calls?.map((call) => call.type === 'function' && [call.function.name, call.function.arguments])).toEqual(
      parallelCalls.map((call) => [call.name, call.arguments]),
    );
    const outputTokens = parallelCalls.reduce((sum, call) => sum + countTokens(call.name) + countTokens(call.arguments), 0);
    expect(completion.usage?.completion_tokens).toBe(outputTokens);
  });

  it('emits only the first call when parallel tool calls are off', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: toolQuestion }],
      tools: openAiTools,
      parallel_tool_calls: false,
    });
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it('hands the brain no tools under tool_choice "none"', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: toolQuestion }],
      tools: openAiTools,
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.message.content).toBe(ticketAnswer);
    expect(brain.inputs.at(-1)?.tools).toEqual([]);
  });

  it('continues a conversation with tool results: the brain sees named results and the next turn', async () => {
    const first = await client.chat.completions.create({ model: 'sim-fast', messages: [{ role: 'user', content: toolQuestion }], tools: openAiTools });
    const assistant = first.choices[0]?.message;
    if (!assistant?.tool_calls) throw new Error('expected tool calls');
    const toolMessages = assistant.tool_calls.map((call, index) => ({ role: 'tool' as const, tool_call_id: call.id, content: `result-${index}` }));
    const second = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: toolQuestion }, assistant, ...toolMessages],
      tools: openAiTools,
    });
    expect(second.choices[0]?.message.content).toBe('Summary from get_ticket=result-0; get_user_workload=result-1');
    const input = brain.inputs.at(-1);
    expect(input?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(input?.tools.map((tool) => tool.name)).toEqual(['get_ticket', 'get_user_workload']);
    expect(input?.tier).toBe('fast');
    const records = sim.calls.list({ kind: 'llm' }).slice(-2);
    expect(records.map((record) => record.key)).toEqual([records[0]?.key, records[0]?.key]);
  });

  it('cuts the answer at max_tokens with finish reason "length"', async () => {
    const completion = await client.chat.completions.create({ model: 'sim-fast', messages: [{ role: 'user', content: textQuestion }], max_completion_tokens: 3 });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toBe(splitTokens(ticketAnswer).slice(0, 3).join(''));
    expect(completion.usage?.completion_tokens).toBe(3);
  });

  it('lists the provider\'s models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['sim-fast', 'sim-broken', 'sim-limited', 'sim-flaky']);
  });

  it('maps errors to the SDK\'s classes: 500, 400 naming the field, 404 unknown model', async () => {
    const broken = client.chat.completions.create({ model: 'sim-broken', messages: [{ role: 'user', content: 'hi' }] });
    await expect(broken).rejects.toBeInstanceOf(OpenAI.InternalServerError);

    const missing = client.chat.completions.create({ model: 'sim-fast' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(missing).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(missing).rejects.toMatchObject({ status: 400, param: 'messages', message: expect.stringContaining("'messages'") });

    const wrongType = client.chat.completions.create({ model: 'sim-fast', messages: [{ role: 'user', content: 42 }] } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    await expect(wrongType).rejects.toMatchObject({ status: 400, param: 'messages[0].content' });

    const unknown = client.chat.completions.create({ model: 'gpt-nonexistent', messages: [{ role: 'user', content: 'hi' }] });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers 429 with Retry-After headers; without retries the SDK raises RateLimitError', async () => {
    const limited = client.chat.completions.create({ model: 'sim-limited', messages: [{ role: 'user', content: 'hi' }] });
    await expect(limited).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    const error = (await limited.catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.headers.get('retry-after')).toBe('1');
    expect(error.headers.get('retry-after-ms')).toBe(String(1000 * sim.config.timeScale));
  });

  it('with retries on, waits Retry-After and succeeds when only the first attempt is rate limited', async () => {
    const key = findKey((candidate) =>
      drawInjectedFailure({ config: sim.config, key: candidate, model: 'sim-flaky', turn: 0, provider: 'primary', attempt: 0 })?.kind === 'rate-limit' &&
      drawInjectedFailure({ config: sim.config, key: candidate, model: 'sim-flaky', turn: 0, provider: 'primary', attempt: 1 }) === undefined,
    );
    const retrying = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'unused', maxRetries: 2 });
    const started = performance.now();
    const completion = await retrying.chat.completions.create(
      { model: 'sim-flaky', messages: [{ role: 'user', content: textQuestion }] },
      { headers: { 'x-request-id': `${key}#retry-test` } },
    );
    const elapsed = performance.now() - started;
    expect(completion.choices[0]?.message.content).toBe(ticketAnswer);
    expect(elapsed).toBeGreaterThanOrEqual(4000 * sim.config.timeScale - 5);
    expect(sim.calls.list({ key, namespace: 'retry-test' }).map((record) => record.status)).toEqual([429, 200]);
  });
});

function findKey(accept: (key: string) => boolean): string {
  for (let index = 0; index < 10_000; index++) {
    if (accept(`flaky-${index}`)) return `flaky-${index}`;
  }
  throw new Error('no key found');
}
