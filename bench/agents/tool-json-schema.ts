import { z } from 'zod';
import type { ToolCatalogEntry } from '../../sim/index.js';

/** The JSON Schema of a tool's arguments, as sent in an OpenAI `tools` declaration. */
export function toolJsonSchema(entry: ToolCatalogEntry): Record<string, unknown> {
  const { $schema: _schema, ...schema } = z.toJSONSchema(entry.input, { io: 'input' }) as Record<string, unknown>;
  return schema;
}
