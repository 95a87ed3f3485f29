// The gateway's configuration file: one YAML or JSON document, checked with zod at start-up. Objects
// are strict, so a misspelt option is refused with its path instead of being silently ignored.

import { z } from 'zod';

const name = z.string().regex(/^[A-Za-z0-9][\w.:-]*$/, 'must start with a letter or digit and hold only letters, digits, _ . : or -');
const positiveInteger = z.number().int().positive();
const milliseconds = z.number().int().nonnegative();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const rateLimitSchema = z.strictObject({
  /** Sustained rate the bucket refills at. */
  requestsPerSecond: z.number().positive(),
  /** Bucket size: requests allowed at once after a quiet spell. Default: one second's worth (at least 1). */
  burst: positiveInteger.optional(),
});

export const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8700),
  /** Worker processes (node:cluster); more than one needs the Redis cache to share entries. */
  workers: positiveInteger.default(1),
  /** Largest request body accepted, bytes. */
  bodyLimitBytes: positiveInteger.default(1_048_576),
  /** On SIGTERM, how long running streams may take to finish before the process exits anyway. */
  shutdownGraceMs: milliseconds.default(10_000),
  /** Finished runs kept in memory for the dashboard (oldest go first). */
  recentRuns: positiveInteger.default(200),
  /** Serve the dashboard's static files at `/` from this directory (relative to the working directory). */
  dashboardDirectory: z.string().min(1).default('dashboard/public'),
  /** Interval of the dashboard's metric snapshots. */
  dashboardIntervalMs: positiveInteger.default(1000),
});

export const apiKeySchema = z.strictObject({
  /** The bearer token clients send (`Authorization: Bearer <key>`); use `${env:NAME}`. */
  key: z.string().min(8, 'must be at least 8 characters'),
  tenant: name,
  /** A label for logs and metrics (never the key itself). Default: the tenant. */
  name: z.string().min(1).optional(),
  rateLimit: rateLimitSchema.optional(),
});

export const authSchema = z.strictObject({
  /** Requests from 127.0.0.1/::1 without a key are allowed, as tenant `anonymousTenant`. */
  anonymousLoopback: z.boolean().default(true),
  anonymousTenant: name.default('local'),
  keys: z.array(apiKeySchema).default([]),
  /** Limit for keys without one of their own (and for anonymous loopback callers). */
  defaultRateLimit: rateLimitSchema.optional(),
});

const providerCommon = {
  baseURL: httpUrl,
  apiKey: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Keep-alive connections to the provider. */
  connections: positiveInteger.default(16),
  /** Time allowed until the response headers, per attempt. */
  timeoutMs: positiveInteger.optional(),
  /** Attempts after the first on retryable errors before the response starts. */
  retries: z.number().int().min(0).default(2),
  /** Connections opened at start-up (and a one-token request per warmed model). */
  warmConnections: z.number().int().min(0).default(2),
};

export const providerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('openai-compatible'),
    ...providerCommon,
    apiKeyHeader: z.enum(['authorization', 'api-key']).default('authorization'),
    queryParams: z.record(z.string(), z.string()).optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  }),
  z.strictObject({
    type: z.literal('anthropic'),
    ...providerCommon,
    baseURL: httpUrl.default('https://api.anthropic.com/v1'),
    apiVersion: z.string().min(1).default('2023-06-01'),
  }),
]);

export const modelSchema = z.strictObject({
  /** A key of `providers`. */
  provider: name,
  /** The provider's id of the model. Default: this entry's name. */
  model: z.string().min(1).optional(),
  /** Router tier the model serves ("fast", "powerful"). */
  tier: name.optional(),
  /** Models tried in order when this one fails before answering (connection error, 5xx, 429). */
  fallbacks: z.array(name).default([]),
  /** Send the same request to the first fallback when no response started after this long. */
  hedgeAfterMs: positiveInteger.optional(),
  /** Warm this model at start-up (readiness waits for it). */
  warm: z.boolean().default(true),
  /** Price per 1,000 tokens, for the router's cost report. */
  costPer1kInputTokens: z.number().nonnegative().optional(),
  costPer1kOutputTokens: z.number().nonnegative().optional(),
});

export const routerSchema = z.strictObject({
  /** Tiers from the cheapest to the most capable. Default: the tiers of `models`, fast before powerful. */
  tiers: z.array(name).min(1).optional(),
  /** Pick the start tier with the built-in complexity classifier (else a text heuristic). */
  classifier: z.boolean().default(true),
  /** Hedge slow first tokens (a second copy on another deployment). */
  hedging: z.boolean().default(true),
  /** Check cheaper tiers' answers and redo failed steps one tier up. */
  escalation: z.boolean().default(true),
  /** Where a failed call goes next. */
  failover: z.enum(['next-tier', 'same-tier', 'any-tier']).default('next-tier'),
});

const jsonSchemaObject = z.record(z.string(), z.unknown());

export const toolSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
  description: z.string().min(1),
  method: z.string().transform((method) => method.toUpperCase()).pipe(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])),
  /** Absolute, or relative to the tool's `baseUrl` / the agent's `toolsBaseUrl`; `{field}` placeholders come from the input. */
  url: z.string().min(1),
  baseUrl: httpUrl.optional(),
  /** JSON Schema of the input (an object). */
  input: jsonSchemaObject,
  output: jsonSchemaObject.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Input fields sent in the query string whatever the method. */
  query: z.array(z.string()).optional(),
  readOnly: z.boolean().default(false),
  idempotent: z.boolean().default(false),
  timeoutMs: positiveInteger.optional(),
  retries: z.number().int().min(0).optional(),
  cache: z.strictObject({ ttlMs: positiveInteger, staleWhileRevalidateMs: milliseconds.optional(), scope: z.enum(['tenant', 'user']) }).optional(),
  /** Data read / written, as tag templates over the input: "ticket:{ticketId}". */
  reads: z.array(z.string().min(1)).optional(),
  writes: z.array(z.string().min(1)).optional(),
  upstream: z.string().min(1).optional(),
  /** Progress text while it runs: "Looking up {ticketId}…". */
  progress: z.string().optional(),
});

export const agentSchema = z.strictObject({
  description: z.string().optional(),
  /** System prompt; `{user}` and `{tenant}` are replaced per request. */
  instructions: z.string().default(''),
  /** A model name, or model names by tier ({ fast: ..., powerful: ... }): several tiers go through the router. */
  models: z.union([name, z.record(name, name)]),
  maxSteps: positiveInteger.default(8),
  timeoutMs: positiveInteger.default(30_000),
  /** Base URL that relative tool URLs resolve against. */
  toolsBaseUrl: httpUrl.optional(),
  /** Headers sent with every tool request of this agent (API keys of the backend). */
  toolHeaders: z.record(z.string(), z.string()).optional(),
  /** Keep-alive connections to each tool origin. */
  toolConnections: positiveInteger.default(32),
  tools: z.array(toolSchema).default([]),
  cache: z
    .strictObject({
      /** Cache read-only tool results by their `cache` policy. */
      toolResults: z.boolean().default(true),
      /** Cache whole answers (exact and semantic), safe for entities, users and side effects. */
      responses: z.boolean().default(true),
      /** Reuse the tool plan of an earlier request of the same shape. */
      plans: z.boolean().default(true),
      /** Start a predicted plan's read-only calls while the model plans (needs `plans`). */
      speculation: z.boolean().default(true),
      /** Semantic answers: the bound on wrong answers among them, and a threshold to start from. */
      semantic: z
        .strictObject({
          /** Highest share of wrong answers among semantic hits; thresholds are calibrated online to keep under it. */
          maxFalseHitRate: z.number().gt(0).lt(1).default(0.01),
          /** Similarity served until observations certify a threshold (e.g. one certified offline); none by default. */
          priorThreshold: z.number().min(0.5).max(1).optional(),
        })
        .default({ maxFalseHitRate: 0.01 }),
    })
    .default({ toolResults: true, responses: true, plans: true, speculation: true, semantic: { maxFalseHitRate: 0.01 } }),
});

export const cacheSchema = z.strictObject({
  store: z.enum(['memory', 'redis']).default('memory'),
  redis: z
    .strictObject({ url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'), keyPrefix: z.string().min(1).default('hotpath:') })
    .default({ url: 'redis://127.0.0.1:6379', keyPrefix: 'hotpath:' }),
  /** Budget of each in-process store. */
  memoryBytes: positiveInteger.default(64 * 1024 * 1024),
  /** Proxied chat completions: 'deterministic' caches temperature-0 requests, 'always' every one, 'off' none. */
  proxyResponses: z.enum(['deterministic', 'always', 'off']).default('deterministic'),
  /** Life of a cached proxied completion. */
  proxyTtlMs: positiveInteger.default(300_000),
});

export const changeFeedsSchema = z.strictObject({
  /** Changes announced for another namespace (the simulator's per-client writes) are ignored. */
  namespace: z.string().min(1).optional(),
  /** Backends that PUBLISH change events (the simulator's ChangeEvent JSON or `{ tags }`) on Redis. */
  redis: z.array(z.strictObject({ url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'), channel: z.string().min(1) })).default([]),
  webhook: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** When set, webhook calls must send it in `x-hotpath-webhook-secret`. */
      secret: z.string().min(8).optional(),
    })
    .default({ enabled: true }),
});

export const embeddingsSchema = z.strictObject({
  /** An openai-compatible key of `providers`; without this section the embedded encoder answers. */
  provider: name,
  model: z.string().min(1),
  dimensions: positiveInteger.optional(),
});

export const limitsSchema = z.strictObject({
  /** Budget of one request end to end. */
  requestTimeoutMs: positiveInteger.default(60_000),
  /** Requests handled at once; more are refused with 503. */
  maxConcurrentRequests: positiveInteger.default(1024),
  maxMessages: positiveInteger.default(256),
  maxTools: positiveInteger.default(128),
  /** Largest `max_tokens` / `max_completion_tokens` accepted. */
  maxOutputTokens: positiveInteger.default(32_768),
});

const gatewayConfigShape = z.strictObject({
  server: serverSchema.prefault({}),
  auth: authSchema.prefault({}),
  providers: z.record(name, providerSchema).default({}),
  models: z.record(name, modelSchema).default({}),
  router: routerSchema.prefault({}),
  /** The agent `model: "hotpath"` runs. Default: the first agent. */
  defaultAgent: name.optional(),
  agents: z.record(name, agentSchema).default({}),
  cache: cacheSchema.prefault({}),
  changeFeeds: changeFeedsSchema.prefault({}),
  embeddings: embeddingsSchema.optional(),
  limits: limitsSchema.prefault({}),
});

export const gatewayConfigSchema = gatewayConfigShape.superRefine((config, context) => checkReferences(config, context));

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type ProviderConfig = z.output<typeof providerSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
export type AgentConfig = z.output<typeof agentSchema>;
export type ToolConfig = z.output<typeof toolSchema>;
export type RateLimitConfig = z.output<typeof rateLimitSchema>;
export type ApiKeyConfig = z.output<typeof apiKeySchema>;

/** Names the gateway answers itself; neither a model nor an agent may take them. */
export const reservedModelNames = ['hotpath', 'auto'] as const;

type UncheckedConfig = z.output<typeof gatewayConfigShape>;

/** Cross-references: every model names a known provider, every agent known models, keys are unique. */
function checkReferences(config: UncheckedConfig, context: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message });
  const modelNames = Object.keys(config.models);
  for (const [modelName, model] of Object.entries(config.models)) {
    if ((reservedModelNames as readonly string[]).includes(modelName)) issue(['models', modelName], `"${modelName}" is reserved by the gateway`);
    if (!(model.provider in config.providers)) issue(['models', modelName, 'provider'], `names provider "${model.provider}", which is not in providers (${Object.keys(config.providers).join(', ') || 'none'})`);
    model.fallbacks.forEach((fallback, index) => {
      if (!(fallback in config.models)) issue(['models', modelName, 'fallbacks', index], `names model "${fallback}", which is not in models`);
      if (fallback === modelName) issue(['models', modelName, 'fallbacks', index], 'a model cannot be its own fallback');
    });
    if (model.hedgeAfterMs !== undefined && model.fallbacks.length === 0) issue(['models', modelName, 'hedgeAfterMs'], 'needs a fallback to hedge to');
  }
  for (const [agentName, agent] of Object.entries(config.agents)) {
    if ((reservedModelNames as readonly string[]).includes(agentName)) issue(['agents', agentName], `"${agentName}" is reserved by the gateway`);
    if (agentName in config.models) issue(['agents', agentName], `is also the name of a model; give the agent another name`);
    const byTier = typeof agent.models === 'string' ? { default: agent.models } : agent.models;
    if (Object.keys(byTier).length === 0) issue(['agents', agentName, 'models'], 'names no model');
    for (const [tier, modelName] of Object.entries(byTier)) {
      const path = typeof agent.models === 'string' ? ['agents', agentName, 'models'] : ['agents', agentName, 'models', tier];
      if (!modelNames.includes(modelName)) issue(path, `names model "${modelName}", which is not in models (${modelNames.join(', ') || 'none'})`);
    }
    const toolNames = new Set<string>();
    agent.tools.forEach((tool, index) => {
      if (toolNames.has(tool.name)) issue(['agents', agentName, 'tools', index, 'name'], `repeats the tool name "${tool.name}"`);
      toolNames.add(tool.name);
    });
  }
  if (config.defaultAgent !== undefined && !(config.defaultAgent in config.agents)) {
    issue(['defaultAgent'], `names agent "${config.defaultAgent}", which is not in agents (${Object.keys(config.agents).join(', ') || 'none'})`);
  }
  for (const [index, tier] of (config.router.tiers ?? []).entries()) {
    if (!Object.values(config.models).some((model) => model.tier === tier)) issue(['router', 'tiers', index], `no model has tier "${tier}"`);
  }
  const seenKeys = new Set<string>();
  config.auth.keys.forEach((key, index) => {
    if (seenKeys.has(key.key)) issue(['auth', 'keys', index, 'key'], 'repeats an earlier key');
    seenKeys.add(key.key);
  });
  if (config.embeddings !== undefined) {
    const provider = config.providers[config.embeddings.provider];
    if (provider === undefined) issue(['embeddings', 'provider'], `names provider "${config.embeddings.provider}", which is not in providers`);
    else if (provider.type !== 'openai-compatible') issue(['embeddings', 'provider'], 'must be an openai-compatible provider');
  }
}
