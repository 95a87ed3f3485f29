import type { Waterfall } from '../run/index.js';
import { agentColour, coordinate, escapeXml } from './svg-text.js';

// One typical request as each agent ran it: a bar per model call and tool call from the call log,
// placed relative to the request's start. Sequential tools stack like stairs; parallel ones sit
// side by side. The darker head of a bar is connection setup / cold start; a tick marks the first
// answer token and a line the end of the answer.

const width = 960;
const labelWidth = 230;
const rowHeight = 18;
const headerHeight = 24;
const margin = { top: 56, right: 80, bottom: 40 };

const barColours = { fast: '#8fbf5a', powerful: '#e08a3c', tool: '#4f8fd6', penalty: '#555555' };

export function renderWaterfallSvg(waterfall: Waterfall | null): string {
  if (waterfall === null) {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60" viewBox="0 0 ${width} 60" font-family="sans-serif" font-size="12">`,
      '<text x="10" y="30">No request was answered by every agent: no waterfall to draw.</text>',
      '</svg>',
      '',
    ].join('\n');
  }
  const rows = waterfall.agents.reduce((count, agent) => count + 1 + Math.max(agent.bars.length, 1), 0);
  const height = margin.top + rows * rowHeight + waterfall.agents.length * (headerHeight - rowHeight + 6) + margin.bottom;
  const plotWidth = width - labelWidth - margin.right;
  const longest = Math.max(1, ...waterfall.agents.flatMap((agent) => [agent.latencyMs, ...agent.bars.map((bar) => bar.endMs)]));
  const x = (ms: number) => labelWidth + (Math.max(0, ms) / longest) * plotWidth;

  const title = `Request ${waterfall.requestId} (${waterfall.kind}): "${truncate(waterfall.text, 90)}"`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${coordinate(height)}" viewBox="0 0 ${width} ${coordinate(height)}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${coordinate(height)}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="40" fill="#555555">Bars: model calls (green fast, orange powerful) and tool calls (blue); dark head = connection setup / cold start; scenario ms from the request's start.</text>`,
  ];
  let top = margin.top;
  waterfall.agents.forEach((agent, agentIndex) => {
    const colour = agentColour(agentIndex);
    parts.push(`<g class="agent" data-agent="${escapeXml(agent.name)}">`);
    parts.push(`<rect x="0" y="${coordinate(top)}" width="${width}" height="${headerHeight}" fill="${colour}" fill-opacity="0.08"/>`);
    const firstToken = agent.firstTokenMs === null ? '' : `, first token ${Math.round(agent.firstTokenMs)} ms`;
    parts.push(`<text x="10" y="${coordinate(top + 16)}" font-weight="bold" fill="${colour}">${escapeXml(agent.name)}: ${Math.round(agent.latencyMs)} ms${firstToken} (${agent.score})</text>`);
    top += headerHeight + 4;
    const bandTop = top;
    if (agent.bars.length === 0) {
      parts.push(`<text x="${labelWidth}" y="${coordinate(top + 12)}" fill="#777777">no backend calls (answered without them)</text>`);
      top += rowHeight;
    }
    for (const bar of agent.bars) {
      const label = bar.kind === 'llm' ? `LLM ${bar.name}` : `tool ${bar.name}`;
      const fill = bar.kind === 'tool' ? barColours.tool : barColours[bar.tier ?? 'powerful'];
      const left = x(bar.startMs);
      const right = Math.max(x(bar.endMs), left + 1);
      const penaltyRight = Math.min(right, x(bar.startMs + bar.penaltyMs));
      parts.push(`<text x="${labelWidth - 8}" y="${coordinate(top + 12)}" text-anchor="end">${escapeXml(label)}</text>`);
      parts.push(`<rect class="bar" x="${coordinate(left)}" y="${coordinate(top + 2)}" width="${coordinate(right - left)}" height="${rowHeight - 5}" fill="${fill}"><title>${escapeXml(`${label}: ${Math.round(bar.startMs)}–${Math.round(bar.endMs)} ms`)}</title></rect>`);
      if (bar.penaltyMs > 0) {
        parts.push(`<rect x="${coordinate(left)}" y="${coordinate(top + 2)}" width="${coordinate(penaltyRight - left)}" height="${rowHeight - 5}" fill="${barColours.penalty}" fill-opacity="0.7"/>`);
      }
      parts.push(`<text x="${coordinate(right + 4)}" y="${coordinate(top + 12)}" fill="#555555">${Math.round(bar.endMs - bar.startMs)} ms</text>`);
      top += rowHeight;
    }
    const end = coordinate(x(agent.latencyMs));
    parts.push(`<line x1="${end}" y1="${coordinate(bandTop)}" x2="${end}" y2="${coordinate(top)}" stroke="${colour}" stroke-width="2"/>`);
    if (agent.firstTokenMs !== null) {
      const tick = coordinate(x(agent.firstTokenMs));
      parts.push(`<line x1="${tick}" y1="${coordinate(bandTop)}" x2="${tick}" y2="${coordinate(top)}" stroke="${colour}" stroke-dasharray="3 3"/>`);
    }
    parts.push('</g>');
    top += 2;
  });
  const axisY = top + 8;
  const step = axisStep(longest);
  parts.push(`<line x1="${labelWidth}" y1="${coordinate(axisY)}" x2="${labelWidth + plotWidth}" y2="${coordinate(axisY)}" stroke="#999999"/>`);
  for (let ms = 0; ms <= longest + 1e-9; ms += step) {
    parts.push(`<text x="${coordinate(x(ms))}" y="${coordinate(axisY + 16)}" text-anchor="middle">${ms >= 1000 ? `${coordinate(ms / 1000, 2)} s` : `${ms} ms`}</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function axisStep(longestMs: number): number {
  for (const step of [100, 250, 500, 1000, 2000, 5000, 10_000]) if (longestMs / step <= 12) return step;
  return 20_000;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
