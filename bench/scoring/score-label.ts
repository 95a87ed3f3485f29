/** Labels in precedence order: a request gets the first one that applies. */
export const scoreLabels = ['failed', 'otherUser', 'wrongEntity', 'missingSideEffect', 'stale', 'correct'] as const;

export type ScoreLabel = (typeof scoreLabels)[number];

export type ScoreCounts = Record<ScoreLabel, number>;

export function emptyScoreCounts(): ScoreCounts {
  return { correct: 0, stale: 0, wrongEntity: 0, otherUser: 0, missingSideEffect: 0, failed: 0 };
}
