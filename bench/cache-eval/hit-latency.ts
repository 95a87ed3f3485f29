// Micro-benchmark of a response-cache hit inside the runtime, end to end through createAgent: from
// agent.run() to its result, for exact hits (a repeated request) and semantic hits (a paraphrase
// never seen before, so its embedding is computed: the offline Universal Sentence Encoder on a worker
// thread). Targets: exact p99 ≤ 1 ms, semantic p99 ≤ 30 ms including the embedding.
// `npx tsx bench/cache-eval/hit-latency.ts` prints Markdown.

import { loadavg, setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import * as hotpath from '../../src/index.js';
import type { AgentLayer, EmbeddingModel, LanguageModel, ModelStreamPart, RunResult, Tool } from '../../src/index.js';
import { percentile } from '../micro/percentiles.js';

export interface HitLatencyApi {
  createAgent: typeof hotpath.createAgent;
  tool: typeof hotpath.tool;
  createUniversalSentenceEncoder(): EmbeddingModel & { close(): Promise<void>; ready(): Promise<unknown> };
  createResponseCache(options: { calibrator: unknown; explorationRate: number }): { idle(): Promise<void>; stats(): unknown };
  createThresholdCalibrator(options: { priorThreshold: number }): unknown;
  responseCacheLayer(cache: unknown, options?: { maxEmbeddingWaitMs?: number }): AgentLayer;
  createPlanCache(): unknown;
  planLayer(planCache: unknown): AgentLayer;
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface HitLatencyResult {
  loadAverage: number[];
  exact: LatencySummary;
  /** CPU time of the process per exact hit: what the code costs, without waiting for a busy machine's scheduler. */
  exactCpu: LatencySummary;
  semantic: LatencySummary & { paraphrases: number; hits: number };
  /** Semantic hit minus its embedding span: the cache's own share. */
  semanticWithoutEmbedding: LatencySummary;
  /** The encoder alone on the same kind of new sentence, for comparison. */
  embedding: LatencySummary;
  /** A miss through both cache layers (no embeddings, instant model) against the same agent without layers. */
  missWithLayers: LatencySummary;
  missWithoutLayers: LatencySummary;
}

const summarize = (samples: number[]): LatencySummary => ({
  samples: samples.length,
  p50Ms: percentile(samples, 50),
  p90Ms: percentile(samples, 90),
  p99Ms: percentile(samples, 99),
  maxMs: Math.max(...samples),
});

const askTemplates = ["What's the status of {id}?", 'Any news on {id}?', 'Can you check the status of {id} for me?', 'Where are we with ticket {id}?', 'Is anyone working on {id} yet?'];
const paraphraseTemplates = [
  'Could you tell me the current status of {id}, please?',
  "What's happening with my ticket {id}?",
  'Hi, can you check on {id} for me?',
  '{id} status please?',
  'Any update on ticket {id}?',
  'Hello! What is the status of {id}?',
  'Please tell me where {id} stands.',
  'Is there any progress on {id}?',
];

/** A model that looks the ticket up, then answers with the result: enough to fill the cache. */
function ticketModel(): LanguageModel {
  let counter = 0;
  return {
    provider: 'bench',
    modelId: 'bench-ticket-model',
    async stream(options) {
      const messages = options.messages;
      const results = messages.filter((message) => message.role === 'tool');
      const request = [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
      const ticket = /INC-\d+/.exec(request)?.[0] ?? 'INC-0000';
      const parts: ModelStreamPart[] =
        results.length === 0
          ? [{ type: 'tool-call', toolCall: { id: `call_${++counter}`, name: 'get_ticket_status', input: JSON.stringify({ ticketId: ticket }) } }, { type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 50, outputTokens: 10 } }]
          : [
              { type: 'text-delta', delta: `Ticket ${ticket} is ${JSON.parse(results[0]!.content).status}; Dana Smith from the network team is working on it and expects a fix today.` },
              { type: 'finish', finishReason: 'stop', usage: { inputTokens: 80, outputTokens: 30 } },
            ];
      return (async function* () {
        yield* parts;
      })();
    },
    async generate() {
      throw new Error('streams only');
    },
  };
}

export async function measureHitLatency(options: { api?: Partial<HitLatencyApi>; tickets?: number; exactRuns?: number } = {}): Promise<HitLatencyResult> {
  const api = { ...(hotpath as unknown as Partial<HitLatencyApi>), ...options.api } as HitLatencyApi;
  const missing = (['createAgent', 'tool', 'createUniversalSentenceEncoder', 'createResponseCache', 'createThresholdCalibrator', 'responseCacheLayer', 'createPlanCache', 'planLayer'] as const).filter((name) => typeof api[name] !== 'function');
  if (missing.length > 0) throw new Error(`src/index.ts does not export ${missing.join(', ')} (needed by bench/cache-eval/hit-latency.ts)`);
  const tickets = options.tickets ?? 40;
  const exactRuns = options.exactRuns ?? 3000;

  const encoder = api.createUniversalSentenceEncoder();
  await encoder.ready();
  try {
    const getTicket = api.tool({
      name: 'get_ticket_status',
      description: 'Gets a ticket',
      inputSchema: z.object({ ticketId: z.string() }),
      readOnly: true,
      idempotent: true,
      cache: { ttlMs: 600_000, scope: 'tenant' },
      reads: ['ticket:{ticketId}'],
      execute: (input) => ({ id: input.ticketId, status: 'In Progress', version: 1 }),
    }) as Tool;
    // Latency, not accuracy, is measured here: a prior threshold lets paraphrases hit from the start.
    const cache = api.createResponseCache({ calibrator: api.createThresholdCalibrator({ priorThreshold: 0.75 }), explorationRate: 0 });
    // The runs here are instant, so embeddings queue behind one another far more than behind real model
    // calls: the layer is told to wait for each, so the hit path itself is what gets measured.
    const agent = api.createAgent({ models: ticketModel(), tools: [getTicket], embeddings: encoder, instructions: 'You are the service desk.', layers: [api.responseCacheLayer(cache, { maxEmbeddingWaitMs: 10_000 })] });
    const ids = Array.from({ length: tickets }, (_, index) => `INC-${4000 + index}`);
    for (const id of ids) for (const template of askTemplates) await agent.run(template.replace('{id}', id));
    await cache.idle();

    const timed = async (text: string): Promise<{ ms: number; cpuMs: number; result: RunResult }> => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await agent.run(text);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return { ms, cpuMs: (used.user + used.system) / 1000, result };
    };

    const exact: number[] = [];
    const exactCpu: number[] = [];
    for (let index = 0; index < exactRuns; index++) {
      const { ms, cpuMs, result } = await timed(askTemplates[index % askTemplates.length]!.replace('{id}', ids[index % ids.length]!));
      if (result.cache?.layer !== 'exact') throw new Error(`expected an exact hit, got ${result.cache?.layer ?? 'a miss'}`);
      // The first runs warm the JIT.
      if (index < 200) continue;
      exact.push(ms);
      exactCpu.push(cpuMs);
    }

    const semantic: number[] = [];
    const semanticWithoutEmbedding: number[] = [];
    let paraphrases = 0;
    for (const template of paraphraseTemplates) {
      for (const id of ids) {
        paraphrases++;
        const { ms, result } = await timed(template.replace('{id}', id));
        if (result.cache?.layer !== 'semantic') continue;
        semantic.push(ms);
        const embed = result.timings.spans.find((span) => span.stage === 'embed');
        semanticWithoutEmbedding.push(ms - (embed ? embed.endMs - embed.startMs : 0));
      }
    }

    const embedding: number[] = [];
    for (const id of ids.slice(0, 30)) {
      const started = performance.now();
      await encoder.embed([`Could you give me an update about ticket ${id} today?`]);
      embedding.push(performance.now() - started);
    }

    // Misses: the layers' own cost on a request they cannot answer (slots, speech act, namespace, step recording).
    const instant: LanguageModel = {
      provider: 'bench',
      modelId: 'bench-instant',
      async stream() {
        return (async function* (): AsyncGenerator<ModelStreamPart> {
          yield { type: 'text-delta', delta: 'Noted.' };
          yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };
        })();
      },
      async generate() {
        throw new Error('streams only');
      },
    };
    const bare = api.createAgent({ models: instant, tools: [getTicket] });
    const layered = api.createAgent({
      models: instant,
      tools: [getTicket],
      layers: [api.responseCacheLayer(api.createResponseCache({ calibrator: api.createThresholdCalibrator({ priorThreshold: 0.75 }), explorationRate: 0 })), api.planLayer(api.createPlanCache())],
    });
    const missWith: number[] = [];
    const missWithout: number[] = [];
    for (let index = 0; index < 2200; index++) {
      const text = `Please note that the printer on floor ${index} prints blank pages since ${index % 28} May.`;
      for (const [agentUnderTest, samples] of [[bare, missWithout], [layered, missWith]] as const) {
        const started = performance.now();
        await agentUnderTest.run(text, { user: `u${index % 50}` });
        if (index >= 200) samples.push(performance.now() - started);
      }
    }

    return {
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      missWithLayers: summarize(missWith),
      missWithoutLayers: summarize(missWithout),
      exact: summarize(exact),
      exactCpu: summarize(exactCpu),
      semantic: { ...summarize(semantic), paraphrases, hits: semantic.length },
      semanticWithoutEmbedding: summarize(semanticWithoutEmbedding),
      embedding: summarize(embedding),
    };
  } finally {
    await encoder.close();
  }
}

export function renderHitLatency(result: HitLatencyResult): string {
  const row = (name: string, summary: LatencySummary) => `| ${name} | ${summary.samples} | ${summary.p50Ms.toFixed(3)} | ${summary.p90Ms.toFixed(3)} | ${summary.p99Ms.toFixed(3)} | ${summary.maxMs.toFixed(3)} |`;
  return [
    '# Response-cache hit latency through createAgent',
    '',
    `Load average during the run: ${result.loadAverage.join(' / ')} (1 / 5 / 15 min). Semantic: ${result.semantic.hits} hits of ${result.semantic.paraphrases} new paraphrases.`,
    '',
    '| path | samples | p50 ms | p90 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|',
    row('exact hit (agent.run → result), wall', result.exact),
    row('exact hit, process CPU time', result.exactCpu),
    row('semantic hit, new sentence (incl. embedding)', result.semantic),
    row('semantic hit minus its embedding span', result.semanticWithoutEmbedding),
    row('embedding of a new sentence alone', result.embedding),
    row('miss, instant model, no layers', result.missWithoutLayers),
    row('miss, instant model, response cache + plan layers', result.missWithLayers),
    '',
  ].join('\n');
}

export async function main(overrides?: Partial<HitLatencyApi>): Promise<void> {
  try {
    setPriority(10);
  } catch {
    // Not permitted: run at normal priority.
  }
  const result = await measureHitLatency(overrides ? { api: overrides } : {});
  process.stdout.write(renderHitLatency(result));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
