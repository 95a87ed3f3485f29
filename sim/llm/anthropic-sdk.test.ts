import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTicketQuestions, parallelCalls, textQuestion, ticketAnswer, ticketTools, toolQuestion } from './test-support/domain-script.js';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, testModel, type TestLlmServer } from './test-support/start-test-llm-server.js';
import { countTokens, splitTokens } from './tokenizer.js';

const brain = createScriptedBrain(answerTicketQuestions);
let sim: TestLlmServer;
let client: Anthropic;

const anthropicTools = ticketTools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters as Anthropic.Tool.InputSchema }));

beforeAll(async () => {
  sim = await startTestLlmServer({
    brain,
    config: {
      models: { 'sim-fast': testModel(), 'sim-broken': testModel({ errorRate: 1 }), 'sim-limited': testModel({ rateLimitRate: 1 }) },
      providers: [{ name: 'primary', models: ['sim-fast', 'sim-broken', 'sim-limited'] }],
    },
  });
  client = new Anthropic({ baseURL: sim.url, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await sim.close();
});

describe('Anthropic Messages through the official SDK', () => {
  it('answers a text question without streaming', async () => {
    const message = await client.messages.create({
      model: 'sim-fast',
      max_tokens: 500,
      system: [{ type: 'text', text: 'You help with tickets.' }],
      messages: [{ role: 'user', content: textQuestion }],
    });
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.id).toMatch(/^msg_/);
    expect(message.content).toEqual([{ type: 'text', text: ticketAnswer }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(message.usage.output_tokens).toBe(countTokens(ticketAnswer));
    expect(message.usage.input_tokens).toBe(countTokens('You help with tickets.') + countTokens(textQuestion));
    expect(brain.inputs.at(-1)?.messages[0]).toEqual({ role: 'system', text: 'You help with tickets.' });
  });

  it('returns parallel tool_use blocks without streaming', async () => {
    const message = await client.messages.create({ model: 'sim-fast', max_tokens: 500, tools: anthropicTools, messages: [{ role: 'user', content: toolQuestion }] });
    expect(message.stop_reason).toBe('tool_use');
    const uses = message.content.filter((block) => block.type === 'tool_use');
    expect(uses.map((block) => [block.name, block.input])).toEqual(parallelCalls.map((call) => [call.name, JSON.parse(call.arguments)]));
    expect(uses.every((block) => block.id.startsWith('toolu_'))).toBe(true);
  });

  it('streams text with messages.stream(); the text events concatenate to the answer', async () => {
    const stream = client.messages.stream({ model: 'sim-fast', max_tokens: 500, messages: [{ role: 'user', content: textQuestion }] });
    const deltas: string[] = [];
    const eventTypes: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const message = await stream.finalMessage();
    expect(deltas).toEqual(splitTokens(ticketAnswer));
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: ticketAnswer })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(countTokens(ticketAnswer));
    expect(eventTypes.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
    expect(eventTypes.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('streams tool_use blocks whose input_json_delta fragments assemble the input', async () => {
    const stream = client.messages.stream({ model: 'sim-fast', max_tokens: 500, tools: anthropicTools, messages: [{ role: 'user', content: toolQuestion }] });
    const fragments = new Map<number, string>();
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        fragments.set(event.index, (fragments.get(event.index) ?? '') + event.delta.partial_json);
      }
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    const uses = message.content.filter((block) => block.type === 'tool_use');
    expect(uses.map((block) => [block.name, block.input])).toEqual(parallelCalls.map((call) => [call.name, JSON.parse(call.arguments)]));
    expect([...fragments.values()]).toEqual(parallelCalls.map((call) => call.arguments));
    expect(fragments.get(0)!.length).toBeGreaterThan(0);
  });

  it('passes tool results back to the brain and answers the next turn', async () => {
    const first = await client.messages.create({ model: 'sim-fast', max_tokens: 500, tools: anthropicTools, messages: [{ role: 'user', content: toolQuestion }] });
    const uses = first.content.filter((block) => block.type === 'tool_use');
    const second = await client.messages.create({
      model: 'sim-fast',
      max_tokens: 500,
      tools: anthropicTools,
      messages: [
        { role: 'user', content: toolQuestion },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: uses.map((block, index) => ({
            type: 'tool_result' as const,
            tool_use_id: block.id,
            content: index === 0 ? `result-${index}` : [{ type: 'text' as const, text: `result-${index}` }],
            ...(index === 1 && { is_error: true }),
          })),
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Summary from get_ticket=result-0; get_user_workload=result-1' }]);
    const tools = brain.inputs.at(-1)?.messages.filter((message) => message.role === 'tool');
    expect(tools?.map((message) => message.role === 'tool' && message.isError === true)).toEqual([false, true]);
  });

  it('cuts at max_tokens with stop reason max_tokens', async () => {
    const message = await client.messages.create({ model: 'sim-fast', max_tokens: 4, messages: [{ role: 'user', content: textQuestion }] });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content).toEqual([{ type: 'text', text: splitTokens(ticketAnswer).slice(0, 4).join('') }]);
  });

  it('maps errors: 400 naming the field, 404 unknown model, 500/529, 429', async () => {
    const missing = client.messages.create({ model: 'sim-fast', messages: [{ role: 'user', content: 'hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming);
    await expect(missing).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(missing).rejects.toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } } });

    const unknown = client.messages.create({ model: 'claude-nonexistent', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await expect(unknown).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ error: { error: { type: 'not_found_error' } } });

    const broken = client.messages.create({ model: 'sim-broken', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const brokenError = (await broken.catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.APIError>;
    expect(brokenError).toBeInstanceOf(Anthropic.InternalServerError);
    expect([500, 529]).toContain(brokenError.status);
    expect((brokenError.error as { error: { type: string } }).error.type).toBe(brokenError.status === 529 ? 'overloaded_error' : 'api_error');

    const limited = client.messages.create({ model: 'sim-limited', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await expect(limited).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    await expect(limited).rejects.toMatchObject({ error: { type: 'error', error: { type: 'rate_limit_error' } } });
  });

  it('raises the 500 of a failing model from messages.stream() too', async () => {
    const stream = client.messages.stream({ model: 'sim-broken', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.InternalServerError);
  });
});
