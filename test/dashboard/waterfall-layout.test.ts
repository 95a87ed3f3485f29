import { beforeAll, describe, expect, it } from 'vitest';
import type { StageSpan } from '../../src/index.js';
import { loadPageModule, type WaterfallLayoutModule } from './page-modules.js';

let page: WaterfallLayoutModule;

beforeAll(async () => {
  page = await loadPageModule<WaterfallLayoutModule>('waterfall-layout.js');
});

const tool = (name: string, startMs: number, endMs: number): StageSpan => ({ stage: 'tool', name: `tool ${name}`, startMs, endMs });
const geometry = { width: 760, labelWidth: 200, rightPadding: 60 };

describe('waterfall layout', () => {
  it('draws the seed\'s sequential calls as a staircase and its parallel calls over one stretch', () => {
    const sequential = page.layoutWaterfall({ ...geometry, spans: [tool('api_1', 0, 2000), tool('api_2', 2000, 3500), tool('api_3', 3500, 5500)], totalMs: 5500 });
    const [first, second, third] = sequential.bars;
    expect(second!.x).toBeCloseTo(first!.x + first!.width, 6);
    expect(third!.x).toBeCloseTo(second!.x + second!.width, 6);
    expect(third!.x + third!.width).toBeCloseTo(geometry.width - geometry.rightPadding, 6);

    const parallel = page.layoutWaterfall({ ...geometry, spans: [tool('api_1', 0, 2000), tool('api_2', 0, 1500), tool('api_3', 0, 2000)], totalMs: 2000 });
    expect(parallel.bars.map((bar) => bar.x)).toEqual([geometry.labelWidth, geometry.labelWidth, geometry.labelWidth]);
    expect(parallel.bars.map((bar) => bar.row)).toEqual([0, 1, 2]);
    const widthOf = (name: string) => parallel.bars.find((bar) => bar.span.name === `tool ${name}`)!.width;
    expect(widthOf('api_2') / widthOf('api_1')).toBeCloseTo(0.75, 6);
    expect(parallel.bars[0]!.span.name).toBe('tool api_2');
  });

  it('orders rows by start, then by pipeline stage, and keeps zero-length spans visible', () => {
    const spans: StageSpan[] = [
      { stage: 'model', name: 'model sim-fast', startMs: 10, endMs: 400, attributes: { tier: 'fast', ttftMs: 120 } },
      { stage: 'cache', name: 'cache exact', startMs: 10, endMs: 10 },
      { stage: 'classify', name: 'classify route', startMs: 0, endMs: 10 },
      { stage: 'tool', name: 'tool broken', startMs: 50, endMs: 20 },
    ];
    const layout = page.layoutWaterfall({ ...geometry, spans, totalMs: 400 });
    expect(layout.bars.map((bar) => bar.span.stage)).toEqual(['classify', 'cache', 'model']);
    expect(layout.bars[1]!.width).toBeGreaterThan(0);
    const model = layout.bars[2]!;
    expect(model.ttftX).toBeCloseTo(layout.scale(130), 6);
    expect(model.label).toBe('model sim-fast · fast');
  });

  it('labels escalated, hedged, cached and failed calls', () => {
    expect(page.spanLabel({ stage: 'model', name: 'model sim-powerful', startMs: 0, endMs: 1, attributes: { tier: 'powerful', escalated: true, hedged: true } }))
      .toBe('model sim-powerful · powerful · escalated · hedged');
    expect(page.spanLabel({ stage: 'tool', name: 'tool lookup_user', startMs: 0, endMs: 1, attributes: { ok: false, source: 'cache' } })).toBe('tool lookup_user · cache · failed');
  });

  it('puts round ticks from 0 past the end of the run', () => {
    expect(page.niceTicks(5500, 6)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(page.niceTicks(740, 6)).toEqual([0, 200, 400, 600]);
    expect(page.niceTicks(1, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
