// An HTTP API as a tool, declared without code: a method, a URL template and an input schema. The
// request goes through undici on the pool the runtime passes in, carries the run's abort signal and
// request id, and non-2xx answers become HotpathErrors with the status and the upstream's message.

import { request } from 'undici';
import type { Tool } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import { httpStatusError, httpTransportError } from './http-error.js';
import { checkHttpToolConfig, toZodSchema, type CheckedHttpToolConfig, type HttpMethod, type HttpToolDefinition } from './http-tool-config.js';
import { templateKeys } from '../util/index.js';
import { inputJsonSchema } from './to-model-declaration.js';
import { tool, type ToolExecutionContext } from './tool.js';

interface RequestPlan {
  /** The URL template as declared, and what relative templates resolve against. */
  template: string;
  baseUrl: string | undefined;
  method: HttpMethod;
  pathKeys: string[];
  queryKeys: Set<string>;
  restInQuery: boolean;
}

function invalid(toolName: string, field: string, problem: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `http tool '${toolName}': ${field} ${problem}`, { details: { tool: toolName, option: field } });
}

function planRequest(config: CheckedHttpToolConfig, inputKeys: Set<string>): RequestPlan {
  let url: URL;
  try {
    url = new URL(config.url.replaceAll(/[{}]/g, ''), config.baseUrl);
  } catch {
    throw invalid(config.name, 'url', `is not a valid URL${config.baseUrl ? ` relative to ${config.baseUrl}` : ' (use an absolute URL or set baseUrl)'}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(config.name, 'url', 'must use http or https');
  const pathKeys = templateKeys(config.url);
  for (const key of [...pathKeys, ...(config.query ?? [])]) {
    const field = pathKeys.includes(key) ? 'url' : 'query';
    if (!inputKeys.has(key)) throw invalid(config.name, field, `names '${key}', which is not an input field (fields: ${[...inputKeys].join(', ') || 'none'})`);
  }
  const method = config.method;
  return { template: config.url, baseUrl: config.baseUrl, method, pathKeys, queryKeys: new Set(config.query), restInQuery: method === 'GET' || method === 'HEAD' || method === 'DELETE' };
}

function queryValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(queryValue);
  if (value === undefined || value === null) return [];
  return [typeof value === 'object' ? JSON.stringify(value) : String(value)];
}

/** Where each input field goes: the path, the query string or the JSON body. */
function buildRequest(plan: RequestPlan, toolName: string, input: Record<string, unknown>): { url: string; body: string | undefined } {
  let path = plan.template;
  for (const key of plan.pathKeys) {
    const value = input[key];
    if (value === undefined || value === null || value === '') {
      throw new HotpathError('HOTPATH_TOOL_INPUT_INVALID', `${toolName}: ${key} is needed in the URL but has no value`, { details: { tool: toolName, field: key } });
    }
    path = path.replaceAll(`{${key}}`, encodeURIComponent(String(value)));
  }
  const url = new URL(path, plan.baseUrl);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (plan.pathKeys.includes(key)) continue;
    if (plan.queryKeys.has(key) || plan.restInQuery) for (const item of queryValue(value)) url.searchParams.append(key, item);
    else if (value !== undefined) body[key] = value;
  }
  return { url: url.toString(), body: plan.restInQuery ? undefined : JSON.stringify(body) };
}

function readJson(toolName: string, text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new HotpathError('HOTPATH_TOOL_ERROR', `${toolName}: the upstream answered with invalid JSON`, { isRetryable: false, details: { tool: toolName } });
  }
}

/**
 * Declares an HTTP tool. `readOnly` defaults to true for GET and HEAD, `idempotent` to true for GET,
 * HEAD, PUT and DELETE. Side-effecting calls carry an `idempotency-key` (request id + call id) so the
 * upstream can recognise a repeat.
 */
export function httpTool<Input = Record<string, unknown>, Output = unknown>(definition: HttpToolDefinition<Input, Output>): Tool<Input, Output> {
  const config = checkHttpToolConfig(definition);
  const inputSchema = toZodSchema(config.name, 'input', config.input);
  const outputSchema = config.output === undefined ? undefined : toZodSchema(config.name, 'output', config.output);
  let inputJson: Record<string, unknown>;
  try {
    inputJson = inputJsonSchema(inputSchema);
  } catch (error) {
    throw invalid(config.name, 'input', `cannot be expressed as JSON Schema: ${(error as Error).message}`);
  }
  if (inputJson.type !== 'object') throw invalid(config.name, 'input', 'must describe an object (models send tool arguments as a JSON object)');
  const inputKeys = new Set(Object.keys((inputJson.properties as Record<string, unknown> | undefined) ?? {}));
  const plan = planRequest(config, inputKeys);
  const { method } = plan;
  const readOnly = config.readOnly ?? (method === 'GET' || method === 'HEAD');
  const idempotent = config.idempotent ?? (readOnly || method === 'PUT' || method === 'DELETE');
  const { dispatcher, headers: staticHeaders = {} } = config;

  const execute = async (input: Input, context: ToolExecutionContext): Promise<Output> => {
    const { url, body } = buildRequest(plan, config.name, input as Record<string, unknown>);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...staticHeaders,
      'x-request-id': context.requestId,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(!readOnly && context.callId ? { 'idempotency-key': `${context.requestId}:${context.callId}` } : {}),
    };
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, { method, headers, body, signal: context.signal, ...(dispatcher ? { dispatcher } : {}) });
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      throw httpTransportError(error, config.name);
    }
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw httpStatusError({ toolName: config.name, method, statusCode: response.statusCode, bodyText: text, ...(response.headers['retry-after'] === undefined ? {} : { retryAfter: response.headers['retry-after'] }) });
    }
    return readJson(config.name, text) as Output;
  };

  const { url: _url, baseUrl: _baseUrl, method: _method, input: _input, output: _output, headers: _headers, query: _query, dispatcher: _dispatcher, ...metadata } = config;
  return tool<Input, Output>({
    ...metadata,
    readOnly,
    idempotent,
    inputSchema: inputSchema as Tool<Input, Output>['inputSchema'],
    ...(outputSchema ? { outputSchema: outputSchema as NonNullable<Tool<Input, Output>['outputSchema']> } : {}),
    execute,
  });
}
