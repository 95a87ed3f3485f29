export { createProgressReporter, type ProgressReporter } from './bench-progress-bar.js';
export { runBenchCommand, type BenchCommandOptions } from './bench-command.js';
export { runDemoCommand, type DemoCommandOptions } from './demo-command.js';
export { summaryText } from './summary-text.js';
export { textWaterfall, type TextWaterfallOptions } from './text-waterfall.js';
