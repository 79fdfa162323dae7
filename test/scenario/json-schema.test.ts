/** The published JSON Schema is generated from the loader's schema and agrees with the loader. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/index.js';
import { toJsonSchema } from '../../src/scenario/json-schema.js';
import { int } from '../../src/scenario/scalars.js';

type J = Record<string, unknown>;

/** A checker for the draft-07 subset the generator emits; returns the paths that fail. */
function validate(schema: J, value: unknown, root: J, path = ''): string[] {
  if (typeof schema['$ref'] === 'string') {
    const name = schema['$ref'].replace('#/definitions/', '');
    return validate((root['definitions'] as J)[name] as J, value, root, path);
  }
  const errs: string[] = [];
  const fail = (why: string): void => void errs.push(`${path || '(root)'}: ${why}`);
  if (schema['if'] !== undefined && validate(schema['if'] as J, value, root, path).length === 0 && schema['then'] !== undefined) {
    errs.push(...validate(schema['then'] as J, value, root, path));
  }
  if ('not' in schema) fail('not allowed');
  if (Array.isArray(schema['anyOf']) && !(schema['anyOf'] as J[]).some((s) => validate(s, value, root, path).length === 0)) fail('no anyOf branch matches');
  if ('const' in schema && value !== schema['const']) fail(`not ${String(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) fail('not in enum');
  const t = schema['type'];
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (t === 'object' && !isObj) return [...errs, `${path}: not an object`];
  if (t === 'array' && !Array.isArray(value)) return [...errs, `${path}: not an array`];
  if (t === 'string' && typeof value !== 'string') return [...errs, `${path}: not a string`];
  if ((t === 'number' || t === 'integer') && typeof value !== 'number') return [...errs, `${path}: not a number`];
  if (t === 'integer' && !Number.isInteger(value)) fail('not an integer');
  if (t === 'boolean' && typeof value !== 'boolean') fail('not a boolean');
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) fail('below minimum');
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) fail('above maximum');
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) fail('not above exclusiveMinimum');
  }
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) fail('pattern mismatch');
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) fail('too short');
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) fail('too few items');
    if (schema['items'] !== undefined) value.forEach((v, i) => errs.push(...validate(schema['items'] as J, v, root, `${path}[${i}]`)));
  }
  if (isObj && (t === 'object' || schema['properties'] !== undefined)) {
    const props = (schema['properties'] ?? {}) as Record<string, J>;
    for (const r of (schema['required'] ?? []) as string[]) if (!(r in value)) fail(`missing ${r}`);
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}.${k}`;
      if (props[k] !== undefined) errs.push(...validate(props[k], v, root, p));
      else if (schema['additionalProperties'] === false) errs.push(`${p}: additional property`);
      else if (typeof schema['additionalProperties'] === 'object') errs.push(...validate(schema['additionalProperties'] as J, v, root, p));
    }
  }
  return errs;
}

function scenarioDocs(): { file: string; doc: unknown }[] {
  const out: { file: string; doc: unknown }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        for (const d of parseAllDocuments(readFileSync(p, 'utf8'))) {
          const js = d.errors.length === 0 ? (d.toJS() as { kind?: unknown } | null) : null;
          if (js?.kind === 'Scenario') out.push({ file: p, doc: js });
        }
      }
    }
  };
  walk('test/fixtures/scenario');
  return out;
}

describe('schema/scenario.schema.json', () => {
  it('is exactly what `npm run schema` generates from src/scenario/scenario-schema.ts', () => {
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('is draft-07, applies to Scenario documents only, and describes every spec field', () => {
    const s = scenarioJsonSchema() as J;
    expect(s['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    const spec = ((s['definitions'] as J)['Scenario'] as J)['properties'] as Record<string, J>;
    const fields = spec['spec']?.['properties'] as Record<string, J>;
    expect(Object.keys(fields)).toEqual(['seed', 'duration', 'scrapeInterval', 'namespace', 'traffic', 'agent', 'release', 'slo', 'syntheticTests', 'operator', 'compare']);
    for (const [k, v] of Object.entries(fields)) if (k !== 'slo') expect(typeof v['description'], k).toBe('string');
    expect(fields['duration']?.['default']).toBe('1h');
    expect(validate(s, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { anything: 1 } }, s)).toEqual([]);
  });

  it('accepts every Scenario document in the fixtures and flags a misspelled key', () => {
    const s = scenarioJsonSchema() as J;
    const docs = scenarioDocs();
    expect(docs.length).toBeGreaterThan(30);
    for (const { file, doc } of docs) expect(validate(s, doc, s), file).toEqual([]);
    const bad = { apiVersion: 'rollout-sim/v1alpha1', kind: 'Scenario', spec: { traffic: { rps: 5, cohrts: [] }, duration: '1d' } };
    expect(validate(s, bad, s).sort()).toEqual(['.spec.duration: no anyOf branch matches', '.spec.traffic.cohrts: additional property']);
  });

  it('maps schema nodes one to one', () => {
    expect(toJsonSchema(int({ min: 1, description: 'pods' }))).toEqual({ description: 'pods', type: 'integer', minimum: 1, maximum: 2147483647 });
  });
});
