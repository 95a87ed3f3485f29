// Process entry of the load generator: options as JSON in argv[2], the result as one JSON line.
import { runLoad, type LoadOptions } from './load-generator.js';

const result = await runLoad(JSON.parse(process.argv[2] ?? '{}') as LoadOptions);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
