// What the response cache stores per answer, in a form every store can hold (plain JSON: the request
// vector travels as base64 so a Redis-backed cache can rebuild its index at start-up).

import type { SpeechAct } from '../slots/index.js';

export interface ResponseEntry {
  format: 1;
  namespace: string;
  tenant?: string;
  /** Set when the answer used the asker's own data: then only they get it. */
  user?: string;
  request: string;
  normalized: string;
  signature: string;
  softTerms: string[];
  act: SpeechAct;
  answer: string;
  /** The request pattern the entry belongs to, for per-pattern thresholds. */
  cluster: string;
  /** The read calls it was built from, normalised: "get_ticket_status {"ticketid":"inc-4821"}". */
  plan: string[];
  /** Data it depends on: invalidating any of these evicts it. */
  tags: string[];
  /** Versions of the tool results it was built from. */
  dependencies: Array<{ key: string; version: number }>;
  /** The request's vector (base64 float32), when it was embedded. */
  embedding?: string;
  createdAt: number;
  expiresAt: number;
}

export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

export function decodeVector(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const vector = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}
