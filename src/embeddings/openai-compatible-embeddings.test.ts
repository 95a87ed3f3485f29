import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { HotpathError } from '../util/index.js';
import { startHttpTestServer, type HttpTestServer, type TestRequestHandler } from '../util/http/testing/http-test-server.js';
import { createOpenAICompatibleEmbeddings, type OpenAICompatibleEmbeddings } from './openai-compatible-embeddings.js';

let server: HttpTestServer | undefined;
let model: OpenAICompatibleEmbeddings | undefined;

afterEach(async () => {
  await model?.close();
  await server?.close();
  model = undefined;
  server = undefined;
});

/** Answers like OpenAI: embedding i of the input is [i + 1, text length, 0] (not normalised), shuffled. */
const openAIStyle: TestRequestHandler = (request, response) => {
  const { input } = request.json as { input: string[] };
  const data = input.map((text, index) => ({ object: 'embedding', index, embedding: [index + 1, text.length, 0] })).reverse();
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ object: 'list', data, model: 'fake-embed', usage: { prompt_tokens: 1, total_tokens: 1 } }));
};

async function start(handler: TestRequestHandler, options: Partial<Parameters<typeof createOpenAICompatibleEmbeddings>[0]> = {}) {
  server = await startHttpTestServer(handler);
  model = createOpenAICompatibleEmbeddings({ baseURL: `${server.url}/v1/`, apiKey: 'sk-test', modelId: 'fake-embed', ...options });
  return { server, model };
}

async function rejection(promise: Promise<unknown>): Promise<HotpathError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(HotpathError.isInstance(error)).toBe(true);
  return error as HotpathError;
}

describe('createOpenAICompatibleEmbeddings', () => {
  it('posts the texts to /embeddings and returns normalised vectors in input order', async () => {
    const { server, model } = await start(openAIStyle, { dimensions: 3 });
    const [first, second] = await model.embed(['abcd', 'xyz']);
    expect(Array.from(first!)).toEqual([1, 4, 0].map((value) => expect.closeTo(value / Math.sqrt(17), 6) as number));
    expect(Math.hypot(...second!)).toBeCloseTo(1, 6);
    expect(second![0]! / second![1]!).toBeCloseTo(2 / 3, 6);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/v1/embeddings' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
    expect(server.requests[0]?.json).toEqual({ model: 'fake-embed', input: ['abcd', 'xyz'], encoding_format: 'float', dimensions: 3 });
  });

  it('sends concurrent calls as one request, splits at maxBatchSize and caches repeats', async () => {
    const { server, model } = await start(openAIStyle, { maxBatchSize: 3 });
    await Promise.all([model.embed(['a', 'b']), model.embed(['c']), model.embed(['d', 'e'])]);
    expect(server.requests.map((request) => (request.json as { input: string[] }).input)).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    await model.embed(['a', 'e']);
    expect(server.requests).toHaveLength(2);
    expect(model.dimensions).toBe(3);
  });

  it('retries a 503 and honours a short Retry-After', async () => {
    let calls = 0;
    const { server, model } = await start((request, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'overloaded' } }));
        return;
      }
      openAIStyle(request, response, undefined as never);
    });
    expect(await model.embed(['hello'])).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('maps upstream failures to HotpathError codes', async () => {
    const statuses = [401, 400, 429, 500];
    const { model } = await start((request, response) => {
      const status = statuses[Number((request.json as { input: string[] }).input[0])] as number;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `status ${status}` } }));
    }, { maxRetries: 0, cacheSize: 0 });
    const codes = [];
    for (const [index] of statuses.entries()) codes.push(await rejection(model.embed([String(index)])));
    expect(codes.map((error) => [error.code, error.statusCode, error.isRetryable])).toEqual([
      ['HOTPATH_PROVIDER_AUTH', 401, false],
      ['HOTPATH_PROVIDER_BAD_REQUEST', 400, false],
      ['HOTPATH_PROVIDER_RATE_LIMITED', 429, true],
      ['HOTPATH_PROVIDER_UNAVAILABLE', 500, true],
    ]);
    expect(codes[0]?.message).toMatch(/status 401/);
  });

  it('rejects malformed responses and wrong dimensions as bad responses', async () => {
    const bodies = [{ data: [{ index: 0 }] }, { data: [] }, { data: [{ index: 0, embedding: [1, 2] }] }, 'not json'];
    const { model } = await start((request, response) => {
      const body = bodies[Number((request.json as { input: string[] }).input[0])];
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    }, { dimensions: 3, maxRetries: 0 });
    for (const [index] of bodies.entries()) {
      const error = await rejection(model.embed([String(index)]));
      expect(error.code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
    }
  });

  it('uses an injected undici dispatcher', async () => {
    const dispatcher = new Agent();
    let dispatched = 0;
    const counting = dispatcher.compose((dispatch) => (options, handler) => {
      dispatched++;
      return dispatch(options, handler);
    });
    await start(openAIStyle, { dispatcher: counting });
    await model!.embed(['x']);
    expect(dispatched).toBe(1);
    await dispatcher.close();
  });

  it('validates its options and names the offending one', () => {
    expect(() => createOpenAICompatibleEmbeddings({ baseURL: 'not a url', modelId: 'm' })).toThrow(/baseURL/);
    expect(() => createOpenAICompatibleEmbeddings({ baseURL: 'http://127.0.0.1:1/v1', modelId: '' })).toThrow(/modelId/);
    expect(() => createOpenAICompatibleEmbeddings({ baseURL: 'http://127.0.0.1:1/v1', modelId: 'm', dimensions: 0 })).toThrow(/dimensions/);
  });
});
