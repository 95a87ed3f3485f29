// POST /v1/embeddings in the OpenAI shape: vectors from the configured embeddings provider (batched,
// cached) or, without one, from the embedded encoder. `encoding_format: "base64"` (the OpenAI SDK's
// default) returns little-endian float32 bytes in base64.

import { z } from 'zod';
import { fieldError } from '../chat/chat-request.js';
import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';

const maxInputs = 2048;

const requestSchema = z.looseObject({
  model: z.string({ error: 'is required: the embeddings model' }).min(1, 'must not be empty'),
  input: z.union([z.string().min(1, 'must not be empty'), z.array(z.string().min(1, 'must not be empty'), { error: 'must be a string or an array of strings' }).min(1, 'must hold at least one text').max(maxInputs, `must hold at most ${maxInputs} texts`)], {
    error: 'must be a string or an array of strings (token arrays are not supported)',
  }),
  encoding_format: z.enum(['float', 'base64'], { error: 'must be "float" or "base64"' }).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

export function createEmbeddingsHandler(services: GatewayServices): RouteHandler {
  const { runtime, config } = services;
  const embeddings = runtime.embeddings;
  const names = new Set(['hotpath', embeddings.modelId, ...(config.embeddings === undefined ? [] : [config.embeddings.model])]);
  return async (context) => {
    const body = await readJsonBody(context.request, { limitBytes: config.server.bodyLimitBytes });
    const parsed = requestSchema.safeParse(body.value);
    if (!parsed.success) throw fieldError(parsed.error);
    const request = parsed.data;
    if (!names.has(request.model)) {
      throw new GatewayHttpError(404, `model: "${request.model}" is not an embeddings model here; available: ${[...names].join(', ')}`, { code: 'model_not_found', param: 'model' });
    }
    const texts = typeof request.input === 'string' ? [request.input] : request.input;
    const started = performance.now();
    const vectors = await embeddings.embed(texts, { signal: context.signal });
    if (request.dimensions !== undefined && request.dimensions !== vectors[0]?.length) {
      throw new GatewayHttpError(400, `dimensions: this model gives ${vectors[0]?.length ?? embeddings.dimensions} dimensions`, { code: 'invalid_parameter', param: 'dimensions' });
    }
    const base64 = request.encoding_format === 'base64';
    const tokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    sendJson(context.response, 200, {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector),
      })),
      model: embeddings.modelId,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    services.finish({
      id: context.requestId,
      kind: 'embeddings',
      target: embeddings.modelId,
      tenant: context.caller!.tenant,
      startedAt: context.startedAt,
      status: 200,
      totalMs: performance.now() - context.startedPerf,
      spans: [{ stage: 'embed', name: `embed ${embeddings.modelId}`, startMs: started - context.startedPerf, endMs: performance.now() - context.startedPerf, attributes: { texts: texts.length } }],
      modelCalls: [],
    });
  };
}
