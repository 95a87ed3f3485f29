import { startSimulator, type Simulator, type SimulatorConfigInput } from '../../sim/index.js';

/** Starts the simulator with a scenario's configuration. */
export function startScenarioSimulator(config: SimulatorConfigInput): Promise<Simulator> {
  return startSimulator({ config });
}
