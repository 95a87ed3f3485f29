// The commented configuration `hotpath init` writes. It is a working file: a test loads it.

export const exampleConfigFileName = 'hotpath.yaml';

export const exampleConfigYaml = `# hotpath gateway configuration. Start it with: hotpath serve --config hotpath.yaml
# Every string may use \${env:NAME} (or \${env:NAME:-fallback}) so secrets stay out of this file.
# Reference: docs/gateway.md.

server:
  host: 127.0.0.1          # 0.0.0.0 to accept other machines (then configure auth.keys)
  port: 8700
  workers: 1               # node:cluster workers; more than one wants cache.store: redis
  bodyLimitBytes: 1048576  # larger bodies get 413
  shutdownGraceMs: 10000   # on SIGTERM, running streams get this long to finish

auth:
  anonymousLoopback: true  # requests from this machine need no key (tenant "local")
  keys:
    - key: \${env:HOTPATH_KEY_ACME:-change-me-acme-key}
      tenant: acme
      rateLimit: { requestsPerSecond: 20, burst: 40 }   # 429 with Retry-After beyond it
    - key: \${env:HOTPATH_KEY_GLOBEX:-change-me-globex-key}
      tenant: globex
  defaultRateLimit: { requestsPerSecond: 50 }

providers:
  openai:
    type: openai-compatible            # OpenAI, Azure OpenAI, vLLM, Ollama, Groq, hotpath simulate...
    baseURL: \${env:OPENAI_BASE_URL:-https://api.openai.com/v1}
    apiKey: \${env:OPENAI_API_KEY:-unset}
    connections: 16                    # keep-alive pool, opened at start-up
  anthropic:
    type: anthropic
    baseURL: \${env:ANTHROPIC_BASE_URL:-https://api.anthropic.com/v1}
    apiKey: \${env:ANTHROPIC_API_KEY:-unset}

# Model names clients may ask for, mapped to a provider's model. "auto" lets the router pick a tier.
models:
  gpt-4o-mini: { provider: openai, tier: fast, fallbacks: [claude-haiku] }
  gpt-4o: { provider: openai, tier: powerful, fallbacks: [claude-sonnet], hedgeAfterMs: 2500 }
  claude-haiku: { provider: anthropic, model: claude-3-5-haiku-latest, tier: fast, warm: false }
  claude-sonnet: { provider: anthropic, model: claude-sonnet-4-5, tier: powerful, warm: false }

router:
  tiers: [fast, powerful]  # cheapest first
  classifier: true         # built-in complexity classifier picks the starting tier
  hedging: true
  escalation: true         # a cheap tier's bad answer is redone one tier up
  failover: next-tier

# Agents run server-side with their tools: model "hotpath" runs the default agent, or use its name.
defaultAgent: service-desk
agents:
  service-desk:
    description: IT service desk assistant
    instructions: |
      You are the IT service desk assistant. Use the tools to read current data; never guess.
      Current user: {user}
    models: { fast: gpt-4o-mini, powerful: gpt-4o }
    toolsBaseUrl: \${env:SERVICE_DESK_API:-http://127.0.0.1:9000}
    toolHeaders: { authorization: "Bearer \${env:SERVICE_DESK_TOKEN:-unset}" }
    tools:
      - name: get_ticket_status
        description: Status, priority and assignee of a ticket.
        method: GET
        url: /api/tickets/{ticketId}
        input:
          type: object
          properties: { ticketId: { type: string, pattern: "^INC-[0-9]+$" } }
          required: [ticketId]
        readOnly: true
        idempotent: true
        cache: { ttlMs: 300000, scope: tenant }   # change events evict it sooner
        reads: ["ticket:{ticketId}"]
        progress: "Looking up {ticketId}…"
      - name: update_ticket
        description: Change a ticket's status or add a comment.
        method: PATCH
        url: /api/tickets/{ticketId}
        input:
          type: object
          properties:
            ticketId: { type: string }
            status: { type: string, enum: [New, In Progress, On Hold, Resolved, Closed] }
            comment: { type: string }
          required: [ticketId]
        readOnly: false
        idempotent: true
        writes: ["ticket:{ticketId}"]           # a successful call evicts what read this ticket
        progress: "Updating {ticketId}…"
    cache: { toolResults: true, responses: true, plans: true }

cache:
  store: memory            # redis: shared by every worker and machine
  redis: { url: "\${env:REDIS_URL:-redis://127.0.0.1:6379}", keyPrefix: "hotpath:" }
  memoryBytes: 67108864
  proxyResponses: deterministic   # cache proxied completions with temperature 0
  proxyTtlMs: 300000

changeFeeds:
  redis: []                # e.g. [{ url: "redis://127.0.0.1:6379", channel: "backend:changes" }]
  webhook:
    enabled: true          # POST /v1/webhooks/changes
    # secret: \${env:HOTPATH_WEBHOOK_SECRET}

# embeddings: { provider: openai, model: text-embedding-3-small }   # else the embedded encoder

limits:
  requestTimeoutMs: 60000
  maxConcurrentRequests: 1024
  maxMessages: 256
  maxTools: 128
  maxOutputTokens: 32768
`;
