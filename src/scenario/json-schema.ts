/**
 * JSON Schema (draft-07) generated from the same schema the loader validates with, so editors
 * using `# yaml-language-server: $schema=…/scenario.schema.json` autocomplete and check the
 * Scenario document. Other documents in the file (Rollouts, ...) pass through unconstrained.
 * `npm run schema` writes it to schema/scenario.schema.json; a test keeps the two equal.
 */
import type { JsonSchema, Schema } from './schema.js';
import { ScenarioDocument } from './scenario-schema.js';

/**
 * The JSON Schema of one schema node.
 *
 * Example: toJsonSchema(int({min: 1})) gives { type: 'integer', minimum: 1 }.
 */
export function toJsonSchema(schema: Schema): JsonSchema {
  const out: Record<string, unknown> = {};
  if (schema.description !== undefined) out['description'] = schema.description;
  switch (schema.kind) {
    case 'scalar':
      Object.assign(out, schema.json);
      break;
    case 'any':
      break;
    case 'array':
      out['type'] = 'array';
      out['items'] = toJsonSchema(schema.items);
      if (schema.minItems > 0) out['minItems'] = schema.minItems;
      break;
    case 'map':
      out['type'] = 'object';
      out['additionalProperties'] = toJsonSchema(schema.values);
      break;
    case 'shape':
      out['anyOf'] = [schema.scalar, schema.seq, schema.map].filter((s) => s !== undefined).map((s) => toJsonSchema(s));
      break;
    case 'object': {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [k, f] of Object.entries(schema.fields)) {
        const p = { ...toJsonSchema(f.schema) };
        if (f.hasDefault) p['default'] = f.default;
        properties[k] = p;
        if (f.mode === 'req' && !f.hasDefault) required.push(k);
      }
      for (const [k, r] of Object.entries(schema.rejected)) {
        properties[k] = { description: r.suggestion === undefined ? r.message : `${r.message}: ${r.suggestion}`, not: {} };
      }
      out['type'] = 'object';
      out['properties'] = properties;
      if (required.length > 0) out['required'] = required;
      if (!schema.open) out['additionalProperties'] = false;
      break;
    }
  }
  if (schema.examples !== undefined) out['examples'] = schema.examples;
  return out;
}

/** The published schema: Scenario documents are checked, every other document is left alone. */
export function scenarioJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'rollout-sim scenario file',
    description:
      'A multi-document YAML file: real Argo Rollouts manifests plus one `kind: Scenario` document ' +
      '(apiVersion rollout-sim/v1alpha1) describing traffic, agent behaviour and the release. ' +
      'Generated from src/scenario/scenario-schema.ts; do not edit by hand.',
    if: { type: 'object', properties: { kind: { const: 'Scenario' } }, required: ['kind'] },
    then: { $ref: '#/definitions/Scenario' },
    definitions: { Scenario: toJsonSchema(ScenarioDocument) },
  };
}

/** The schema file's exact text (stable key order, trailing newline). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
