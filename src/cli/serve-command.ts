// `hotpath serve` / `hotpath start`: the gateway on a configuration file, or on the embedded default
// (the caller supplies it: the simulator and its configuration live outside src/). With --workers N
// the primary process resolves the configuration once and node:cluster workers share the port;
// SIGTERM/SIGINT drain in-flight requests within the grace period, then exit.

import cluster, { type Worker } from 'node:cluster';
import type { Writable } from 'node:stream';
import { loadGatewayConfig, parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from '../config/index.js';
import { createGateway, type Gateway } from '../server/index.js';
import { HotpathError } from '../util/index.js';
import { createClusterWorkerBus, relayClusterNotices } from './cluster-bus.js';

export interface ServeCommandOptions {
  config?: string;
  port?: number;
  host?: string;
  workers?: number;
}

/** The configuration to run without a file, and what it needs started and stopped. */
export interface EmbeddedGatewayDefault {
  config: GatewayConfigInput;
  /** Told the gateway's URL once it listens (e.g. to send change events to its webhook). */
  connectWebhook?(gatewayUrl: string): Promise<void>;
  /** Lines printed under the gateway's URLs (what runs behind it). */
  describe?(): string[];
  /** A question the default agent can answer, for the printed example. */
  example?: { user: string; question: string };
  close(): Promise<void>;
}

export interface ServeDependencies {
  /** Starts the embedded default; without it, --config is required. */
  embeddedDefault?: (options: { port?: number; host?: string }) => Promise<EmbeddedGatewayDefault>;
  output?: Writable;
  /** Stop on SIGTERM/SIGINT and exit the process (default true). */
  handleSignals?: boolean;
}

export interface RunningGateway {
  url: string;
  gateway: Gateway | undefined;
  stop(): Promise<void>;
}

/** Environment variable carrying the resolved configuration from the primary to cluster workers. */
const workerConfigVariable = 'HOTPATH_GATEWAY_CONFIG_JSON';

function withOverrides(config: GatewayConfig, options: ServeCommandOptions): GatewayConfigInput {
  return {
    ...config,
    server: {
      ...config.server,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    },
  };
}

function checkNumberOption(name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= minimum)) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `--${name} must be an integer of at least ${minimum} (got ${String(value)})`, { details: { option: name } });
  }
}

export async function runServeCommand(options: ServeCommandOptions, dependencies: ServeDependencies = {}): Promise<RunningGateway> {
  checkNumberOption('port', options.port, 0);
  checkNumberOption('workers', options.workers, 1);
  const output = dependencies.output ?? process.stdout;
  const print = (line = '') => output.write(`${line}\n`);
  if (cluster.isWorker && process.env[workerConfigVariable] !== undefined) return runWorker(JSON.parse(process.env[workerConfigVariable]!) as GatewayConfigInput);

  let embedded: EmbeddedGatewayDefault | undefined;
  let config: GatewayConfig;
  if (options.config !== undefined) {
    config = parseGatewayConfig(withOverrides(loadGatewayConfig(options.config), options), { source: options.config });
  } else {
    if (dependencies.embeddedDefault === undefined) throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'no --config given and no embedded default available', { details: { option: 'config' } });
    embedded = await dependencies.embeddedDefault({ ...(options.port === undefined ? {} : { port: options.port }), ...(options.host === undefined ? {} : { host: options.host }) });
    try {
      config = parseGatewayConfig(embedded.config, { source: 'embedded default' });
      config = parseGatewayConfig(withOverrides(config, options), { source: 'embedded default' });
    } catch (error) {
      await embedded.close();
      throw error;
    }
  }

  let running: RunningGateway;
  try {
    running = config.server.workers > 1 ? await runPrimary(config) : await runSingle(config);
  } catch (error) {
    await embedded?.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `port ${config.server.port} on ${config.server.host} is in use: pass --port (0 picks a free one)`, { details: { option: 'port' }, cause: error });
    }
    throw error;
  }
  const stop = async () => {
    await running.stop();
    await embedded?.close();
  };
  try {
    await embedded?.connectWebhook?.(running.url);
  } catch (error) {
    await stop();
    throw error;
  }
  print(`hotpath gateway listening on ${running.url}${config.server.workers > 1 ? ` (${config.server.workers} workers)` : ''}`);
  print(`  dashboard:  ${running.url}/`);
  print(`  metrics:    ${running.url}/metrics    readiness: ${running.url}/readyz`);
  for (const line of embedded?.describe?.() ?? []) print(`  ${line}`);
  const agent = config.defaultAgent ?? Object.keys(config.agents)[0];
  const model = agent === undefined ? Object.keys(config.models)[0] : 'hotpath';
  if (model !== undefined) {
    print();
    print('Try it:');
    print(`  curl -N ${running.url}/v1/chat/completions -H 'content-type: application/json' \\`);
    const example = embedded?.example ?? { user: 'u0042', question: 'What is the status of INC-1001?' };
    const body = JSON.stringify({ model, stream: true, user: example.user, messages: [{ role: 'user', content: example.question }] });
    print(`    -d '${body.replaceAll("'", "'\\''")}'`);
    print(`  OpenAI SDKs: baseURL ${running.url}/v1`);
  }
  if (config.server.workers > 1 && config.cache.store === 'memory') print('Note: each worker has its own in-memory cache (invalidations reach all of them); set cache.store: redis to share entries.');

  if (dependencies.handleSignals ?? true) {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      print(`${signal}: finishing running requests (up to ${config.server.shutdownGraceMs} ms)…`);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url: running.url, gateway: running.gateway, stop };
}

async function runSingle(config: GatewayConfig): Promise<RunningGateway> {
  const gateway = createGateway({ config });
  const { url } = await gateway.listen();
  void gateway.warmUp();
  return { url, gateway, stop: () => gateway.close() };
}

/** A cluster worker: the primary's configuration, the shared port, SIGTERM drains and exits. */
async function runWorker(input: GatewayConfigInput): Promise<RunningGateway> {
  const config = parseGatewayConfig(input, { source: 'primary process' });
  // In-memory caches hear every worker's invalidations through the primary (Redis does it otherwise).
  const gateway = createGateway({ config, ...(config.cache.store === 'memory' ? { runtimeOptions: { bus: createClusterWorkerBus() } } : {}) });
  const { url } = await gateway.listen();
  void gateway.warmUp();
  process.send?.({ type: 'hotpath-listening', url });
  // Ctrl-C reaches the whole process group: the primary coordinates the stop, workers wait for its SIGTERM.
  process.on('SIGINT', () => {});
  process.once('SIGTERM', () => {
    gateway.close().finally(() => process.exit(0));
  });
  return { url, gateway, stop: () => gateway.close() };
}

async function runPrimary(config: GatewayConfig): Promise<RunningGateway> {
  const env = { [workerConfigVariable]: JSON.stringify(config) };
  const workers: Worker[] = [];
  let running = false;
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    relayClusterNotices(() => workers, worker);
    worker.on('exit', () => {
      // A worker that dies outside shutdown is replaced, so the port keeps its capacity.
      const index = workers.indexOf(worker);
      if (running && !stopping && index >= 0) workers[index] = fork();
    });
    return worker;
  };
  for (let index = 0; index < config.server.workers; index++) workers.push(fork());
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
  const listening = Promise.all(
    workers.map(
      (worker) =>
        new Promise<string>((resolve, reject) => {
          worker.once('exit', (code) => reject(new HotpathError('HOTPATH_INTERNAL', `a gateway worker exited during start-up (code ${code})`)));
          worker.on('message', (message: { type?: string; url?: string }) => {
            if (message?.type === 'hotpath-listening' && typeof message.url === 'string') resolve(message.url);
          });
        }),
    ),
  );
  let urls: string[];
  try {
    urls = await listening;
  } catch (error) {
    // A worker that cannot start would fail again: stop the others instead of restarting it forever.
    await stopAll();
    throw error;
  }
  running = true;
  return { url: urls[0]!, gateway: undefined, stop: stopAll };
}
