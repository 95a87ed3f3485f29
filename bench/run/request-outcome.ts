import type { StageSpan } from '../../src/index.js';
import type { AnswerScore } from '../scoring/index.js';

/** What happened to one request of one agent; times are wall-clock ms since the epoch. */
export interface RequestOutcome {
  agent: string;
  /** Workload id (`w17`), the common-random-number key. */
  key: string;
  /** Full request id as sent (`w17#ai-sdk`). */
  requestId: string;
  kind: string;
  complexity: 'simple' | 'complex';
  startedAt: number;
  endedAt: number;
  firstEventAt?: number;
  firstTokenAt?: number;
  text?: string;
  /** Set when the run threw or timed out. */
  error?: string;
  timedOut: boolean;
  cacheServed: boolean;
  cacheLayer?: string;
  spans?: StageSpan[];
}

export interface ScoredOutcome extends RequestOutcome {
  score: AnswerScore;
}
