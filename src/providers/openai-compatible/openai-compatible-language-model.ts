// A LanguageModel over the Chat Completions wire protocol (OpenAI, Azure OpenAI, vLLM, Ollama,
// llama.cpp server, Groq, Together...).

import { z } from 'zod';
import type { LanguageModel, ModelCallOptions, ModelCallResult, ModelStreamPart } from '../../spec/index.js';
import { HotpathError, type HttpClient, type HttpResponse } from '../../util/index.js';
import { parseEventStream } from '../shared/event-stream.js';
import { generateModelCall, streamModelCall, type ModelCallSetup } from '../shared/model-call.js';
import type { ModelWarmUpOptions } from '../shared/model-warm-up-options.js';
import { convertToOpenAIMessages } from './convert-messages.js';
import { prepareOpenAITools } from './convert-tools.js';
import { mapOpenAIStatusError } from './map-error.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { argumentsText, chatCompletionSchema, toModelUsage } from './response-schemas.js';
import { OpenAIStreamParser } from './stream-parser.js';

export interface OpenAICompatibleModelConfig {
  provider: string;
  /** Base URL without a trailing slash. */
  baseURL: string;
  /** Query string for every request ("" or "?api-version=..."). */
  query: string;
  /** Authentication and configured headers, worked out once. */
  headers: Readonly<Record<string, string>>;
  http: HttpClient;
  retries: number;
  timeoutMs: number | undefined;
  maxRetryAfterMs: number;
  includeUsage: boolean;
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

export class OpenAICompatibleLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #config: OpenAICompatibleModelConfig;
  readonly #setup: ModelCallSetup;
  readonly #url: string;

  constructor(modelId: string, config: OpenAICompatibleModelConfig) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.#config = config;
    this.#url = `${config.baseURL}/chat/completions${config.query}`;
    this.#setup = {
      provider: config.provider,
      system: 'openai',
      modelId,
      http: config.http,
      retries: config.retries,
      timeoutMs: config.timeoutMs,
      maxRetryAfterMs: config.maxRetryAfterMs,
      mapStatusError: (response, body) => mapOpenAIStatusError(config.provider, response, body),
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
          parser: new OpenAIStreamParser(this.provider),
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
    // Any cheap request opens a connection; the model list exists on every compatible server.
    await this.#config.http.warm({
      origin: new URL(this.#url).origin,
      connections,
      path: `${new URL(this.#config.baseURL).pathname.replace(/\/$/, '')}/models${this.#config.query}`,
      headers: { ...this.#config.headers, ...headers },
      ...(signal === undefined ? {} : { signal }),
      timeoutMs: this.#config.timeoutMs ?? 10_000,
    });
    // One token from the model itself, so a scaled-to-zero deployment is up before the first user.
    await this.generate({ messages: [{ role: 'user', content: 'ping' }], maxOutputTokens: 1, headers, ...(signal === undefined ? {} : { signal }) });
  }

  #body(options: ModelCallOptions, stream: boolean): Record<string, unknown> {
    if (options.messages.length === 0) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${this.provider}: a model call needs at least one message`);
    }
    return {
      model: this.modelId,
      messages: convertToOpenAIMessages(options.messages),
      stream,
      ...(stream && this.#config.includeUsage ? { stream_options: { include_usage: true } } : {}),
      ...prepareOpenAITools(options.tools, options.toolChoice),
      ...(options.maxOutputTokens === undefined ? {} : { [this.#config.maxTokensField]: options.maxOutputTokens }),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.user === undefined ? {} : { user: options.user }),
    };
  }

  #result(json: unknown, response: HttpResponse): ModelCallResult {
    const parsed = chatCompletionSchema.safeParse(json);
    if (!parsed.success) {
      throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${this.provider}: unexpected response: ${z.prettifyError(parsed.error)}`, {
        statusCode: response.statusCode,
      });
    }
    const completion = parsed.data;
    const choice = completion.choices[0]!;
    const toolCalls = (choice.message.tool_calls ?? []).map((call, index) => ({
      id: call.id ?? `call_${index}`,
      name: call.function.name,
      input: argumentsText(call.function.arguments) || '{}',
    }));
    return {
      text: choice.message.content ?? '',
      toolCalls,
      finishReason: mapOpenAIFinishReason(choice.finish_reason, toolCalls.length > 0),
      usage: toModelUsage(completion.usage),
      modelId: completion.model ?? this.modelId,
    };
  }
}

function requestId(response: HttpResponse): { requestId?: string } {
  const id = response.headers['x-request-id'];
  return id === undefined ? {} : { requestId: id };
}
