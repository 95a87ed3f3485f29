// Scale-to-zero: a model deployment that has seen no traffic for `coldStart.afterIdleMs` must load
// again before it answers. Tracked per (namespace, provider, model), so every agent under test meets
// its own cold start. Calls arriving while the model is still loading wait for the rest of the load.

import type { SimClock } from '../clock/index.js';
import type { SimulatorConfig } from '../config/index.js';
import { sampleKey } from '../random/index.js';
import { distributionOf, modelProfileOf } from './call-timing.js';

export interface ColdStartCall {
  namespace: string;
  provider: string;
  model: string;
  key: string;
  turn: number;
}

interface DeploymentState {
  /** Wall ms of the last arrival or completion. */
  lastActivityAt: number;
  /** Wall ms at which the current load finishes. */
  readyAt: number;
}

export class ColdStartTracker {
  private readonly deployments = new Map<string, DeploymentState>();

  constructor(private readonly config: SimulatorConfig, private readonly clock: SimClock) {}

  /** Registers an arriving call; returns the scenario ms it waits for the model to load. */
  admit(call: ColdStartCall): number {
    const { coldStart } = modelProfileOf(this.config, call.model);
    const id = deploymentId(call);
    const now = this.clock.now();
    const state = this.deployments.get(id);
    if (!state || (now - state.lastActivityAt) / this.clock.timeScale > coldStart.afterIdleMs) {
      const penaltyMs = distributionOf(coldStart.penaltyMs).quantile(
        sampleKey({ seed: this.config.seed, what: 'cold-start', key: call.key, detail: [call.model, call.turn, call.provider] }),
      );
      this.deployments.set(id, { lastActivityAt: now, readyAt: now + this.clock.toWall(penaltyMs) });
      return penaltyMs;
    }
    state.lastActivityAt = now;
    return state.readyAt > now ? (state.readyAt - now) / this.clock.timeScale : 0;
  }

  /** Marks activity at the end of a call, so a long answer keeps the model warm. */
  touch(call: Pick<ColdStartCall, 'namespace' | 'provider' | 'model'>): void {
    const state = this.deployments.get(deploymentId(call));
    if (state) state.lastActivityAt = Math.max(state.lastActivityAt, this.clock.now());
  }
}

function deploymentId(call: Pick<ColdStartCall, 'namespace' | 'provider' | 'model'>): string {
  return `${call.namespace}\u241f${call.provider}\u241f${call.model}`;
}
