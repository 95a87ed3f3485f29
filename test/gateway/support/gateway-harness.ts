// Starts a gateway for a test: a configuration over scripted upstreams, injected requests (no socket)
// or a real listening socket, and cleanup.

import { inject, type InjectOptions, type Response as InjectResponse } from 'light-my-request';
import { parseGatewayConfig, type GatewayConfigInput } from '../../../src/config/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../../src/server/index.js';

export interface TestGateway {
  gateway: Gateway;
  inject(options: InjectOptions): Promise<InjectResponse>;
  /** Listens on 127.0.0.1:0 (once) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function startTestGateway(input: GatewayConfigInput, options: Omit<GatewayOptions, 'config'> = {}): TestGateway {
  const config = parseGatewayConfig(input, { source: 'test config', env: {} });
  const gateway = createGateway({ config, processMetrics: false, dashboardDirectory: '/nonexistent-dashboard', log: () => {}, ...options });
  let url: Promise<string> | undefined;
  return {
    gateway,
    inject: (injectOptions) => inject(gateway.listener, injectOptions),
    listen: () => (url ??= gateway.listen({ port: 0, host: '127.0.0.1' }).then((listening) => listening.url)),
    close: () => gateway.close({ graceMs: 1000 }),
  };
}

/** One OpenAI-compatible provider at `url` with a fast and a powerful model. */
export function upstreamConfig(url: string, extra: Partial<GatewayConfigInput> = {}): GatewayConfigInput {
  return {
    providers: { up: { type: 'openai-compatible', baseURL: `${url}/v1`, apiKey: 'upstream-key', retries: 0, warmConnections: 1 } },
    models: {
      'small-model': { provider: 'up', model: 'up-small', tier: 'fast' },
      'big-model': { provider: 'up', model: 'up-big', tier: 'powerful' },
    },
    ...extra,
  };
}

/** Parses an SSE body into its data payloads ([DONE] kept as the string). */
export function sseData(body: string): Array<Record<string, unknown> | '[DONE]'> {
  return body
    .split('\n\n')
    .map((event) => event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n'))
    .filter((data) => data !== '')
    .map((data) => (data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>)));
}

export const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'small-model', messages: [{ role: 'user', content: 'Say hello' }], ...extra });
