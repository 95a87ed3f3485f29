// @ts-check
// The gateway's endpoints the page uses (docs/gateway.md). Same origin: the gateway serves this page.
// On loopback no key is needed; elsewhere open the page as `/?api_key=<key>`: fetches send it as a
// bearer token, and the live feed (EventSource cannot send headers) as the `api_key` query parameter.

const apiKey = new URLSearchParams(globalThis.location?.search ?? '').get('api_key') || undefined;

const withKey = (/** @type {string} */ path) => (apiKey === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(apiKey)}`);

export const endpoints = {
  /** SSE: a `snapshot` of the metrics about once a second, a `run` per finished request, `runs` (recent ones) at connection. */
  dashboardStream: withKey('/v1/dashboard/stream'),
  /** One finished run with its answer and spans. */
  run: (/** @type {string} */ runId) => `/v1/dashboard/runs/${encodeURIComponent(runId)}`,
  /** The agent's typed events as SSE. */
  agentRun: (/** @type {string} */ agent) => `/v1/agents/${encodeURIComponent(agent)}/runs`,
  /** Agents and models the gateway serves. */
  models: '/v1/models',
};

/**
 * Headers that carry the page's API key, if it was given one.
 * @returns {Record<string, string>}
 */
export function authHeaders() {
  return apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` };
}
