export { containsPhrase } from './contains-phrase.js';
export { factState, scoreAnswer, type AnswerScore, type FactState, type ScoreAnswerOptions } from './score-answer.js';
export { emptyScoreCounts, scoreLabels, type ScoreCounts, type ScoreLabel } from './score-label.js';
