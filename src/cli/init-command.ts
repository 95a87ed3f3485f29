// `hotpath init`: writes the commented example configuration (never over an existing file unless
// --force), and says how to start with it.

import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { exampleConfigFileName, exampleConfigYaml } from '../config/index.js';
import { HotpathError } from '../util/index.js';

export interface InitCommandOptions {
  /** Where to write. Default ./hotpath.yaml. */
  file?: string;
  force?: boolean;
  output?: Writable;
}

export function runInitCommand(options: InitCommandOptions = {}): string {
  const file = resolve(options.file ?? exampleConfigFileName);
  if (existsSync(file) && options.force !== true) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${file} exists already; use --force to replace it`, { details: { option: 'file' } });
  }
  writeFileSync(file, exampleConfigYaml);
  const output = options.output ?? process.stdout;
  output.write(`Wrote ${file}\nEdit it (providers, models, agents, keys), then: hotpath serve --config ${options.file ?? exampleConfigFileName}\n`);
  return file;
}
