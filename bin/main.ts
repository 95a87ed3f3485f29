// The `hotpath` command. Each subcommand's module is loaded only when it runs, so `hotpath serve`
// never loads the simulator or the benchmark (and the product never imports them).
import { Command } from 'commander';

const program = new Command('hotpath').description('Makes AI agents answer fast.');

program
  .command('simulate')
  .description('Run the backend simulator: LLM providers (OpenAI and Anthropic wire protocols) and tool APIs.')
  .allowUnknownOption(false)
  .option('--scenario <name-or-file>', 'scenario whose simulator section to use', 'seed')
  .option('--time-scale <factor>', 'multiply every simulated delay (1 = real time)', parseFloat)
  .option('--seed <n>', 'seed for data and samples')
  .option('--port <n>', 'port of the first provider (the rest follow)', (value) => Number.parseInt(value, 10))
  .option('--webhook <url...>', 'POST every data change to these URLs')
  .option('--redis <url>', 'PUBLISH every data change on Redis')
  .option('--mutation-rate <perSecond>', 'background data changes per scenario second', parseFloat)
  .action(async (options) => {
    const { runSimulateCommand } = await import('../sim/cli/simulate-command.js');
    await runSimulateCommand(options);
  });

program
  .command('bench')
  .description('Run agents side by side on a scenario and report latency, correctness and backend calls.')
  .option('--scenario <name-or-file>', 'scenario name (scenarios/<name>.yaml) or file', 'seed')
  .option('--agents <list>', 'comma-separated agents to compare (first is the reference for ratios)', 'baseline,ai-sdk,langgraph')
  .option('--requests <n>', 'number of workload requests', (value) => Number.parseInt(value, 10))
  .option('--concurrency <n>', 'closed loop: concurrent users per agent', (value) => Number.parseInt(value, 10))
  .option('--rate <perSecond>', 'open loop: Poisson arrivals per scenario second (overrides concurrency)', parseFloat)
  .option('--time-scale <factor>', 'multiply every simulated delay (1 = real time)', parseFloat)
  .option('--seed <n>', 'seed for the workload and the simulator', (value) => Number.parseInt(value, 10))
  .option('--json <file>', 'write results as JSON')
  .option('--report <file>', 'write a Markdown report with SVG charts')
  .option('--no-progress', 'no progress bar')
  .action(async (options) => {
    const { runBenchCommand } = await import('../bench/cli/bench-command.js');
    await runBenchCommand(options);
  });

const parseInteger = (value: string) => Number.parseInt(value, 10);

/** A product error (bad option, bad configuration, port in use) is a message and exit code 1, not a stack. */
function withProductErrors<Options>(action: (options: Options) => Promise<void>): (options: Options) => Promise<void> {
  return async (options) => {
    try {
      await action(options);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('HOTPATH_')) throw error;
      process.stderr.write(`hotpath: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
}

program
  .command('serve')
  .description('Run the OpenAI-compatible gateway (on --config, or on the embedded default over the simulator).')
  .option('--config <file>', 'gateway configuration (YAML or JSON); without it the embedded default runs')
  .option('--port <n>', 'port (default 8700, 0 picks a free one)', parseInteger)
  .option('--host <address>', 'address to listen on (default 127.0.0.1)')
  .option('--workers <n>', 'worker processes sharing the port (node:cluster)', parseInteger)
  .option('--time-scale <factor>', 'embedded default only: multiply every simulated delay', parseFloat)
  .action(withProductErrors(async (options: { config?: string; port?: number; host?: string; workers?: number; timeScale?: number }) => {
    const { runServeCommand } = await import('../src/cli/index.js');
    const { embeddedGatewayDefault } = await import('./embedded-default.js');
    await runServeCommand(options, { embeddedDefault: (listen) => embeddedGatewayDefault({ ...listen, ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }) }) });
  }));

program
  .command('start')
  .description('Run hotpath on the embedded default: the gateway and its dashboard over the simulator (no configuration, no keys).')
  .option('--port <n>', 'port (default 8700, 0 picks a free one)', parseInteger)
  .option('--time-scale <factor>', 'multiply every simulated delay (1 = real time)', parseFloat)
  .action(withProductErrors(async (options: { port?: number; timeScale?: number }) => {
    const { runServeCommand } = await import('../src/cli/index.js');
    const { embeddedGatewayDefault } = await import('./embedded-default.js');
    await runServeCommand(options.port === undefined ? {} : { port: options.port }, {
      embeddedDefault: (listen) => embeddedGatewayDefault({ ...listen, ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }) }),
    });
  }));

program
  .command('init')
  .description('Write a commented example gateway configuration.')
  .option('--file <path>', 'where to write', 'hotpath.yaml')
  .option('--force', 'replace an existing file')
  .action(withProductErrors(async (options: { file?: string; force?: boolean }) => {
    const { runInitCommand } = await import('../src/cli/index.js');
    runInitCommand(options);
  }));

program
  .command('demo')
  .description('One request through the baseline agent over the simulator, with a text waterfall.')
  .action(async () => {
    const { runDemoCommand } = await import('../bench/cli/demo-command.js');
    await runDemoCommand();
  });

program
  .command('train-classifier')
  .description('Train the complexity classifier from labelled JSONL examples and write its state.')
  .option('--examples <path...>', 'JSONL files or folders (default: src/classifier/data)')
  .option('--out <file>', 'state file (default: src/classifier/data/default-state.json)')
  .option('--seed <n>', 'seed for the split and the training', '7')
  .option('--tiers <list>', 'ordered tiers, cheapest first', 'simple,complex')
  .option('--test-share <fraction>', 'share of each tier held out to report accuracy', '0.2')
  .option('--epochs <n>', 'training epochs', '40')
  .action(async (options) => {
    const { runTrainClassifierCommand } = await import('../src/cli/train-classifier-command.js');
    await runTrainClassifierCommand(options);
  });

await program.parseAsync(process.argv);
