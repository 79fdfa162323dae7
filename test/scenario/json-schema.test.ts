/** The published JSON Schema is generated from the loader's schema and agrees with the loader. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/index.js';
import { toJsonSchema } from '../../src/scenario/json-schema.js';
import { int } from '../../src/scenario/scalars.js';

import { validate, type J } from '../helpers/json-schema.js';

function scenarioDocs(): { file: string; doc: unknown }[] {
  const out: { file: string; doc: unknown }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        for (const d of parseAllDocuments(readFileSync(p, 'utf8'), { logLevel: 'error' })) {
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
    expect(Object.keys(fields)).toEqual(['seed', 'duration', 'scrapeInterval', 'namespace', 'traffic', 'agent', 'release', 'slo', 'syntheticTests', 'operator', 'history', 'stepPlugins', 'compare', 'expect', 'metrics', 'providers', 'secrets', 'fields']);
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
