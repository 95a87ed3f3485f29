// A LanguageModel over Anthropic's Messages API.

import { z } from 'zod';
import type { LanguageModel, ModelCallOptions, ModelCallResult, ModelStreamPart } from '../../spec/index.js';
import { HotpathError, type HttpClient, type HttpResponse } from '../../util/index.js';
import { parseEventStream } from '../shared/event-stream.js';
import { generateModelCall, streamModelCall, type ModelCallSetup } from '../shared/model-call.js';
import type { ModelWarmUpOptions } from '../shared/model-warm-up-options.js';
import { convertToAnthropicMessages } from './convert-messages.js';
import { prepareAnthropicTools } from './convert-tools.js';
import { mapAnthropicStatusError } from './map-error.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { anthropicMessageSchema, toModelUsage } from './response-schemas.js';
import { AnthropicStreamParser } from './stream-parser.js';

export interface AnthropicModelConfig {
  provider: string;
  /** Base URL without a trailing slash, e.g. "https://api.anthropic.com/v1". */
  baseURL: string;
  /** Authentication, version and configured headers, worked out once. */
  headers: Readonly<Record<string, string>>;
  http: HttpClient;
  retries: number;
  timeoutMs: number | undefined;
  maxRetryAfterMs: number;
  /** `max_tokens` is required by the API; used when a call sets no `maxOutputTokens`. */
  defaultMaxTokens: number;
}

export class AnthropicLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #config: AnthropicModelConfig;
  readonly #setup: ModelCallSetup;
  readonly #url: string;

  constructor(modelId: string, config: AnthropicModelConfig) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.#config = config;
    this.#url = `${config.baseURL}/messages`;
    this.#setup = {
      provider: config.provider,
      system: 'anthropic',
      modelId,
      http: config.http,
      retries: config.retries,
      timeoutMs: config.timeoutMs,
      maxRetryAfterMs: config.maxRetryAfterMs,
      mapStatusError: (response, body) => mapAnthropicStatusError(config.provider, response, body),
    };
  }

  async stream(options: ModelCallOptions): Promise<AsyncIterable<ModelStreamPart>> {
    return streamModelCall({
      setup: this.#setup,
      call: options,
      request: { url: this.#url, method: 'POST', headers: this.#config.headers, json: this.#body(options, true) },
      parse: (response) =>
        parseEventStream({
          response,
          parser: new AnthropicStreamParser(this.provider),
          responseStart: { type: 'response-start', modelId: this.modelId, ...requestId(response) },
          provider: this.provider,
        }),
    });
  }

  async generate(options: ModelCallOptions): Promise<ModelCallResult> {
    return generateModelCall({
      setup: this.#setup,
      call: options,
      request: { url: this.#url, method: 'POST', headers: this.#config.headers, json: this.#body(options, false) },
      read: async (response) => this.#result(await response.json(), response),
    });
  }

  async warmUp(options: ModelWarmUpOptions = {}): Promise<void> {
    const { signal, connections = 1, headers = {} } = options;
    await this.#config.http.warm({
      origin: new URL(this.#url).origin,
      connections,
      path: `${new URL(this.#config.baseURL).pathname.replace(/\/$/, '')}/models`,
      headers: { ...this.#config.headers, ...headers },
      ...(signal === undefined ? {} : { signal }),
      timeoutMs: this.#config.timeoutMs ?? 10_000,
    });
    await this.generate({ messages: [{ role: 'user', content: 'ping' }], maxOutputTokens: 1, headers, ...(signal === undefined ? {} : { signal }) });
  }

  #body(options: ModelCallOptions, stream: boolean): Record<string, unknown> {
    const { system, messages } = convertToAnthropicMessages(options.messages);
    if (messages.length === 0) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${this.provider}: a model call needs at least one user or assistant message`);
    }
    return {
      model: this.modelId,
      max_tokens: options.maxOutputTokens ?? this.#config.defaultMaxTokens,
      ...(system === undefined ? {} : { system }),
      messages,
      ...prepareAnthropicTools(options.tools, options.toolChoice),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.user === undefined ? {} : { metadata: { user_id: options.user } }),
      stream,
    };
  }

  #result(json: unknown, response: HttpResponse): ModelCallResult {
    const parsed = anthropicMessageSchema.safeParse(json);
    if (!parsed.success) {
      throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${this.provider}: unexpected response: ${z.prettifyError(parsed.error)}`, {
        statusCode: response.statusCode,
      });
    }
    const message = parsed.data;
    const text = message.content.flatMap((block) => (block.type === 'text' && block.text ? [block.text] : [])).join('');
    const toolCalls = message.content.flatMap((block, index) =>
      block.type === 'tool_use'
        ? [{ id: block.id ?? `toolu_${index}`, name: block.name ?? '', input: JSON.stringify(block.input ?? {}) }]
        : [],
    );
    return {
      text,
      toolCalls,
      finishReason: mapAnthropicStopReason(message.stop_reason),
      usage: toModelUsage(message.usage),
      modelId: message.model ?? this.modelId,
    };
  }
}

function requestId(response: HttpResponse): { requestId?: string } {
  const id = response.headers['request-id'];
  return id === undefined ? {} : { requestId: id };
}
