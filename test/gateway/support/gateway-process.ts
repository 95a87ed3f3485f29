// Runs `hotpath serve` in a child process (the real command: config file, port, signals) and reads
// the URL it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GatewayConfigInput } from '../../../src/config/index.js';

const command = fileURLToPath(new URL('../../../bin/hotpath.js', import.meta.url));

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startGatewayProcess(options: { configFile: string; config: GatewayConfigInput; args?: string[] }): Promise<GatewayProcess> {
  writeFileSync(options.configFile, JSON.stringify(options.config));
  const child = spawn(process.execPath, [command, 'serve', '--config', options.configFile, '--port', '0', ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (part: Buffer) => (output += part.toString()));
  child.stderr!.on('data', (part: Buffer) => (output += part.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hotpath serve did not start in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`hotpath serve exited:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
