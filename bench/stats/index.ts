export { percentile, percentileMethod, percentileOfSorted } from './percentile.js';
export { ratio, shareBelow, summarizeLatency, type LatencySummary } from './summarize-latency.js';
