// @ts-check
// The gateway's endpoints the page uses (docs/gateway.md). Same origin: the gateway serves this page.

export const endpoints = {
  /** SSE: metric snapshots about once a second and each finished run with its spans. */
  dashboardStream: '/v1/dashboard/stream',
  /** One finished run with its answer and spans. */
  run: (/** @type {string} */ runId) => `/v1/dashboard/runs/${encodeURIComponent(runId)}`,
  /** The agent's typed events as SSE. */
  agentRun: (/** @type {string} */ agent) => `/v1/agents/${encodeURIComponent(agent)}/runs`,
  /** Agents and models the gateway serves. */
  models: '/v1/models',
};
