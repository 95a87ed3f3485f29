// Each measured party runs in a process of its own: the upstream, the proxy under test and the load
// generator. A proxy's CPU time is read from /proc (Linux) so throughput can be given per core
// whatever the process is (one of ours or Portkey's server).

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load-generator.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const clockTicksPerSecond = 100;

export interface ChildService {
  url: string;
  pid: number;
  /** User + system CPU time the process has used so far, ms. */
  cpuTimeMs(): number;
  stop(): Promise<void>;
}

export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return ((userTicks + systemTicks) * 1000) / clockTicksPerSecond;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Reads the child's first stdout line as JSON. */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let errors = '';
    child.stderr?.on('data', (part: Buffer) => (errors += part.toString()));
    const onData = (part: Buffer) => {
      buffer += part.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        child.stdout?.off('data', onData);
        resolve(buffer.slice(0, newline));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${errors.slice(0, 2000)}`)));
  });
}

/** Starts `service-process.ts <kind>` (a proxy candidate, the upstream or the hotpath gateway). */
export async function startServiceProcess(kind: string, settings: Record<string, unknown> = {}): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./service-process.ts'), kind, JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url } = JSON.parse(await firstLine(child, kind)) as { url: string };
  return { url, pid: child.pid!, cpuTimeMs: () => cpuTimeMs(child.pid!), stop: () => stopChild(child) };
}

/** Starts a server command and waits until `readyUrl` answers anything. */
export async function startCommandProcess(options: { command: string; args: string[]; url: string; readyUrl: string; env?: Record<string, string> }): Promise<ChildService> {
  const child = spawn(options.command, options.args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...options.env } });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`${options.command} ${options.args.join(' ')} exited before it was ready`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${options.readyUrl} did not answer within 30 s`);
    }
    try {
      await fetch(options.readyUrl);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url: options.url, pid: child.pid!, cpuTimeMs: () => cpuTimeMs(child.pid!), stop: () => stopChild(child) };
}

/** Runs the load generator in a process of its own. */
export async function runLoadProcess(options: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./load-process.ts'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await firstLine(child, 'load generator');
  await stopChild(child);
  return JSON.parse(line) as LoadResult;
}
