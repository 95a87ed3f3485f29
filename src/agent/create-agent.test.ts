import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentEvent, ModelMessage } from '../spec/index.js';
import { tool } from '../tools/index.js';
import { HotpathError } from '../util/index.js';
import { createAgent } from './create-agent.js';
import { scriptedModel, textStep, toolCallPart, toolCallsFinish } from './test-support/scripted-model.js';

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

function delayedTool(name: string, ms: number, log: Array<{ name: string; event: 'start' | 'end' | 'abort'; at: number }> = []) {
  return tool({
    name,
    description: `${name} (${ms} ms)`,
    inputSchema: z.object({ id: z.string() }),
    readOnly: true,
    idempotent: true,
    progress: `looking up {id}…`,
    async execute(input, context) {
      log.push({ name, event: 'start', at: Date.now() });
      try {
        await wait(ms, context.signal);
      } catch (error) {
        log.push({ name, event: 'abort', at: Date.now() });
        throw error;
      }
      log.push({ name, event: 'end', at: Date.now() });
      return { id: input.id, from: name };
    },
  });
}

const toolMessages = (messages: ModelMessage[]) => messages.filter((message) => message.role === 'tool');

describe('createAgent', () => {
  it('runs independent tool calls at the same time: 80/120/60 ms take about 120, not 260', async () => {
    const model = scriptedModel([
      [toolCallPart('a', 'lookup_user', { id: 'u1' }), toolCallPart('b', 'get_ticket', { id: 'INC-1' }), toolCallPart('c', 'check_permissions', { id: 'u1' }), toolCallsFinish],
      (messages) => textStep(`done with ${toolMessages(messages).length} results`),
    ]);
    const agent = createAgent({ models: model, tools: [delayedTool('lookup_user', 80), delayedTool('get_ticket', 120), delayedTool('check_permissions', 60)] });
    const started = Date.now();
    const result = await agent.run('status of INC-1');
    const elapsed = Date.now() - started;
    expect(result.text).toBe('done with 3 results');
    expect(result.toolCalls).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(230);
    expect(result.timings.spans.filter((span) => span.stage === 'tool')).toHaveLength(3);
    expect(result.timings.spans.filter((span) => span.stage === 'model')).toHaveLength(2);
  });

  it('starts a tool call as soon as its arguments are complete, while the model still streams', async () => {
    const log: Array<{ name: string; event: 'start' | 'end' | 'abort'; at: number }> = [];
    let secondCallEmittedAt = 0;
    const model = scriptedModel([
      () => [
        toolCallPart('a', 'first', { id: '1' }),
        { type: 'delay', ms: 100 },
        toolCallPart('b', 'second', { id: '2' }),
        toolCallsFinish,
      ],
      () => {
        return textStep('ok');
      },
    ]);
    const agent = createAgent({ models: model, tools: [delayedTool('first', 50, log), delayedTool('second', 10, log)] });
    await agent.run('go', {
      onEvent: (event) => {
        if (event.type === 'tool-call-start' && event.toolName === 'second') secondCallEmittedAt = Date.now();
      },
    });
    const firstEnd = log.find((entry) => entry.name === 'first' && entry.event === 'end')!;
    // The first call finished before the model had even emitted the second one.
    expect(firstEnd.at).toBeLessThanOrEqual(secondCallEmittedAt);
  });

  it('gives the model a failed call as an error result and keeps the others', async () => {
    const failing = tool({
      name: 'broken',
      description: 'always fails',
      inputSchema: z.object({ id: z.string() }),
      readOnly: true,
      idempotent: true,
      execute: () => {
        throw new Error('upstream exploded');
      },
    });
    let seen: ModelMessage[] = [];
    const model = scriptedModel([
      [toolCallPart('a', 'broken', { id: 'x' }), toolCallPart('b', 'fine', { id: 'y' }), toolCallsFinish],
      (messages) => {
        seen = toolMessages(messages);
        return textStep('partial answer');
      },
    ]);
    const agent = createAgent({ models: model, tools: [failing, delayedTool('fine', 5)] });
    const result = await agent.run('go');
    expect(result.text).toBe('partial answer');
    expect(seen).toHaveLength(2);
    const broken = seen.find((message) => message.role === 'tool' && message.toolName === 'broken');
    expect(broken && broken.role === 'tool' && broken.isError).toBe(true);
    expect(broken && broken.content).toContain('upstream exploded');
    const fine = seen.find((message) => message.role === 'tool' && message.toolName === 'fine');
    expect(fine && fine.content).toContain('"from":"fine"');
  });

  it('answers malformed tool arguments with an error the model can read, without calling the tool', async () => {
    let calls = 0;
    const counted = tool({ name: 'counted', description: 'counts', inputSchema: z.object({}), readOnly: true, execute: () => ++calls });
    let seen: ModelMessage[] = [];
    const model = scriptedModel([
      [{ type: 'tool-call', toolCall: { id: 'a', name: 'counted', input: '{"broken' } }, toolCallsFinish],
      (messages) => {
        seen = toolMessages(messages);
        return textStep('sorry');
      },
    ]);
    await createAgent({ models: model, tools: [counted] }).run('go');
    expect(calls).toBe(0);
    expect(seen[0]?.role === 'tool' && seen[0].content).toContain('not valid JSON');
  });

  it('streams progress before the first token and ends with run-finish', async () => {
    const model = scriptedModel([
      [toolCallPart('a', 'lookup', { id: 'INC-4821' }), toolCallsFinish],
      [{ type: 'delay', ms: 10 }, ...textStep('INC-4821 is open')],
    ]);
    const agent = createAgent({ models: model, tools: [delayedTool('lookup', 20)] });
    const events: AgentEvent[] = [];
    const stream = agent.stream('status of INC-4821');
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-finish');
    const progress = events.findIndex((event) => event.type === 'progress');
    expect(progress).toBeGreaterThan(0);
    expect((events[progress] as Extract<AgentEvent, { type: 'progress' }>).message).toBe('looking up INC-4821…');
    expect(progress).toBeLessThan(types.indexOf('text-delta'));
    const result = await stream.result;
    expect(result.text).toBe('INC-4821 is open');
    expect(result.timings.firstEventMs).toBeLessThan(result.timings.firstTokenMs!);
  });

  it('stops every tool call when the deadline passes and reports it', async () => {
    const log: Array<{ name: string; event: 'start' | 'end' | 'abort'; at: number }> = [];
    const model = scriptedModel([[toolCallPart('a', 'slow', { id: '1' }), toolCallsFinish], textStep('never')]);
    const agent = createAgent({ models: model, tools: [delayedTool('slow', 5_000, log)] });
    const started = Date.now();
    const failure = await agent.run('go', { timeoutMs: 400 }).catch((error: unknown) => error);
    expect(HotpathError.isInstance(failure) && failure.code).toBe('HOTPATH_DEADLINE_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(2_000);
    await wait(20);
    expect(log.map((entry) => entry.event)).toEqual(['start', 'abort']);
    expect(model.calls).toHaveLength(1);
  });

  it('aborts the run when the stream consumer stops reading', async () => {
    const log: Array<{ name: string; event: 'start' | 'end' | 'abort'; at: number }> = [];
    const model = scriptedModel([[toolCallPart('a', 'slow', { id: '1' }), toolCallsFinish], textStep('never')]);
    const agent = createAgent({ models: model, tools: [delayedTool('slow', 5_000, log)] });
    const stream = agent.stream('go');
    for await (const event of stream) {
      if (event.type === 'tool-call-start') break;
    }
    await expect(stream.result).rejects.toMatchObject({ code: 'HOTPATH_ABORTED' });
    expect(log.map((entry) => entry.event)).toEqual(['start', 'abort']);
  });

  it('puts the instructions, the history and the input in the conversation, and forwards the request id', async () => {
    const model = scriptedModel([textStep('hi')]);
    const agent = createAgent({ models: { fast: model }, instructions: ({ user }) => `Current user: ${user}` });
    await agent.run('who am I?', { user: 'u0042', requestId: 'req-1', history: [{ role: 'user', content: 'hello' }, { role: 'assistant', content: 'hi there' }] });
    const call = model.calls[0]!;
    expect(call.messages).toEqual([
      { role: 'system', content: 'Current user: u0042' },
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'hi there' },
      { role: 'user', content: 'who am I?' },
    ]);
    expect(call.headers?.['x-request-id']).toBe('req-1');
    expect(call.user).toBe('u0042');
  });

  it('refuses a model that keeps calling tools past maxSteps', async () => {
    const loop = () => [toolCallPart(`id-${Math.random()}`, 'lookup', { id: '1' }), toolCallsFinish];
    const agent = createAgent({ models: scriptedModel([loop, loop, loop]), tools: [delayedTool('lookup', 1)], maxSteps: 2 });
    await expect(agent.run('go')).rejects.toThrow(/after 2 steps/);
  });

  it('validates its options and input, naming what is wrong', async () => {
    expect(() => createAgent({ models: scriptedModel([]), maxSteps: 0 })).toThrow(/option "maxSteps"/);
    expect(() => createAgent({ models: { fast: scriptedModel([]) }, defaultTier: 'huge' })).toThrow(/option "defaultTier"/);
    expect(() => createAgent({ models: {} })).toThrow(/option "models"/);
    const agent = createAgent({ models: scriptedModel([]) });
    await expect(agent.run('   ')).rejects.toMatchObject({ code: 'HOTPATH_INVALID_ARGUMENT' });
  });
});
