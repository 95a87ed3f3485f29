import { describe, expect, it } from 'vitest';
import { RunRecorder } from './run-recorder.js';

describe('RunRecorder', () => {
  it('records stages relative to the run start, sorted by start', async () => {
    const recorder = new RunRecorder('run-1');
    const model = recorder.start('model', 'model sim-fast');
    await new Promise((resolve) => setTimeout(resolve, 15));
    const tool = recorder.start('tool', 'tool lookup_user', { tool: 'lookup_user' });
    tool.end({ cached: false });
    model.end();
    const spans = recorder.spans();
    expect(spans.map((span) => span.stage)).toEqual(['model', 'tool']);
    expect(spans[0]!.endMs).toBeGreaterThanOrEqual(spans[1]!.endMs);
    expect(spans[1]!.startMs).toBeGreaterThanOrEqual(10);
    expect(spans[1]!.attributes).toEqual({ tool: 'lookup_user', cached: false });
  });

  it('ends a stage once', () => {
    const recorder = new RunRecorder('run-2');
    const handle = recorder.start('cache', 'exact');
    const first = handle.end();
    expect(handle.end()).toBe(first);
    expect(recorder.spans()).toHaveLength(1);
  });
});
