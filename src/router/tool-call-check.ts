// A tool call is passed on only if it could run: the tool was declared, its arguments are a JSON
// object, and they match the tool's JSON Schema. Schemas are compiled once (zod's JSON Schema reader)
// and kept per schema object; tool declarations are cached per tool, so this happens once per tool.

import { z } from 'zod';
import type { JsonSchema, ModelToolCall, ModelToolDeclaration } from '../spec/index.js';
import type { QualityFailure } from './router-types.js';

type Validator = (value: unknown) => QualityFailure | undefined;

const validators = new WeakMap<JsonSchema, Validator>();

export function checkToolCall(call: ModelToolCall, tools: readonly ModelToolDeclaration[]): QualityFailure | undefined {
  const declaration = tools.find((tool) => tool.name === call.name);
  if (declaration === undefined) {
    return { kind: 'undeclared-tool', detail: `called "${call.name}", which is not one of the declared tools (${tools.map((tool) => tool.name).join(', ') || 'none'})` };
  }
  let input: unknown;
  try {
    input = call.input.trim() === '' ? {} : JSON.parse(call.input);
  } catch {
    return { kind: 'invalid-tool-json', detail: `the arguments of ${call.name} are not valid JSON: ${call.input.slice(0, 120)}` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { kind: 'tool-schema-violation', detail: `the arguments of ${call.name} are not a JSON object` };
  }
  return validatorFor(declaration.inputSchema)(input);
}

function validatorFor(schema: JsonSchema): Validator {
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

function compile(schema: JsonSchema): Validator {
  let compiled: z.ZodType;
  try {
    compiled = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    // A schema zod cannot read: check what every object schema shares, its required fields.
    return requiredFieldsValidator(schema);
  }
  return (value) => {
    const result = compiled.safeParse(value);
    if (result.success) return undefined;
    const missing = result.error.issues.find((issue) => issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined);
    if (missing !== undefined) return { kind: 'missing-tool-argument', detail: `missing required argument "${missing.path.join('.')}"` };
    const issue = result.error.issues[0]!;
    return { kind: 'tool-schema-violation', detail: `argument "${issue.path.join('.') || '(root)'}": ${issue.message}` };
  };
}

function requiredFieldsValidator(schema: JsonSchema): Validator {
  const required = Array.isArray(schema.required) ? schema.required.filter((field): field is string => typeof field === 'string') : [];
  return (value) => {
    const field = required.find((name) => (value as Record<string, unknown>)[name] === undefined);
    return field === undefined ? undefined : { kind: 'missing-tool-argument', detail: `missing required argument "${field}"` };
  };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
