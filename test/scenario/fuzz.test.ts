/**
 * Property tests (DESIGN §11): whatever the input — random YAML-ish text, mutations of a valid
 * scenario, random values in every field — the loader returns a LoadResult and never throws.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarioText } from '../../src/scenario/index.js';
import type { LoadResult } from '../../src/scenario/index.js';
import { ROLLOUT } from './helpers.js';

const VALID = readFileSync('test/fixtures/scenario/tool-call.yaml', 'utf8');

/** A well-formed result: either a scenario, or errors with real positions. */
function wellFormed(r: LoadResult, lineCount: number): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    const shares = r.scenario.traffic.cohorts.reduce((s, c) => s + c.share, 0);
    expect(Math.abs(shares - 1)).toBeLessThan(1e-9);
    expect(r.scenario.workloads.length).toBeGreaterThan(0);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lineCount + 1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(typeof e.message).toBe('string');
  }
}

const token = fc.constantFrom(
  'apiVersion: ', 'rollout-sim/v1alpha1', 'argoproj.io/v1alpha1', 'kind: ', 'Scenario', 'Rollout', 'AnalysisTemplate', 'spec:', 'metadata:',
  'name: x', 'traffic:', 'rps: ', 'cohorts:', 'steps:', 'setWeight: ', 'pause: ', 'duration: ', '- ', ': ', ':', '{', '}', '[', ']', ',',
  '"', "'", '&a ', '*a', '<<: ', '!!str ', '#', '---\n', '...\n', '\n', '\n  ', '\n    ', '\t', ' ', '6%', '0.06', '30s', '-1h', '1e309',
  '.inf', '~', 'null', 'true', '120', '-1', '0', '__proto__: ', 'constructor: ', '{{args.x}}', '|\n  ', '>\n  ', '?', '@', '`', '%YAML 1.2\n',
);

describe('the loader never throws', () => {
  it('on random YAML-ish text', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        wellFormed(loadScenarioText(text, 'fuzz.yaml'), text.split('\n').length);
      }),
      { numRuns: 600 },
    );
  });

  it('on arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        wellFormed(loadScenarioText(text, 'fuzz.yaml'), text.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });

  it('on random mutations of a valid scenario', () => {
    const lines = VALID.split('\n');
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(lines.length - 1), col: fc.nat(40), text: token }),
      fc.record({ op: fc.constant('indent' as const), at: fc.nat(lines.length - 1), by: fc.integer({ min: -4, max: 4 }) }),
      fc.record({ op: fc.constant('value' as const), at: fc.nat(lines.length - 1), text: token }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        const ls = [...lines];
        for (const m of ms) {
          const line = ls[m.at % ls.length] ?? '';
          const i = m.at % ls.length;
          if (m.op === 'delete') ls.splice(i, 1);
          else if (m.op === 'duplicate') ls.splice(i, 0, line);
          else if (m.op === 'insert') ls[i] = line.slice(0, m.col) + m.text + line.slice(m.col);
          else if (m.op === 'indent') ls[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.slice(-m.by);
          else ls[i] = line.includes(': ') ? line.slice(0, line.indexOf(': ') + 2) + m.text : line + m.text;
        }
        const text = ls.join('\n');
        wellFormed(loadScenarioText(text, 'mutant.yaml'), text.split('\n').length);
      }),
      { numRuns: 800 },
    );
  });

  it('on random values in every Scenario field', () => {
    const value = fc.oneof(
      fc.constantFrom('6%', '0.06', '30s', '1h30m', '-5m', '1d', '', 'chat', 'promote', 'errorRate', 'latency', '120%', '{{args.x}}'),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const spec = fc.dictionary(
      fc.constantFrom('seed', 'duration', 'scrapeInterval', 'namespace', 'traffic', 'agent', 'release', 'slo', 'syntheticTests', 'operator', 'compare', 'cohrts'),
      fc.letrec((tie) => ({
        node: fc.oneof({ maxDepth: 3 }, value, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('rps', 'cohorts', 'name', 'share', 'metric', 'to', 'delta', 'factor', 'at', 'action', 'latency', 'median', 'p99', 'cases', 'diurnal', 'min', 'max', 'cohort'), tie('node'), { maxKeys: 4 })),
      })).node,
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(spec, (s) => {
        const text = `${stringify({ apiVersion: 'rollout-sim/v1alpha1', kind: 'Scenario', spec: s })}---\n${ROLLOUT}`;
        wellFormed(loadScenarioText(text, 'values.yaml'), text.split('\n').length);
      }),
      { numRuns: 600 },
    );
  });
});
