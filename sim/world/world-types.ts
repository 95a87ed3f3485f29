// The simulated systems of record. Entities are keyed "type:id" ("ticket:INC-4821", "user:u0042").
// Every field keeps its history, so an answer can be scored against what was true at the moment it
// was given (correct), only earlier (stale), or never for that entity (wrong entity, other user).
//
// Namespaces: background mutations change the base world (namespace null) that everybody sees;
// writes made by a client (password reset, ticket update) land in that client's namespace only
// (see sim/http/request-identity.ts), so agents replaying the same workload stay independent.

export type EntityKey = string;

export interface ValueInterval {
  value: unknown;
  /** Wall-clock ms since epoch when the value became visible. */
  from: number;
  /** When it stopped being visible in this view, or null while current. */
  to: number | null;
  /** null for the base world, else the namespace whose write set it. */
  namespace: string | null;
}

export interface ChangeEvent {
  /** Unique, increasing. */
  id: number;
  /** "<entity type>.updated" / ".created" / ".deleted", e.g. "ticket.updated". */
  type: string;
  entity: EntityKey;
  /** Cache tags the change touches, e.g. ["ticket:INC-4821", "user:u0042"]. */
  tags: string[];
  fields: Record<string, { from: unknown; to: unknown }>;
  /** The entity's version after the change. */
  version: number;
  at: number;
  namespace: string | null;
  cause: 'mutation' | 'write' | 'admin';
  requestId?: string;
}

export interface SideEffectRecord {
  /** Tool-level kind, e.g. "reset_password", "update_ticket", "cancel_pending_order". */
  kind: string;
  params: Record<string, unknown>;
  requestId: string;
  key: string;
  namespace: string;
  at: number;
  ok: boolean;
}

export interface WorldReader {
  /** The entity as `namespace` sees it now (base plus the namespace's own writes), or undefined. */
  get(namespace: string, entity: EntityKey): (Record<string, unknown> & { version: number }) | undefined;
  /** Entity keys of a type ("ticket"), in a stable order. */
  keys(type: string): EntityKey[];
  /** Every value the field has had in `namespace`'s view, oldest first. */
  history(namespace: string, entity: EntityKey, field: string): ValueInterval[];
  /** Side effects performed, optionally filtered. */
  effects(filter?: { namespace?: string; requestId?: string; key?: string; kind?: string }): SideEffectRecord[];
  /** Listen to every change (base and namespaced); returns an unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}
