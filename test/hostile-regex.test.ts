/**
 * Issue 14, item 1: each hostile pattern of the issue ends with the right answer (a backtracking
 * RegExp would not end at all — a hang fails this file by its timeout, no timing is asserted), and
 * RE2 syntax is accepted where Argo accepts it and refused where RE2 refuses it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileCondition, resultTypeOf, runProgram } from '../src/analysis/expr/index.js';
import { createMetricStore } from '../src/metrics/store.js';
import { evaluateInstant } from '../src/promql/index.js';
import { formatJsonl } from '../src/report/jsonl.js';
import { matchValue } from '../src/run/routing.js';
import { takeSample } from '../src/run/sample.js';
import { createSimulation } from '../src/run/simulation.js';
import { formatLoadError, loadScenarioText } from '../src/scenario/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const HEADER = readFileSync(`${root}scenarios/header-routed-internal-users.yaml`, 'utf8');
const GOLDEN = readFileSync(`${root}test/golden/header-routed-internal-users.jsonl`, 'utf8');
const A30 = 'a'.repeat(30);
const A40_BANG = `${'a'.repeat(40)}!`;

/** Replaces exactly one occurrence (the fixture must still contain what the test edits). */
function edit(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

function load(text: string) {
  const r = loadScenarioText(text, 'hostile.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatLoadError).join('\n'));
  return r.scenario;
}

function loadErrors(text: string): string[] {
  const r = loadScenarioText(text, 'hostile.yaml');
  return r.ok ? [] : r.errors.map((e) => e.message);
}

/** The jsonl trace of a run, as `simulate run --output jsonl` writes it (and test/golden holds it). */
function trace(text: string): string {
  const scenario = load(text);
  const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
  const lines: string[] = [];
  sim.subscribe((e) => lines.push(formatJsonl(e)));
  sim.runUntil(scenario.duration);
  sim.finish();
  return lines.join('\n') + '\n';
}

const events = (jsonl: string, type: string) => jsonl.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.type === type);

describe('PromQL matchers', () => {
  it('m_total{l=~"(a+)+b"} over a 30-character label: the one series that ends in b', () => {
    const store = createMetricStore();
    for (const l of [A30, `${A30}b`, 'b']) store.append(store.seriesRef({ __name__: 'm_total', l }), 0, l.length);
    const got = (q: string) => {
      const r = evaluateInstant(store, q, 1000);
      return r.ok ? (r.data.result as Array<{ value: [number, string] }>).map((s) => s.value[1]).sort() : r.error;
    };
    expect(got('m_total{l=~"(a+)+b"}')).toEqual(['31']);
    expect(got('m_total{l!~"(a+)+b"}')).toEqual(['1', '30']);
    expect(got('m_total{l=~"(?=a)"}')).toBe('invalid parameter "query": 1:9: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });

  it('a template query {__name__=~"([a-z_]+)+X"} over the simulator\'s own metric names: no series, the run promotes', () => {
    const text = HEADER.replace(/query: \|\n(?: {12}.*\n)+/, `query: 'count({__name__=~"([a-z_]+)+X"}) or on() vector(0)'\n`);
    expect(text).toContain('count({__name__=~');
    const jsonl = trace(text);
    const measurements = events(jsonl, 'Measurement');
    expect(measurements.map((m) => [m.value, m.phase])).toEqual([['[0]', 'Successful'], ['[0]', 'Successful'], ['[0]', 'Successful']]);
    expect(events(jsonl, 'Summary')[0]?.outcome).toBe('promoted');
  });
});

describe('expr conditions', () => {
  it('"aaaa…!" matches "^(a+)+$" is false; a look-ahead is a compile error, as in expr', () => {
    const run = (condition: string) => {
      const c = compileCondition(condition, resultTypeOf(null));
      if (!c.ok) return c.error;
      const r = runProgram(c.program, null);
      return r.ok ? r.value : r.error;
    };
    expect(run(`"${A40_BANG}" matches "^(a+)+$"`)).toBe(false);
    expect(run(`"${A40_BANG}" matches "(a+)+!$"`)).toBe(true);
    expect(run('"ab" matches "a(?=b)"')).toBe('error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });
});

describe('setHeaderRoute headerValue.regex (Istio: RE2, the whole value)', () => {
  it('(?i)INTERNAL routes the internal cohort exactly as {exact: internal}: the same trace, event for event', () => {
    expect(matchValue({ regex: '(?i)INTERNAL' }, 'internal')).toBe(true);
    expect(matchValue({ regex: '(?i)INTERNAL' }, 'internal-2')).toBe(false);
    expect(trace(edit(HEADER, 'headerValue: {exact: internal}', 'headerValue: {regex: "(?i)INTERNAL"}'))).toBe(GOLDEN);
  });

  it('(a+)+$ against a header of 40 a\'s and "!": no match, the same run as a route nobody matches', () => {
    expect(matchValue({ regex: '(a+)+$' }, A40_BANG)).toBe(false);
    expect(matchValue({ regex: '(a+)+$' }, 'a'.repeat(40))).toBe(true);
    const hostile = edit(HEADER, 'x-agent-user-group: internal}', `x-agent-user-group: "${A40_BANG}"}`);
    const regex = trace(edit(hostile, 'headerValue: {exact: internal}', 'headerValue: {regex: "(a+)+$"}'));
    expect(regex).toBe(trace(edit(hostile, 'headerValue: {exact: internal}', 'headerValue: {exact: nobody}')));
    expect(regex).not.toBe(GOLDEN);
  });

  it('a look-ahead is refused at load time with RE2\'s reason', () => {
    expect(loadErrors(edit(HEADER, 'headerValue: {exact: internal}', 'headerValue: {regex: "(?=internal)"}'))).toEqual([
      'invalid regular expression "(?=internal)": error parsing regexp: invalid or unsupported Perl syntax: `(?=` (RE2 syntax, as Istio uses)',
    ]);
  });
});

describe('dryRun metricName (Go regexp, unanchored)', () => {
  const withDryRun = (metricName: string, templateMetric = 'error-rate') => edit(
    edit(HEADER, '- name: error-rate\n', `- name: ${templateMetric}\n`),
    'templates: [{templateName: error-rate}]\n            args: [{name: canary-hash, valueFrom: {podTemplateHashValue: Latest}}]\n        - setWeight: 20',
    `templates: [{templateName: error-rate}]\n            args: [{name: canary-hash, valueFrom: {podTemplateHashValue: Latest}}]\n            dryRun: [{metricName: ${JSON.stringify(metricName)}}]\n        - setWeight: 20`,
  );

  it('(a+)+$ against a metric named with 40 a\'s and "!": matches no metric, a clear load error', () => {
    expect(loadErrors(withDryRun('(a+)+$', JSON.stringify(A40_BANG)))).toEqual([`"(a+)+$" matches no metric`]);
  });

  it('(?i)ERROR is accepted and marks error-rate dry-run; a look-ahead is refused', () => {
    const scenario = load(withDryRun('(?i)ERROR'));
    const w = scenario.workloads[0];
    const steps = w?.kind === 'Rollout' && w.strategy.type === 'canary' ? w.strategy.steps : [];
    expect(steps.flatMap((s) => ('analysis' in s ? [s.analysis.dryRun] : []))).toEqual([[{ metricName: '(?i)ERROR' }], [], []]);
    expect(loadErrors(withDryRun('(?=error)'))).toEqual([
      'invalid regular expression "(?=error)": error parsing regexp: invalid or unsupported Perl syntax: `(?=` (Go RE2 syntax)',
    ]);
  });
});
