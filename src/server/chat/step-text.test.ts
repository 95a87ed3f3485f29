import { describe, expect, it } from 'vitest';
import { StepText } from './step-text.js';

describe('StepText', () => {
  it("separates a later turn's answer from an earlier turn's preamble, and nothing else", () => {
    const text = new StepText();
    text.step(0);
    const sent = [text.delta('One moment '), text.delta('while I check.')];
    text.step(1); // tool calls ran; this turn says nothing
    text.step(2);
    sent.push(text.delta(''), text.delta('INC-2571 is '), text.delta('In Progress.'));
    expect(sent.join('')).toBe('One moment while I check.\n\nINC-2571 is In Progress.');
  });

  it('adds nothing to a single turn, or to a first text that comes in a later turn', () => {
    const text = new StepText();
    text.step(1);
    expect(text.delta('INC-2571 ') + text.delta('is open.')).toBe('INC-2571 is open.');
  });
});
