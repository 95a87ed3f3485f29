import { startSimulator, type Simulator, type SimulatorConfigInput } from '../../sim/index.js';

/**
 * Starts the simulator with a scenario's configuration. Data changes are announced on Redis (as real
 * systems announce them) on a channel of this run's own, so agents with caches can subscribe;
 * `HOTPATH_BENCH_REDIS_URL` points elsewhere, and a scenario that names its own Redis keeps it.
 */
export function startScenarioSimulator(config: SimulatorConfigInput): Promise<Simulator> {
  const mutations = config.mutations ?? {};
  const redisUrl = mutations.redisUrl ?? process.env.HOTPATH_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisChannel = mutations.redisUrl === undefined ? `hotpath-bench:${process.pid}:${Date.now()}:changes` : mutations.redisChannel;
  return startSimulator({ config: { ...config, mutations: { ...mutations, redisUrl, ...(redisChannel === undefined ? {} : { redisChannel }) } } });
}
