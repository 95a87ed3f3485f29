import { describe, expect, it } from 'vitest';
import { parseLabelledExamples } from './labelled-examples.js';

describe('parseLabelledExamples', () => {
  it('reads one example per line, skipping blank lines and // comments', () => {
    const text = '{"text":"Reset my password","tier":"simple"}\n\n// analysis\n{"text":"Why did billing fail?","tier":"complex"}\n';
    expect(parseLabelledExamples(text)).toEqual([
      { text: 'Reset my password', tier: 'simple' },
      { text: 'Why did billing fail?', tier: 'complex' },
    ]);
  });

  it('names the source and line of a bad example', () => {
    expect(() => parseLabelledExamples('{"text":"ok","tier":"simple"}\n{"text":', { source: 'a.jsonl' })).toThrow(/a\.jsonl:2: not valid JSON/);
    expect(() => parseLabelledExamples('{"text":"  ","tier":"simple"}', { source: 'b.jsonl' })).toThrow(/b\.jsonl:1: [^]*at text/);
    expect(() => parseLabelledExamples('{"text":"x","tier":"huge"}', { source: 'c.jsonl', tiers: ['simple', 'complex'] })).toThrow(
      /c\.jsonl:1: tier "huge" is not one of simple, complex/,
    );
  });
});
