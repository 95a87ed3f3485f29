// Turns whatever a tool threw into a HotpathError the model can read, and decides whether an error
// says something about the upstream's health (for its circuit breaker).

import { HotpathError } from '../util/index.js';

/** The error a call ended with; an aborted signal's reason wins over what the tool threw. */
export function toToolError(error: unknown, toolName: string, signal?: AbortSignal): HotpathError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (HotpathError.isInstance(reason)) return reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    return new HotpathError('HOTPATH_ABORTED', `tool '${toolName}' was aborted: ${message}`, { cause: reason, isRetryable: false });
  }
  if (HotpathError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HotpathError('HOTPATH_TOOL_ERROR', `tool '${toolName}' failed: ${message}`, { cause: error, isRetryable: false, details: { tool: toolName } });
}

/**
 * true: the upstream failed (timeouts, 5xx, 429, connection errors, unexpected throws);
 * false: it answered (a 4xx about this request, a bad output shape);
 * undefined: no verdict (our caller gave up or the run's deadline passed).
 */
export function isUpstreamFailure(error: HotpathError): boolean | undefined {
  switch (error.code) {
    case 'HOTPATH_ABORTED':
    case 'HOTPATH_DEADLINE_EXCEEDED':
    case 'HOTPATH_CIRCUIT_OPEN':
    case 'HOTPATH_CONCURRENCY_LIMIT':
      return undefined;
    case 'HOTPATH_INVALID_ARGUMENT':
    case 'HOTPATH_TOOL_INPUT_INVALID':
    case 'HOTPATH_TOOL_OUTPUT_INVALID':
      return false;
    default: {
      const status = error.statusCode;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408) return false;
      return true;
    }
  }
}

/** The `{code, message}` a result and a record carry. */
export function errorSummary(error: HotpathError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}
