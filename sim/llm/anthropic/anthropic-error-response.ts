import type { ErrorResponse, LlmError } from '../llm-protocol.js';

/** Errors in the Anthropic shape: `{type: 'error', error: {type, message}}`. */
export function anthropicErrorResponse(error: LlmError): ErrorResponse {
  switch (error.kind) {
    case 'invalid-request':
      return body(400, 'invalid_request_error', error.message);
    case 'request-too-large':
      return body(413, 'request_too_large', error.message);
    case 'model-not-found':
      return body(404, 'not_found_error', `model: ${error.model}`);
    case 'path-not-found':
      return body(404, 'not_found_error', `Not Found (${error.method} ${error.path})`);
    case 'rate-limit':
      return body(429, 'rate_limit_error', error.message);
    case 'server-error':
      return error.overloaded ? body(529, 'overloaded_error', 'Overloaded') : body(500, 'api_error', error.message);
  }
}

function body(status: number, type: string, message: string): ErrorResponse {
  return { status, body: { type: 'error', error: { type, message } } };
}
