import { HotpathError } from '../../src/index.js';
import type { Scenario } from './scenario-schema.js';

/** Command-line values that win over the scenario file. */
export interface ScenarioOverrides {
  requests?: number;
  /** Closed loop with this many concurrent users per agent. */
  concurrency?: number;
  /** Open loop with Poisson arrivals at this rate (scenario seconds); wins over `concurrency`. */
  ratePerSecond?: number;
  timeScale?: number;
  /** Seed of the workload and of every simulator sample. */
  seed?: number | string;
}

/** Returns a copy of the scenario with the overrides applied; rejects bad values by option name. */
export function applyScenarioOverrides<S extends Scenario>(scenario: S, overrides: ScenarioOverrides): S {
  const { requests, concurrency, ratePerSecond, timeScale, seed } = overrides;
  if (requests !== undefined) requirePositive('requests', requests, { integer: true });
  if (concurrency !== undefined) requirePositive('concurrency', concurrency, { integer: true });
  if (ratePerSecond !== undefined) requirePositive('rate', ratePerSecond, { integer: false });
  if (timeScale !== undefined) requirePositive('timeScale', timeScale, { integer: false });
  if (seed !== undefined && (typeof seed === 'number' ? !Number.isInteger(seed) : seed === '')) {
    throw invalid('seed', seed, 'an integer or a non-empty string');
  }

  const arrival =
    ratePerSecond !== undefined
      ? { mode: 'open' as const, ratePerSecond }
      : concurrency !== undefined
        ? { mode: 'closed' as const, concurrency }
        : scenario.workload.arrival;
  return {
    ...scenario,
    simulator: {
      ...scenario.simulator,
      ...(timeScale === undefined ? {} : { timeScale }),
      ...(seed === undefined ? {} : { seed }),
    },
    workload: {
      ...scenario.workload,
      ...(requests === undefined ? {} : { requests }),
      arrival,
    },
  };
}

function requirePositive(option: string, value: number, { integer }: { integer: boolean }): void {
  const ok = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) throw invalid(option, value, integer ? 'a positive integer' : 'a positive number');
}

function invalid(option: string, value: unknown, expected: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `${option}: expected ${expected}, got ${String(value)}`, {
    details: { option, value },
  });
}
