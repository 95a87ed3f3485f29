import type { BenchResult } from '../run/index.js';
import { agentColour, coordinate, escapeXml } from './svg-text.js';

// The latency distribution per agent as a CDF: y is the share of ALL requests answered within x
// (failed requests never count, so a curve that tops out below 100% shows failures). Dashed lines
// mark the seed's targets: 3 s (80% of requests) and 5 s (95%).

const width = 860;
const height = 420;
const margin = { left: 60, right: 180, top: 40, bottom: 50 };

export function renderLatencyChartSvg(result: Pick<BenchResult, 'agents' | 'scenario'>): string {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const curves = result.agents.map((agent) => ({
    name: agent.name,
    total: agent.perRequest.length,
    latencies: agent.perRequest.filter((row) => row.error === undefined).map((row) => row.latencyMs).sort((a, b) => a - b),
  }));
  const longest = Math.max(5500, ...curves.flatMap((curve) => curve.latencies));
  const maxSeconds = niceCeiling(longest / 1000);
  const x = (ms: number) => margin.left + (ms / 1000 / maxSeconds) * plotWidth;
  const y = (share: number) => margin.top + (1 - share) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>Latency distribution (${escapeXml(result.scenario)})</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="22" font-size="15" font-weight="bold">Latency distribution: share of requests answered within t (scenario time)</text>`,
  ];
  const step = tickStep(maxSeconds);
  for (let second = 0; second <= maxSeconds + 1e-9; second += step) {
    const px = coordinate(x(second * 1000));
    parts.push(`<line x1="${px}" y1="${margin.top}" x2="${px}" y2="${margin.top + plotHeight}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${px}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${coordinate(second, 2)} s</text>`);
  }
  for (let share = 0; share <= 1.0001; share += 0.2) {
    const py = coordinate(y(share));
    parts.push(`<line x1="${margin.left}" y1="${py}" x2="${margin.left + plotWidth}" y2="${py}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${Math.round(share * 100)}%</text>`);
  }
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999999"/>`);
  for (const target of [3000, 5000]) {
    const px = coordinate(x(target));
    parts.push(`<line class="target" x1="${px}" y1="${margin.top}" x2="${px}" y2="${margin.top + plotHeight}" stroke="#555555" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${px}" y="${margin.top - 6}" text-anchor="middle" fill="#555555">${target / 1000} s</text>`);
  }
  curves.forEach((curve, index) => {
    const colour = agentColour(index);
    const points: string[] = [`${coordinate(x(0))},${coordinate(y(0))}`];
    curve.latencies.forEach((latency, rank) => {
      points.push(`${coordinate(x(latency))},${coordinate(y(rank / curve.total))}`);
      points.push(`${coordinate(x(latency))},${coordinate(y((rank + 1) / curve.total))}`);
    });
    const answeredShare = curve.total === 0 ? 0 : curve.latencies.length / curve.total;
    points.push(`${coordinate(x(maxSeconds * 1000))},${coordinate(y(answeredShare))}`);
    parts.push(`<polyline class="cdf" data-agent="${escapeXml(curve.name)}" fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`);
    const legendY = margin.top + 10 + index * 20;
    parts.push(`<line x1="${width - margin.right + 16}" y1="${legendY}" x2="${width - margin.right + 40}" y2="${legendY}" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<text x="${width - margin.right + 46}" y="${legendY}" dominant-baseline="middle">${escapeXml(curve.name)}</text>`);
  });
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">end-to-end latency (scenario seconds)</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function niceCeiling(seconds: number): number {
  for (const candidate of [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 90, 120]) if (seconds <= candidate) return candidate;
  return Math.ceil(seconds / 60) * 60;
}

function tickStep(maxSeconds: number): number {
  if (maxSeconds <= 2) return 0.25;
  if (maxSeconds <= 6) return 1;
  if (maxSeconds <= 15) return 2;
  if (maxSeconds <= 30) return 5;
  return 10;
}
