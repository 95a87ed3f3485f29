import { z } from 'zod';

// The simulator's part of a scenario file. Defaults are calibrated to published figures for hosted
// models (docs/decisions/002-simulator-calibration.md): a fast tier near 0.3–0.5 s time to first
// token and 100–200 tokens/s, a powerful tier near 0.8–1.2 s and 40–80 tokens/s, p95/p50 of TTFT
// about 1.5–2; tool APIs at the seed's 0.6–2 s per call.

const quantiles = z.strictObject({
  p50: z.number().positive(),
  p95: z.number().positive(),
}).refine((value) => value.p95 >= value.p50, { message: 'p95 must be >= p50' });

export const modelProfileSchema = z.strictObject({
  /** Which tier the model belongs to; the brain's competence depends on it. */
  tier: z.enum(['fast', 'powerful']),
  /** Time to first token, scenario ms, excluding prompt processing. */
  ttftMs: quantiles,
  /** Time per output token, scenario ms. */
  msPerOutputToken: quantiles,
  /** Prompt processing per input token, scenario ms (added to the first token). */
  msPerInputToken: z.number().nonnegative().default(0.1),
  /** Share of calls answered with a 500 and an OpenAI/Anthropic-shaped error body. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of calls answered with a 429 and a Retry-After header. */
  rateLimitRate: z.number().min(0).max(1).default(0),
  retryAfterMs: z.number().nonnegative().default(1000),
  /** Scale-to-zero: the first call after `afterIdleMs` without traffic pays `penaltyMs`. */
  coldStart: z.strictObject({
    afterIdleMs: z.number().positive().default(300_000),
    penaltyMs: quantiles.default({ p50: 1500, p95: 2000 }),
  }).default({ afterIdleMs: 300_000, penaltyMs: { p50: 1500, p95: 2000 } }),
  /** How often the model gets a request wrong, by request complexity (the brain decides how). */
  failureRate: z.strictObject({
    simple: z.number().min(0).max(1).default(0),
    complex: z.number().min(0).max(1).default(0),
  }).default({ simple: 0, complex: 0 }),
  /** Extra output tokens of reasoning/prose the tier adds to answers (powerful models say more). */
  verbosity: z.number().min(0.2).max(5).default(1),
});
export type ModelProfile = z.infer<typeof modelProfileSchema>;

export const providerSchema = z.strictObject({
  /** Name of the provider deployment; each gets its own port (its own origin). */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** Model ids served; each must be a key of `models`. */
  models: z.array(z.string()).min(1),
  /** Heavy tail: with this probability a call is `factor` times slower (per provider, so a hedge can win). */
  slowTail: z.strictObject({ probability: z.number().min(0).max(1), factor: z.number().min(1) }).optional(),
  /** Fixed port; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(0),
});
export type ProviderConfig = z.infer<typeof providerSchema>;

export const toolProfileSchema = z.strictObject({
  latencyMs: quantiles,
  errorRate: z.number().min(0).max(1).default(0),
});
export type ToolProfile = z.infer<typeof toolProfileSchema>;

export const simulatorConfigSchema = z.strictObject({
  /** Seed for data generation and every sample. */
  seed: z.union([z.number().int(), z.string()]).default(7),
  /** Multiplies every simulated delay: 1 is real time, 0.05 for quick runs. */
  timeScale: z.number().positive().max(100).default(1),
  /** Which domain the tool APIs and the brain serve. */
  domain: z.enum(['service-desk', 'tau-retail']).default('service-desk'),
  host: z.string().default('127.0.0.1'),
  models: z.record(z.string(), modelProfileSchema),
  providers: z.array(providerSchema).min(1),
  /** Connection setup charged to the first request on every new TCP connection (TLS over a real network). */
  connectionSetupMs: quantiles.default({ p50: 200, p95: 300 }),
  tools: z.strictObject({
    /** Profile for tools not listed in `byName`. */
    defaults: toolProfileSchema.default({ latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 }),
    byName: z.record(z.string(), toolProfileSchema).default({}),
    port: z.number().int().min(0).max(65535).default(0),
  }).default({ defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 }, byName: {}, port: 0 }),
  mutations: z.strictObject({
    /** Background data changes per scenario second (0 turns them off). */
    ratePerSecond: z.number().min(0).default(0),
    /** Share of each kind of change, by the domain's kind names (service desk: ticket-status, ticket-reassign, manager, kb-edit, incident). */
    mix: z.record(z.string(), z.number().min(0)).optional(),
    /** Each change is POSTed here as JSON (see sim/README.md for the body). */
    webhookUrls: z.array(z.url()).default([]),
    /** Each change is PUBLISHed on this Redis channel when a URL is given. */
    redisUrl: z.string().optional(),
    redisChannel: z.string().default('hotpath-sim:changes'),
  }).default({ ratePerSecond: 0, webhookUrls: [], redisChannel: 'hotpath-sim:changes' }),
}).superRefine((config, context) => {
  config.providers.forEach((provider, providerIndex) => {
    provider.models.forEach((model, modelIndex) => {
      if (!(model in config.models)) {
        context.addIssue({
          code: 'custom',
          path: ['providers', providerIndex, 'models', modelIndex],
          message: `unknown model "${model}" (known: ${Object.keys(config.models).join(', ')})`,
        });
      }
    });
  });
});
export type SimulatorConfigInput = z.input<typeof simulatorConfigSchema>;
export type SimulatorConfig = z.output<typeof simulatorConfigSchema>;

/** The calibrated default: one provider serving a fast and a powerful model, the seed's tool latencies. */
export const defaultSimulatorConfig: SimulatorConfigInput = {
  seed: 7,
  timeScale: 1,
  domain: 'service-desk',
  models: {
    'sim-fast': {
      tier: 'fast',
      ttftMs: { p50: 400, p95: 700 },
      msPerOutputToken: { p50: 7, p95: 10 },
      msPerInputToken: 0.05,
      failureRate: { simple: 0.02, complex: 0.4 },
      verbosity: 0.8,
    },
    'sim-powerful': {
      tier: 'powerful',
      ttftMs: { p50: 1000, p95: 1800 },
      msPerOutputToken: { p50: 16, p95: 24 },
      msPerInputToken: 0.15,
      failureRate: { simple: 0, complex: 0 },
      verbosity: 1.2,
    },
  },
  providers: [{ name: 'primary', models: ['sim-fast', 'sim-powerful'] }],
  connectionSetupMs: { p50: 200, p95: 300 },
  tools: {
    defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0.005 },
    byName: {
      // Service desk (the seed's latencies).
      lookup_user: { latencyMs: { p50: 800, p95: 1400 }, errorRate: 0.005 },
      find_user: { latencyMs: { p50: 500, p95: 900 }, errorRate: 0.005 },
      check_permissions: { latencyMs: { p50: 600, p95: 1000 }, errorRate: 0.005 },
      get_ticket_status: { latencyMs: { p50: 1200, p95: 2200 }, errorRate: 0.005 },
      search_kb: { latencyMs: { p50: 700, p95: 1200 }, errorRate: 0.005 },
      get_incident_history: { latencyMs: { p50: 2000, p95: 3000 }, errorRate: 0.005 },
      get_system_logs: { latencyMs: { p50: 1500, p95: 2500 }, errorRate: 0.005 },
      get_recent_changes: { latencyMs: { p50: 1000, p95: 1800 }, errorRate: 0.005 },
      reset_password: { latencyMs: { p50: 900, p95: 1500 }, errorRate: 0.005 },
      update_ticket: { latencyMs: { p50: 1000, p95: 1800 }, errorRate: 0.005 },
      // tau-bench retail: reads ~0.6–1.2 s, writes ~1–1.5 s.
      find_user_id_by_email: { latencyMs: { p50: 600, p95: 1000 }, errorRate: 0.005 },
      find_user_id_by_name_zip: { latencyMs: { p50: 700, p95: 1100 }, errorRate: 0.005 },
      get_user_details: { latencyMs: { p50: 800, p95: 1300 }, errorRate: 0.005 },
      get_order_details: { latencyMs: { p50: 900, p95: 1500 }, errorRate: 0.005 },
      get_product_details: { latencyMs: { p50: 800, p95: 1300 }, errorRate: 0.005 },
      list_all_product_types: { latencyMs: { p50: 600, p95: 1000 }, errorRate: 0.005 },
      calculate: { latencyMs: { p50: 600, p95: 900 }, errorRate: 0.005 },
      transfer_to_human_agents: { latencyMs: { p50: 1000, p95: 1500 }, errorRate: 0.005 },
      cancel_pending_order: { latencyMs: { p50: 1200, p95: 1800 }, errorRate: 0.005 },
      modify_pending_order_address: { latencyMs: { p50: 1000, p95: 1500 }, errorRate: 0.005 },
      modify_pending_order_items: { latencyMs: { p50: 1500, p95: 2200 }, errorRate: 0.005 },
      modify_pending_order_payment: { latencyMs: { p50: 1200, p95: 1800 }, errorRate: 0.005 },
      modify_user_address: { latencyMs: { p50: 1000, p95: 1500 }, errorRate: 0.005 },
      return_delivered_order_items: { latencyMs: { p50: 1300, p95: 2000 }, errorRate: 0.005 },
      exchange_delivered_order_items: { latencyMs: { p50: 1500, p95: 2200 }, errorRate: 0.005 },
    },
  },
  mutations: { ratePerSecond: 0.5 },
};

/** Parses a simulator config, throwing an error whose message names every bad field. */
export function parseSimulatorConfig(input: unknown): SimulatorConfig {
  const result = simulatorConfigSchema.safeParse(input);
  if (!result.success) {
    throw new SimulatorConfigError(z.prettifyError(result.error));
  }
  return result.data;
}

export class SimulatorConfigError extends Error {
  override name = 'SimulatorConfigError';
}
