// `${env:NAME}` in any string of the configuration is replaced by that environment variable, so
// secrets stay out of the file. `${env:NAME:-fallback}` gives a value for when NAME is unset; a
// variable that is unset without a fallback is an error naming the field that needs it.

import { HotpathError } from '../util/index.js';

const reference = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolateEnvOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Named in errors (the configuration file). */
  source: string;
}

export function interpolateEnv(value: unknown, options: InterpolateEnvOptions, path: readonly (string | number)[] = []): unknown {
  if (typeof value === 'string') return interpolateString(value, options, path);
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnv(item, options, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, options, [...path, key])]));
  }
  return value;
}

function interpolateString(text: string, options: InterpolateEnvOptions, path: readonly (string | number)[]): string {
  if (!text.includes('${env:')) return text;
  return text.replace(reference, (_match, variable: string, fallback: string | undefined) => {
    const value = options.env[variable];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    const field = formatPath(path);
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${options.source}: ${field} needs the environment variable ${variable}, which is not set`, {
      details: { file: options.source, field, variable },
    });
  });
}

/** ["agents", "desk", "tools", 0, "url"] → "agents.desk.tools[0].url". */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : `${text === '' ? '' : '.'}${String(segment)}`;
  return text === '' ? '(root)' : text;
}
