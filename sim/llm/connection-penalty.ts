import type { SimulatorConfig } from '../config/index.js';
import { sampleKey } from '../random/index.js';
import { distributionOf } from './call-timing.js';

export interface ConnectionPenaltyRequest {
  config: SimulatorConfig;
  /** Whether this is the first request on its socket. */
  newConnection: boolean;
  key: string;
  detail: ReadonlyArray<string | number>;
}

/** Scenario ms of TCP + TLS setup charged to the first request on a new connection. */
export function connectionPenaltyMs(request: ConnectionPenaltyRequest): number {
  if (!request.newConnection) return 0;
  const { config, key, detail } = request;
  return distributionOf(config.connectionSetupMs).quantile(sampleKey({ seed: config.seed, what: 'connection-setup', key, detail }));
}
