// The Chat Completions request as the gateway checks it: the fields it acts on are typed and bounded,
// every other field is kept as is (a proxied request reaches the provider untouched). A bad field is
// a 400 that names it, e.g. `messages[2].tool_call_id`.

import { z } from 'zod';
import type { GatewayConfig } from '../../config/index.js';
import { formatPath } from '../../config/index.js';
import { badRequest, type GatewayHttpError } from '../http/gateway-http-error.js';

const text = z.string({ error: 'must be a string' });
const contentPart = z.looseObject({ type: z.string({ error: 'must name the part type' }) });
const content = z.union([text, z.array(contentPart)], { error: 'must be a string or an array of content parts' });

const toolCall = z.looseObject({
  id: z.string({ error: 'must be the tool call id (a string)' }),
  type: z.literal('function', { error: 'must be "function"' }).optional(),
  function: z.looseObject({ name: z.string({ error: 'must be the function name' }), arguments: z.string({ error: 'must be the arguments as a JSON string' }) }),
});

const message = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.literal('system'), content }),
    z.looseObject({ role: z.literal('developer'), content }),
    z.looseObject({ role: z.literal('user'), content }),
    z.looseObject({ role: z.literal('assistant'), content: content.nullable().optional(), tool_calls: z.array(toolCall).nullable().optional() }),
    z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string({ error: 'must be the id of the tool call this answers' }) }),
  ],
  { error: 'must be one of system, developer, user, assistant, tool' },
);

const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

const tool = z.looseObject({
  type: z.literal('function', { error: 'must be "function"' }),
  function: z.looseObject({
    name: functionName,
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).optional(),
  }),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: functionName }) }),
], { error: 'must be "none", "auto", "required" or { type: "function", function: { name } }' });

const optionalNumber = (schema: z.ZodNumber) => schema.nullable().optional();

export function chatRequestSchema(limits: GatewayConfig['limits']) {
  return z.looseObject({
    model: z.string({ error: 'is required: the model or agent name' }).min(1, 'must not be empty'),
    messages: z.array(message, { error: 'is required: an array of messages' }).min(1, 'must hold at least one message').max(limits.maxMessages, `must hold at most ${limits.maxMessages} messages`),
    stream: z.boolean({ error: 'must be true or false' }).nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    max_tokens: optionalNumber(z.number().int('must be an integer').positive('must be positive').max(limits.maxOutputTokens, `must be at most ${limits.maxOutputTokens}`)),
    max_completion_tokens: optionalNumber(z.number().int('must be an integer').positive('must be positive').max(limits.maxOutputTokens, `must be at most ${limits.maxOutputTokens}`)),
    temperature: optionalNumber(z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2')),
    top_p: optionalNumber(z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')),
    n: optionalNumber(z.number().int().min(1, 'must be at least 1').max(8, 'must be at most 8')),
    user: z.string({ error: 'must be a string' }).max(256, 'must be at most 256 characters').nullable().optional(),
    tools: z.array(tool, { error: 'must be an array of function tools' }).max(limits.maxTools, `must hold at most ${limits.maxTools} tools`).nullable().optional(),
    tool_choice: toolChoice.nullable().optional(),
  });
}

export type ChatRequest = z.output<ReturnType<typeof chatRequestSchema>>;
export type ChatMessage = ChatRequest['messages'][number];

/** A checker built once per configuration. */
export function createChatRequestParser(limits: GatewayConfig['limits']): (body: unknown) => ChatRequest {
  const schema = chatRequestSchema(limits);
  return (body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object', undefined, 'invalid_body');
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw fieldError(parsed.error);
  };
}

export function fieldError(error: z.ZodError): GatewayHttpError {
  const issue = error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const param = formatPath(keys.length > 0 ? [...issue.path, keys[0]!] : issue.path);
  return badRequest(`${param}: ${issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message}`, param);
}
