import { readFileSync } from 'node:fs';
import { createSimulatorAgent, type DemoFeatures } from '../../demo/index.js';
import type { AgentEvent } from '../../src/index.js';
import { benchMaxSteps, type BenchAgent, type BenchAgentContext } from './bench-agent.js';

// hotpath as the gateway runs it (the demo configuration over the simulator, in process) — the
// variants switch features off one at a time so each one's effect is measured alone, side by side.

export interface HotpathVariant {
  /** What the variant leaves out, for the report. */
  description: string;
  features: Partial<DemoFeatures>;
}

const noCaches = { responses: false, toolResults: false, plans: false, speculation: false } as const;
const noRouting = { router: false, hedging: false } as const;

export const hotpathVariants = {
  hotpath: { description: 'everything on: caches, plans and speculation, routing with escalation and hedging, warm pools, parallel streamed tools', features: {} },
  'hotpath-parallel': { description: 'the runtime alone: warm pools, parallel and streamed tool dispatch; powerful model only, no cache, no routing, no speculation', features: { ...noCaches, ...noRouting } },
  'hotpath-nocache': { description: 'everything but the caches (response, tool-result, plan) and the speculation plans feed', features: noCaches },
  'hotpath-norouter': { description: 'everything but routing: the powerful model only, no hedging', features: noRouting },
  'hotpath-nohedge': { description: 'everything but hedging', features: { hedging: false } },
} as const satisfies Record<string, HotpathVariant>;

export type HotpathVariantName = keyof typeof hotpathVariants;

const hotpathVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function hotpathAgentFactory(variant: HotpathVariantName) {
  return (context: BenchAgentContext): BenchAgent => {
    const { simulator, agentName } = context;
    const demo = createSimulatorAgent({ simulator, name: agentName, features: hotpathVariants[variant].features, maxSteps: benchMaxSteps });
    return {
      name: agentName,
      versions: { hotpath: hotpathVersion, variant },
      setup: () => demo.warmUp(),
      async run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
        // Text of a turn that ends in tool calls is a preamble (a first event); the answer's first
        // token is the first text of the final turn, known once the run is over.
        let turnFirstTextAt: number | undefined;
        const onEvent = (event: AgentEvent) => {
          if (event.type === 'model-call-start') turnFirstTextAt = undefined;
          if (event.type === 'progress' || event.type === 'tool-call-start' || event.type === 'cache-hit') onFirstEvent();
          if (event.type === 'text-delta') {
            onFirstEvent();
            turnFirstTextAt ??= Date.now();
          }
        };
        const result = await demo.agent.run(request.text, { user: request.userId, requestId, signal, onEvent });
        if (turnFirstTextAt !== undefined) onFirstToken(turnFirstTextAt);
        return {
          text: result.text,
          ...(result.cache ? { cacheServed: true, cacheLayer: result.cache.layer } : {}),
          spans: result.timings.spans,
        };
      },
      close: () => demo.close(),
    };
  };
}
