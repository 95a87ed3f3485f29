// What every handler works with: the services built once per gateway, and the context of one request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config/index.js';
import type { Authenticator, Caller } from './auth/authenticate.js';
import type { RouteParams } from './http/route-table.js';
import type { GatewayMetrics } from './observability/gateway-metrics.js';
import type { RecentRuns } from './observability/recent-runs.js';
import type { RequestRecord } from './observability/request-record.js';
import type { Readiness } from './readiness.js';
import type { GatewayRuntime } from './runtime/gateway-runtime.js';

export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly runtime: GatewayRuntime;
  readonly metrics: GatewayMetrics;
  readonly runs: RecentRuns;
  readonly readiness: Readiness;
  readonly authenticator: Authenticator;
  /** Files of the dashboard, or undefined when the directory does not exist. */
  readonly dashboardDirectory: string | undefined;
  /** Records a finished request (metrics, recent runs, the dashboard feed). */
  finish(record: RequestRecord): void;
}

export interface RequestContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly params: RouteParams;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The client's x-request-id when it sent a usable one, else generated. */
  readonly requestId: string;
  /** Aborts when the client goes away before the response is complete. */
  readonly signal: AbortSignal;
  /** Epoch ms. */
  readonly startedAt: number;
  /** performance.now() at arrival. */
  readonly startedPerf: number;
  /** Set for authenticated routes. */
  caller: Caller | undefined;
}

export type RouteHandler = (context: RequestContext) => Promise<void>;
