export { exampleConfigFileName, exampleConfigYaml } from './example-config.js';
export {
  agentSchema,
  apiKeySchema,
  authSchema,
  cacheSchema,
  changeFeedsSchema,
  embeddingsSchema,
  gatewayConfigSchema,
  limitsSchema,
  modelSchema,
  providerSchema,
  rateLimitSchema,
  reservedModelNames,
  routerSchema,
  serverSchema,
  toolSchema,
  type AgentConfig,
  type ApiKeyConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type ModelConfig,
  type ProviderConfig,
  type RateLimitConfig,
  type ToolConfig,
} from './gateway-config-schema.js';
export { formatPath, interpolateEnv, type InterpolateEnvOptions } from './interpolate-env.js';
export { loadGatewayConfig, parseGatewayConfig, type ParseGatewayConfigOptions } from './load-gateway-config.js';
