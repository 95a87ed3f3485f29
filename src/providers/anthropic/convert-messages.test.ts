import { describe, expect, it } from 'vitest';
import { convertToAnthropicMessages } from './convert-messages.js';
import { prepareAnthropicTools } from './convert-tools.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';

describe('convertToAnthropicMessages', () => {
  it('extracts system text and groups the results of parallel calls into one user message', () => {
    expect(
      convertToAnthropicMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'INC-1 and my profile?' },
        {
          role: 'assistant',
          content: 'Looking.',
          toolCalls: [
            { id: 't1', name: 'get_ticket', input: '{"id":"INC-1"}' },
            { id: 't2', name: 'get_profile', input: 'not json' },
          ],
        },
        { role: 'tool', toolCallId: 't1', toolName: 'get_ticket', content: '{"status":"open"}' },
        { role: 'tool', toolCallId: 't2', toolName: 'get_profile', content: 'timeout', isError: true },
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'Thanks' },
      ]),
    ).toEqual({
      system: 'Be brief.\n\nAnswer in English.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'INC-1 and my profile?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Looking.' },
            { type: 'tool_use', id: 't1', name: 'get_ticket', input: { id: 'INC-1' } },
            { type: 'tool_use', id: 't2', name: 'get_profile', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: '{"status":"open"}' },
            { type: 'tool_result', tool_use_id: 't2', content: 'timeout', is_error: true },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    });
  });

  it('omits system when there is none and drops empty assistant text', () => {
    expect(convertToAnthropicMessages([{ role: 'user', content: 'hi' }, { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'n', input: '' }] }])).toEqual({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'n', input: {} }] },
      ],
    });
  });
});

describe('prepareAnthropicTools', () => {
  it('declares tools with input_schema and maps the tool choice', () => {
    const tools = [{ name: 'get_ticket', description: 'Reads a ticket', inputSchema: { type: 'object' } }];
    expect(prepareAnthropicTools(tools, 'required')).toEqual({
      tools: [{ name: 'get_ticket', description: 'Reads a ticket', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
    expect(prepareAnthropicTools(tools, { toolName: 'get_ticket' }).tool_choice).toEqual({ type: 'tool', name: 'get_ticket' });
    expect(prepareAnthropicTools(tools, 'none').tool_choice).toEqual({ type: 'none' });
    expect(prepareAnthropicTools([], 'auto')).toEqual({});
  });
});

describe('mapAnthropicStopReason', () => {
  it('maps the documented stop reasons', () => {
    expect(mapAnthropicStopReason('end_turn')).toBe('stop');
    expect(mapAnthropicStopReason('stop_sequence')).toBe('stop');
    expect(mapAnthropicStopReason('max_tokens')).toBe('length');
    expect(mapAnthropicStopReason('tool_use')).toBe('tool-calls');
    expect(mapAnthropicStopReason('refusal')).toBe('content-filter');
    expect(mapAnthropicStopReason('pause_turn')).toBe('other');
  });
});
