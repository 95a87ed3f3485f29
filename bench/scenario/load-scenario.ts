import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { HotpathError } from '../../src/index.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** The repository's scenarios/ folder, where bare scenario names are looked up. */
export const defaultScenariosDirectory = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface LoadedScenario extends Scenario {
  /** Absolute path of the file it came from. */
  file: string;
}

export interface LoadScenarioOptions {
  /** Where bare names resolve (`<directory>/<name>.yaml`); the repository's scenarios/ by default. */
  directory?: string;
}

/** Loads a scenario by name (scenarios/<name>.yaml) or path, validating every field. */
export function loadScenario(nameOrPath: string, options: LoadScenarioOptions = {}): LoadedScenario {
  const file = resolveScenarioFile(nameOrPath, options.directory ?? defaultScenariosDirectory);
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw scenarioError(file, [`cannot parse: ${(error as Error).message.split('\n')[0]}`]);
  }
  return { ...parseScenario(raw, file), file };
}

/** Validates an already-parsed scenario; `source` names it in error messages. */
export function parseScenario(raw: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(raw ?? {});
  if (!result.success) throw scenarioError(source, result.error.issues.flatMap(describeIssue));
  return result.data;
}

function resolveScenarioFile(nameOrPath: string, directory: string): string {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.(ya?ml|json)$/i.test(nameOrPath);
  const candidates = looksLikePath
    ? [path.resolve(nameOrPath)]
    : ['.yaml', '.yml', '.json'].map((extension) => path.join(directory, `${nameOrPath}${extension}`));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `scenario "${nameOrPath}" not found: ${candidates.map(displayPath).join(' or ')} does not exist`, {
      details: { option: 'scenario', candidates },
    });
  }
  return found;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`);
  }
  return [`${formatPath(issue.path)}: ${issue.message}`];
}

function formatPath(parts: ReadonlyArray<PropertyKey>): string {
  if (parts.length === 0) return '(top level)';
  return parts
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function scenarioError(source: string, problems: string[]): HotpathError {
  const label = displayPath(source);
  return new HotpathError('HOTPATH_INVALID_CONFIG', problems.map((problem) => `${label}: ${problem}`).join('\n'), {
    details: { file: source, problems },
  });
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
