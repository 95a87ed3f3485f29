// Reads and checks the gateway's configuration: YAML or JSON by the file's extension, `${env:NAME}`
// interpolated, validated with zod, and each HTTP tool built once so its URL template and schemas are
// checked at start-up too. Every error names the file and the offending field.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { httpTool } from '../tools/index.js';
import { HotpathError } from '../util/index.js';
import { gatewayConfigSchema, type GatewayConfig } from './gateway-config-schema.js';
import { formatPath, interpolateEnv } from './interpolate-env.js';

export interface ParseGatewayConfigOptions {
  /** Named in errors. Default "configuration". */
  source?: string;
  /** Variables `${env:NAME}` reads. Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

const maxListedIssues = 8;

/** Checks a configuration object (already parsed from YAML/JSON, or built in code). */
export function parseGatewayConfig(raw: unknown, options: ParseGatewayConfigOptions = {}): GatewayConfig {
  const source = options.source ?? 'configuration';
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${source}: must hold an object of sections (server, providers, models, agents, ...)`, { details: { file: source } });
  }
  const interpolated = interpolateEnv(raw, { env: options.env ?? process.env, source });
  const parsed = gatewayConfigSchema.safeParse(interpolated);
  if (!parsed.success) throw configError(source, parsed.error);
  checkTools(parsed.data, source);
  return deepFreeze(parsed.data);
}

/** Reads `file` (.yaml, .yml or .json) and checks it. */
export function loadGatewayConfig(file: string, options: Omit<ParseGatewayConfigOptions, 'source'> = {}): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { details: { file }, cause: error });
  }
  return parseGatewayConfig(parseText(file, text), { ...options, source: file });
}

function parseText(file: string, text: string): unknown {
  const extension = extname(file).toLowerCase();
  try {
    if (extension === '.json') return JSON.parse(text) as unknown;
    if (extension === '.yaml' || extension === '.yml') return parseYaml(text) as unknown;
  } catch (error) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${file}: is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`, { details: { file }, cause: error });
  }
  throw new HotpathError('HOTPATH_INVALID_CONFIG', `${file}: unknown format "${extension || '(none)'}" (use .yaml, .yml or .json)`, { details: { file } });
}

function configError(source: string, error: z.ZodError): HotpathError {
  const issues = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const field = formatPath(keys.length > 0 ? [...issue.path, keys.join(', ')] : issue.path);
    const message = issue.code === 'unrecognized_keys' ? 'is not a known option here' : issue.message;
    return { field, message };
  });
  const listed = issues.slice(0, maxListedIssues).map(({ field, message }) => `  ${field}: ${message}`);
  if (issues.length > maxListedIssues) listed.push(`  … and ${issues.length - maxListedIssues} more`);
  const first = issues[0]!;
  return new HotpathError('HOTPATH_INVALID_CONFIG', `${source}: ${first.field}: ${first.message}${issues.length > 1 ? `\n${listed.join('\n')}` : ''}`, {
    details: { file: source, field: first.field, fields: issues.map((issue) => issue.field) },
  });
}

/** Builds each tool once (URL template against the input schema, cache policy on writes, ...). */
function checkTools(config: GatewayConfig, source: string): void {
  for (const [agentName, agent] of Object.entries(config.agents)) {
    agent.tools.forEach((tool, index) => {
      try {
        httpTool({ ...tool, ...(tool.baseUrl === undefined && agent.toolsBaseUrl !== undefined ? { baseUrl: agent.toolsBaseUrl } : {}) });
      } catch (error) {
        const field = formatPath(['agents', agentName, 'tools', index, String((HotpathError.isInstance(error) && error.details.option) || 'name')]);
        const message = error instanceof Error ? error.message : String(error);
        throw new HotpathError('HOTPATH_INVALID_CONFIG', `${source}: ${field}: ${message}`, { details: { file: source, field }, cause: error });
      }
    });
  }
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
