import type { ErrorResponse, LlmError } from '../llm-protocol.js';

/** Errors in the OpenAI shape: `{error: {message, type, param, code}}`. */
export function openAiErrorResponse(error: LlmError): ErrorResponse {
  switch (error.kind) {
    case 'invalid-request':
      return body(400, error.message, 'invalid_request_error', error.param ?? null, null);
    case 'request-too-large':
      return body(413, error.message, 'invalid_request_error', null, null);
    case 'model-not-found':
      return body(404, `The model \`${error.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
    case 'path-not-found':
      return body(404, `Invalid URL (${error.method} ${error.path})`, 'invalid_request_error', null, null);
    case 'rate-limit':
      return body(429, error.message, 'requests', null, 'rate_limit_exceeded');
    case 'server-error':
      return body(500, error.message, 'server_error', null, null);
  }
}

function body(status: number, message: string, type: string, param: string | null, code: string | null): ErrorResponse {
  return { status, body: { error: { message, type, param, code } } };
}
