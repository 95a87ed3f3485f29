import { describe, expect, it } from 'vitest';
import { convertToOpenAIMessages } from './convert-messages.js';
import { prepareOpenAITools } from './convert-tools.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';

describe('convertToOpenAIMessages', () => {
  it('converts every role, with tool calls and their results', () => {
    expect(
      convertToOpenAIMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Status of INC-1?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_ticket', input: '{"id":"INC-1"}' }, { id: 'c2', name: 'now', input: '' }] },
        { role: 'tool', toolCallId: 'c1', toolName: 'get_ticket', content: '{"status":"open"}' },
        { role: 'tool', toolCallId: 'c2', toolName: 'now', content: 'boom', isError: true },
        { role: 'assistant', content: 'It is open.' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Status of INC-1?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_ticket', arguments: '{"id":"INC-1"}' } },
          { id: 'c2', type: 'function', function: { name: 'now', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '{"status":"open"}' },
      { role: 'tool', tool_call_id: 'c2', content: 'boom' },
      { role: 'assistant', content: 'It is open.' },
    ]);
  });
});

describe('prepareOpenAITools', () => {
  const tool = { name: 'get_ticket', description: 'Reads a ticket', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } };

  it('declares functions with their JSON Schema and maps the tool choice', () => {
    expect(prepareOpenAITools([tool], { toolName: 'get_ticket' })).toEqual({
      tools: [{ type: 'function', function: { name: 'get_ticket', description: 'Reads a ticket', parameters: tool.inputSchema } }],
      tool_choice: { type: 'function', function: { name: 'get_ticket' } },
    });
    expect(prepareOpenAITools([tool], 'required').tool_choice).toBe('required');
  });

  it('omits tools and tool choice when there are no tools', () => {
    expect(prepareOpenAITools([], 'auto')).toEqual({});
    expect(prepareOpenAITools(undefined, undefined)).toEqual({});
  });
});

describe('mapOpenAIFinishReason', () => {
  it('maps the documented reasons and prefers tool-calls when calls were made', () => {
    expect(mapOpenAIFinishReason('stop', false)).toBe('stop');
    expect(mapOpenAIFinishReason('stop', true)).toBe('tool-calls');
    expect(mapOpenAIFinishReason('length', false)).toBe('length');
    expect(mapOpenAIFinishReason('tool_calls', true)).toBe('tool-calls');
    expect(mapOpenAIFinishReason('function_call', true)).toBe('tool-calls');
    expect(mapOpenAIFinishReason('content_filter', false)).toBe('content-filter');
    expect(mapOpenAIFinishReason(null, false)).toBe('other');
    expect(mapOpenAIFinishReason('something_new', false)).toBe('other');
  });
});
