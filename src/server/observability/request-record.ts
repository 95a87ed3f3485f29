// What the gateway remembers of one finished request: the dashboard lists these with their spans, and
// metrics are derived from them. Agent runs carry their RunResult's timings; proxied calls carry the
// gateway's own spans (queue, cache, model).

import type { RunResult, StageSpan, ToolCallRecord } from '../../spec/index.js';

export type RequestKind = 'agent' | 'proxy' | 'embeddings';

export type CacheLayer = 'exact' | 'semantic' | 'plan' | 'tool' | 'proxy';

export interface RequestRecord {
  /** Run id (agents) or request id (proxied calls). */
  id: string;
  kind: RequestKind;
  /** Agent or model name as the client asked for it. */
  target: string;
  tenant: string;
  user?: string;
  /** Epoch ms. */
  startedAt: number;
  status: number;
  totalMs: number;
  firstTokenMs?: number;
  spans: StageSpan[];
  /** Which cache answered (whole answer), when one did. */
  cache?: CacheLayer;
  /** Tool results served from the tool-result cache. */
  toolCacheHits?: number;
  modelCalls: RunResult['modelCalls'];
  toolCalls?: ToolCallRecord[];
  /** Proxied calls: how many fallbacks were tried after the first model. */
  fallbacks?: number;
  text?: string;
  error?: { code: string; message: string };
}
