import * as simulatorModule from '../../sim/index.js';
import type { Simulator, SimulatorConfigInput } from '../../sim/index.js';
import { HotpathError } from '../../src/index.js';

type StartSimulator = (options: { config?: SimulatorConfigInput }) => Promise<Simulator>;

/** Starts the simulator with a scenario's configuration. */
export async function startScenarioSimulator(config: SimulatorConfigInput): Promise<Simulator> {
  const start = (simulatorModule as unknown as { startSimulator?: StartSimulator }).startSimulator;
  if (typeof start !== 'function') {
    throw new HotpathError('HOTPATH_INTERNAL', 'the simulator does not export startSimulator() yet (sim/index.ts)');
  }
  return start({ config });
}
