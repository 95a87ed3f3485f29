import { z } from 'zod';
import { defaultSimulatorConfig, simulatorConfigSchema } from '../../sim/index.js';

// A scenario file: the simulator's configuration plus the workload the benchmark sends to it.
// Messages are written for people editing YAML by hand ("expected a positive integer").

const positiveIntegerMessage = 'expected a positive integer';
const positiveInteger = z
  .number({ error: positiveIntegerMessage })
  .int({ error: positiveIntegerMessage })
  .positive({ error: positiveIntegerMessage });
const positiveNumber = z.number({ error: 'expected a positive number' }).positive({ error: 'expected a positive number' });
const nonNegativeNumber = z.number({ error: 'expected a number >= 0' }).nonnegative({ error: 'expected a number >= 0' });

export const closedArrivalSchema = z.strictObject({
  mode: z.literal('closed'),
  /** Concurrent users per agent, each sending its next request when the previous one is answered. */
  concurrency: positiveInteger,
});

export const openArrivalSchema = z.strictObject({
  mode: z.literal('open'),
  /** Poisson arrivals per scenario second, independent of how fast agents answer. */
  ratePerSecond: positiveNumber,
});

export const arrivalSchema = z.discriminatedUnion('mode', [closedArrivalSchema, openArrivalSchema], {
  error: 'expected { mode: closed, concurrency } or { mode: open, ratePerSecond }',
});

export const workloadSchema = z.strictObject({
  requests: positiveInteger.default(100),
  /** Relative weights by request kind; the domain's own weights when omitted. */
  mix: z
    .record(z.string(), nonNegativeNumber)
    .refine((mix) => Object.values(mix).some((weight) => weight > 0), { error: 'at least one weight must be > 0' })
    .optional(),
  /** Zipf exponents: how often the same entity / user recurs. */
  entitySkew: nonNegativeNumber.default(1.1),
  userSkew: nonNegativeNumber.default(1.0),
  arrival: arrivalSchema.default({ mode: 'closed', concurrency: 10 }),
  /** Per request, scenario ms; a request over it is scored 'failed'. */
  timeoutMs: positiveNumber.default(60_000),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string({ error: 'expected a name' }).min(1, { error: 'expected a name' }),
    description: z.string().optional(),
    simulator: simulatorConfigSchema.prefault(defaultSimulatorConfig),
    workload: workloadSchema.prefault({}),
  })
  .superRefine((scenario, context) => {
    // Agents pick their models by tier, so both tiers must exist and be served.
    const served = new Set(scenario.simulator.providers.flatMap((provider) => provider.models));
    for (const tier of ['fast', 'powerful'] as const) {
      const hasTier = Object.entries(scenario.simulator.models).some(
        ([model, profile]) => profile.tier === tier && served.has(model),
      );
      if (!hasTier) {
        context.addIssue({
          code: 'custom',
          path: ['simulator', 'models'],
          message: `needs a model of tier "${tier}" served by a provider`,
        });
      }
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Workload = Scenario['workload'];
export type Arrival = Workload['arrival'];
