// One call starts the whole simulator: the domain's world and tool APIs (with the admin API), the
// LLM providers speaking the OpenAI and Anthropic protocols with the domain's brain, background
// mutations and their announcements (webhooks, Redis). `close()` stops all of it.

import { createAdminApi } from './admin/index.js';
import { CallLog } from './calls/index.js';
import { createSimClock, type SimClock } from './clock/index.js';
import { defaultSimulatorConfig, parseSimulatorConfig, type SimulatorConfig } from './config/index.js';
import { createServiceDeskDomain } from './domains/service-desk/index.js';
import { createTauRetailDomain } from './domains/tau-retail/index.js';
import { ChangeAnnouncer } from './events/index.js';
import { sampleModelCall, startLlmServer, type LlmServer } from './llm/index.js';
import { MutationEngine } from './mutations/index.js';
import type { Simulator, StartSimulatorOptions } from './simulator.js';
import { startToolServer, type ServedDomain, type ToolServer } from './tools-server/index.js';

/** How long start-up waits for Redis before going on without it (it keeps reconnecting). */
const redisStartupWaitMs = 1000;

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const config = parseSimulatorConfig(options.config ?? defaultSimulatorConfig);
  const clock = createSimClock(config.timeScale);
  const calls = new CallLog();
  const domain = createDomain(config, clock);
  const announcer = new ChangeAnnouncer({
    webhookUrls: config.mutations.webhookUrls,
    redisChannel: config.mutations.redisChannel,
    ...(config.mutations.redisUrl ? { redisUrl: config.mutations.redisUrl } : {}),
  });
  const unsubscribe = domain.world.subscribe((event) => announcer.announce(event));
  const mutations = new MutationEngine({ clock, seed: config.seed, ratePerSecond: config.mutations.ratePerSecond, mutate: (random) => domain.mutate(random) });
  const admin = createAdminApi({
    world: domain.world, calls, mutations, announcer, redisChannel: config.mutations.redisChannel,
    ...(config.mutations.redisUrl ? { redisUrl: config.mutations.redisUrl } : {}),
  });
  let tools: ToolServer | undefined;
  let llm: LlmServer | undefined;
  const stop = async () => {
    mutations.stop();
    unsubscribe();
    admin.close();
    await Promise.all([tools?.close(), llm?.close()]);
    await announcer.close();
  };
  try {
    tools = await startToolServer({ config, clock, domain, calls, admin: admin.handle });
    llm = await startLlmServer({ config, clock, brain: domain.brain, calls });
    if (config.mutations.redisUrl) await announcer.waitForRedis(redisStartupWaitMs);
  } catch (error) {
    await stop();
    throw error;
  }
  mutations.start();
  const toolServer = tools;
  let closed: Promise<void> | undefined;
  return {
    config,
    clock,
    domain,
    calls,
    providers: llm.providers,
    toolsUrl: toolServer.url,
    sampleToolLatencyMs: (key, tool, args) => toolServer.latency.latencyMs(key, tool, args),
    sampleModelCall: (request) => sampleModelCall(config, request),
    mutateOnce: () => mutations.mutateOnce(),
    close: () => (closed ??= stop()),
  };
}

function createDomain(config: SimulatorConfig, clock: SimClock): ServedDomain {
  switch (config.domain) {
    case 'service-desk':
      return createServiceDeskDomain({ seed: config.seed, clock, ...(config.mutations.mix === undefined ? {} : { mutationMix: config.mutations.mix }) });
    case 'tau-retail':
      return createTauRetailDomain({ seed: config.seed, clock });
  }
}
