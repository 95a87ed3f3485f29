import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResult } from '../run/index.js';
import { renderLatencyChartSvg } from './latency-chart-svg.js';
import { renderMarkdownReport } from './markdown-report.js';
import { renderWaterfallSvg } from './waterfall-chart-svg.js';

export interface WriteBenchReportOptions {
  result: BenchResult;
  /** Where to write the JSON results. */
  jsonPath?: string;
  /** Where to write the Markdown report; its charts go beside it as <report>-latency.svg and <report>-waterfall.svg. */
  reportPath?: string;
}

export interface WrittenFiles {
  json?: string;
  report?: string;
  latencyChart?: string;
  waterfallChart?: string;
}

export async function writeBenchReport({ result, jsonPath, reportPath }: WriteBenchReportOptions): Promise<WrittenFiles> {
  const written: WrittenFiles = {};
  if (jsonPath !== undefined) {
    await mkdir(path.dirname(path.resolve(jsonPath)), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    written.json = jsonPath;
  }
  if (reportPath !== undefined) {
    const { latencyChart, waterfallChart } = chartPaths(reportPath);
    await mkdir(path.dirname(path.resolve(reportPath)), { recursive: true });
    await writeFile(latencyChart, renderLatencyChartSvg(result));
    await writeFile(waterfallChart, renderWaterfallSvg(result.waterfall));
    const relative = (file: string) => path.relative(path.dirname(path.resolve(reportPath)), path.resolve(file)).split(path.sep).join('/');
    await writeFile(reportPath, renderMarkdownReport(result, {
      latencyChart: relative(latencyChart),
      waterfallChart: relative(waterfallChart),
      ...(jsonPath === undefined ? {} : { json: relative(jsonPath) }),
    }));
    Object.assign(written, { report: reportPath, latencyChart, waterfallChart });
  }
  return written;
}

/** `out.md` → `out-latency.svg`, `out-waterfall.svg` in the same folder. */
export function chartPaths(reportPath: string): { latencyChart: string; waterfallChart: string } {
  const base = reportPath.replace(/\.(md|markdown)$/i, '');
  return { latencyChart: `${base}-latency.svg`, waterfallChart: `${base}-waterfall.svg` };
}
