import OpenAI from 'openai';
import { demoGatewayConfig } from '../../demo/index.js';
import { createGateway, createGatewayRuntime, parseGatewayConfig } from '../../src/index.js';
import { benchMaxSteps, type BenchAgent, type BenchAgentContext } from './bench-agent.js';
import { packageVersion } from './package-version.js';

// hotpath as most users meet it: the gateway (the demo configuration over the simulator) on a local
// port, driven by the official `openai` SDK with nothing changed but the base URL. Progress arrives in
// the chunks' `hotpath` extension field; the answer in `content`.

interface HotpathChunkField {
  type?: string;
  cache?: { layer?: string } | null;
}

export function createHotpathGatewayAgent(context: BenchAgentContext): BenchAgent {
  const { simulator, agentName } = context;
  const config = parseGatewayConfig(demoGatewayConfig({ simulator, agentName: 'agent', namespace: agentName, server: { host: '127.0.0.1', port: 0 }, maxSteps: benchMaxSteps }), { source: 'benchmark gateway' });
  const runtime = createGatewayRuntime(config);
  const gateway = createGateway({ config, runtime, processMetrics: false, log: () => undefined });
  let client: OpenAI | undefined;
  return {
    name: agentName,
    versions: { openai: packageVersion('openai') },
    async setup() {
      // Warm the pools in this agent's namespace of the simulator, then open the gateway.
      await runtime.warmUp({ headers: { 'x-request-id': `warmup#${agentName}` } });
      const { url } = await gateway.listen({ host: '127.0.0.1', port: 0 });
      await gateway.warmUp();
      client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-on-loopback', maxRetries: 0 });
    },
    async run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
      if (!client) throw new Error('hotpath-gateway: setup() did not run');
      const stream = await client.chat.completions.create(
        { model: 'hotpath', stream: true, user: request.userId, messages: [{ role: 'user', content: request.text }] },
        { headers: { 'x-request-id': requestId }, signal },
      );
      let text = '';
      let cacheLayer: string | undefined;
      for await (const chunk of stream) {
        const extension = (chunk as unknown as { hotpath?: HotpathChunkField }).hotpath;
        if (extension?.type === 'progress' || extension?.type === 'cache-hit') onFirstEvent();
        if (extension?.cache?.layer) cacheLayer = extension.cache.layer;
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          onFirstEvent();
          onFirstToken();
          text += delta;
        }
      }
      return { text, ...(cacheLayer === undefined ? {} : { cacheServed: true, cacheLayer }) };
    },
    async close() {
      await gateway.close({ graceMs: 1000 });
      await runtime.close();
    },
  };
}
