// What a simulated domain (the seed's IT service desk, tau-bench retail) provides. The simulator
// serves its tools over HTTP and its brain over the LLM protocols; the benchmark draws requests
// from it and scores answers with it. Nothing here knows about any particular agent.

import type { z } from 'zod';
import type { Brain } from '../brain/index.js';
import type { RandomSource } from '../random/index.js';
import type { EntityKey, WorldReader } from '../world/world-types.js';

/** How a tool is reached over HTTP: path parameters in braces, the rest as query (GET) or JSON body. */
export interface ToolHttpBinding {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** e.g. "/api/tickets/{ticketId}". */
  path: string;
}

/** One tool of the domain's API, described once for every client (frameworks, hotpath, docs). */
export interface ToolCatalogEntry {
  name: string;
  description: string;
  /** Zod object schema of the arguments. */
  input: z.ZodObject;
  http: ToolHttpBinding;
  readOnly: boolean;
  idempotent: boolean;
  /** Data the tool reads / writes, as tag templates over its arguments: "ticket:{ticketId}". */
  reads: string[];
  writes: string[];
  /** Whether the result depends on who asks (it must not be shared across users). */
  userScoped: boolean;
}

/** A reference to one fact a correct answer must state: the value of `field` of `entity`. */
export interface FactRef {
  entity: EntityKey;
  field: string;
}

/** A side effect the request asks for; `match` must be a subset of the performed effect's params. */
export interface SideEffectExpectation {
  kind: string;
  match: Record<string, unknown>;
}

export interface RequestTruth {
  facts: FactRef[];
  sideEffects: SideEffectExpectation[];
  /** Entities the request is about: mentioning others of the same type is a wrong-entity answer. */
  entities: EntityKey[];
  /** Literal strings the answer must contain (tau-bench `outputs`). */
  outputs?: string[];
}

/** One planned tool call, for the critical-path bound. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Indexes (into the flattened plan) of calls whose results this call needs. */
  dependsOn: number[];
}

export interface DomainRequest {
  /** Intent or task family, e.g. "ticket-status", "trend-analysis", "tau-task". */
  kind: string;
  complexity: 'simple' | 'complex';
  /** The asking user's id (the agent puts "Current user: <id>" in its system prompt). */
  userId: string;
  /** The user's message. */
  text: string;
  truth: RequestTruth;
  /** The calls a correct agent makes, with their dependencies. */
  plan: PlannedCall[];
  /** Typical answer length in tokens (for the bound's answer call). */
  answerTokens: number;
}

export interface GenerateRequestOptions {
  random: RandomSource;
  /** Ordinal of the request in its run; domains with side effects use it to hand out non-conflicting tasks. */
  index?: number;
  /** Intent to draw; the domain's own mix when omitted. */
  kind?: string;
  /** Zipf exponents for how often the same entity / user recurs. */
  entitySkew: number;
  userSkew: number;
}

export interface MentionScan {
  /** Entity keys the text names (ticket ids, order ids, KB ids, error codes...). */
  entities: EntityKey[];
  /** User ids whose name or e-mail the text contains. */
  users: string[];
}

export interface SimDomain {
  readonly name: 'service-desk' | 'tau-retail';
  readonly catalog: readonly ToolCatalogEntry[];
  readonly brain: Brain;
  readonly world: WorldReader;
  /** Intents with their default share of traffic. */
  readonly kinds: ReadonlyArray<{ kind: string; complexity: 'simple' | 'complex'; weight: number }>;
  generateRequest(options: GenerateRequestOptions): DomainRequest;
  /** The text form in which the brain states a value, so the scorer can look for it. */
  renderFact(fact: FactRef, value: unknown): string;
  scanMentions(text: string): MentionScan;
  /** Users whose data may legitimately appear in an answer to `request` besides the asker (managers, assignees). */
  relatedUsers(namespace: string, request: DomainRequest, at: number): string[];
}
