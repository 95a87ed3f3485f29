import type { ModelToolChoice, ModelToolDeclaration } from '../../spec/index.js';

export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

export type AnthropicToolChoice = { type: 'auto' } | { type: 'any' } | { type: 'none' } | { type: 'tool'; name: string };

export function prepareAnthropicTools(
  tools: readonly ModelToolDeclaration[] | undefined,
  toolChoice: ModelToolChoice | undefined,
): { tools?: AnthropicTool[]; tool_choice?: AnthropicToolChoice } {
  if (tools === undefined || tools.length === 0) return {};
  return {
    tools: tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema })),
    ...(toolChoice === undefined ? {} : { tool_choice: mapToolChoice(toolChoice) }),
  };
}

function mapToolChoice(choice: ModelToolChoice): AnthropicToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.toolName };
}
