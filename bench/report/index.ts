export { renderLatencyChartSvg } from './latency-chart-svg.js';
export { renderMarkdownReport, type MarkdownReportOptions } from './markdown-report.js';
export { agentColour, escapeXml } from './svg-text.js';
export { renderWaterfallSvg } from './waterfall-chart-svg.js';
export { chartPaths, writeBenchReport, type WriteBenchReportOptions, type WrittenFiles } from './write-bench-report.js';
