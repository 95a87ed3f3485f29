import type { ModelToolChoice, ModelToolDeclaration } from '../../spec/index.js';

export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export type OpenAIToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** Tool declarations (already JSON Schema) and the tool choice; both omitted without tools. */
export function prepareOpenAITools(
  tools: readonly ModelToolDeclaration[] | undefined,
  toolChoice: ModelToolChoice | undefined,
): { tools?: OpenAIFunctionTool[]; tool_choice?: OpenAIToolChoice } {
  if (tools === undefined || tools.length === 0) return {};
  return {
    tools: tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
    })),
    ...(toolChoice === undefined
      ? {}
      : { tool_choice: typeof toolChoice === 'string' ? toolChoice : { type: 'function', function: { name: toolChoice.toolName } } }),
  };
}
