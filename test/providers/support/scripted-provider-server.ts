// A provider server for tests that answers what the test scripts, in either wire protocol, over a
// real local socket (the replay server under src/providers/testing). Failures can be queued for the
// next requests (a 429 with Retry-After, a 500...) to exercise retries.

import { startFixtureServer, type FixtureReply, type FixtureServer } from '../../../src/providers/testing/fixture-server.js';
import type { ContractAnswer, ReceivedCall } from '../../contracts/language-model-contract.js';
import { anthropicErrorBody, anthropicMessage, anthropicStream, decodeAnthropicRequest } from './anthropic-wire.js';
import { decodeOpenAIRequest, openAICompletion, openAIErrorBody, openAIStream } from './openai-wire.js';

export type WireProtocol = 'openai' | 'anthropic';

export interface ScriptedProviderServer {
  readonly protocol: WireProtocol;
  /** Base URL including "/v1". */
  readonly baseURL: string;
  readonly server: FixtureServer;
  answer(answer: ContractAnswer): void;
  /** The next requests get these replies, in order, before answers resume. */
  queue(...replies: FixtureReply[]): void;
  /** A reply with the protocol's error body. */
  errorReply(status: number, message: string, headers?: Record<string, string>): FixtureReply;
  /** Pause before each streamed event of the following answers. */
  setEventPauseMs(ms: number): void;
  lastCall(): ReceivedCall;
  /** Model calls received (warm-up requests to /v1/models excluded). */
  readonly modelCalls: number;
  close(): Promise<void>;
}

export async function startScriptedProviderServer(protocol: WireProtocol): Promise<ScriptedProviderServer> {
  let current: ContractAnswer = { type: 'text', text: 'ok' };
  let pauseMs = 0;
  const queued: FixtureReply[] = [];
  let last: ReceivedCall | undefined;
  let modelCalls = 0;
  const server = await startFixtureServer((request) => {
    if (request.method === 'GET') return { json: { object: 'list', data: [] } };
    modelCalls++;
    const body = request.json as { model: string; stream?: boolean };
    last = protocol === 'openai' ? decodeOpenAIRequest(body) : decodeAnthropicRequest(body);
    const next = queued.shift();
    if (next) return next;
    if (!body.stream) return { json: protocol === 'openai' ? openAICompletion(current, body.model) : anthropicMessage(current, body.model) };
    const chunks = protocol === 'openai' ? openAIStream(current, body.model) : anthropicStream(current, body.model);
    const count = chunks.split('\n\n').length;
    const pauses = pauseMs === 0 ? undefined : Object.fromEntries(Array.from({ length: count }, (_, index) => [index, pauseMs]));
    return { chunks, ...(pauses === undefined ? {} : { pauses }) };
  });
  return {
    protocol,
    baseURL: `${server.url}/v1`,
    server,
    answer(answer) {
      current = answer;
    },
    queue(...replies) {
      queued.push(...replies);
    },
    errorReply(status, message, headers = {}) {
      const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
      return { status, headers, json: protocol === 'openai' ? openAIErrorBody(message, type) : anthropicErrorBody(message, type) };
    },
    setEventPauseMs(ms) {
      pauseMs = ms;
    },
    lastCall() {
      if (last === undefined) throw new Error('the server has not received a model call yet');
      return last;
    },
    get modelCalls() {
      return modelCalls;
    },
    close: () => server.close(),
  };
}
