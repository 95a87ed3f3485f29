// The simulator's tool APIs as hotpath HTTP tools, declared from its catalog: URL templates, input
// schemas and the metadata hotpath's runtime and caches act on (read-only or not, data tags read and
// written, who may share a result, progress text).

import type { Dispatcher } from 'undici';
import type { ToolCatalogEntry } from '../sim/index.js';
import { httpTool, type AnyTool } from '../src/index.js';

export interface SimulatorToolsOptions {
  catalog: readonly ToolCatalogEntry[];
  /** Base URL of the simulator's tool APIs. */
  toolsUrl: string;
  /** Keep-alive pool for the tools' origin. */
  dispatcher: Dispatcher;
  /** Lifetime of cached read results; change events evict them sooner. Default 5 minutes. */
  cacheTtlMs?: number;
}

export function createSimulatorTools(options: SimulatorToolsOptions): AnyTool[] {
  const { catalog, toolsUrl, dispatcher, cacheTtlMs = 300_000 } = options;
  return catalog.map((entry) =>
    httpTool({
      name: entry.name,
      description: entry.description,
      method: entry.http.method,
      url: entry.http.path,
      baseUrl: toolsUrl,
      input: entry.input,
      readOnly: entry.readOnly,
      idempotent: entry.idempotent,
      reads: entry.reads,
      writes: entry.writes,
      upstream: 'tools-api',
      retries: entry.idempotent ? 1 : 0,
      progress: progressText(entry),
      dispatcher,
      ...(entry.readOnly ? { cache: { ttlMs: cacheTtlMs, scope: entry.userScoped ? 'user' as const : 'tenant' as const } } : {}),
    }) as AnyTool,
  );
}

/** "get_ticket_status" with input {ticketId} → "get ticket status {ticketId}…". */
function progressText(entry: ToolCatalogEntry): string {
  const fields = Object.keys(entry.input.shape);
  const subject = fields.length > 0 ? ` {${fields[0]}}` : '';
  return `${entry.name.replaceAll('_', ' ')}${subject}…`;
}
