/**
 * The load-time warnings end to end: Warning events right after SimulationStarted (valid against
 * the trace schema), the CLI's stderr lines for run and compare (exit 0), and no warning on what
 * ships — every scenario (bench-w1 aside: it holds its canary on purpose) and every real Argo
 * example that loads, once an operator promotes its pauses.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintWorkload } from '../../src/lint/index.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { traceJsonSchema } from '../../src/model/trace-schema.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { sim } from '../cli/harness.js';
import { validate, type J } from '../helpers/json-schema.js';
import { contextFor, fold } from '../ui/helpers.js';
import { load, scenarioText } from './fixture.js';

const REASON = 'successCondition of metric "error-rate" names "reslt", which Argo\'s condition environment does not have: every measurement will be an Error';

function eventsOf(s: Scenario, until = 60_000): SimEvent[] {
  const run = createSimulation(s, { store: createMetricStore() });
  const events: SimEvent[] = [];
  run.subscribe((e) => events.push(e));
  run.runUntil(until);
  run.finish();
  return events;
}

describe('the Warning event', () => {
  it('follows SimulationStarted, one per finding, valid against the trace schema', () => {
    const events = eventsOf(load({ condition: 'reslt[0] < 6', query: 'sum(rate(http_requests_total{cod="500"}[5m]))' }));
    expect(events.slice(0, 3).map((e) => e.type)).toEqual(['SimulationStarted', 'Warning', 'Warning']);
    expect(events[1]).toEqual({
      t: 0, type: 'Warning', rule: 'condition-unknown-name', message: REASON, file: 'case.yaml', line: 30, column: 25,
      path: 'spec.metrics[0].successCondition',
      suggestion: 'did you mean "result"? a condition can use result (the query\'s value), {{args.NAME}}, Argo\'s helpers (asInt, asFloat, isNaN, isInf, isNil, default) and expr-lang\'s builtins',
    });
    expect(events[2]).toMatchObject({ type: 'Warning', rule: 'query-unknown-label', line: 33, column: 18 });
    const schema = traceJsonSchema() as J;
    for (const e of events.slice(1, 3)) expect(validate(schema, JSON.parse(JSON.stringify(e)), schema)).toEqual([]);
    expect(events.filter((e) => e.type === 'Warning')).toHaveLength(2);
  });

  it('a clean template emits none', () => {
    expect(eventsOf(load({})).filter((e) => e.type === 'Warning')).toEqual([]);
  });
});

describe('the CLI prints each warning on stderr, exit code unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-'));
  const file = join(dir, 'case.yaml');
  writeFileSync(file, scenarioText({ condition: 'reslt[0] < 6' }));

  it('run', async () => {
    const r = await sim(['run', file, '--output', 'json', '--until', '1m']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${file}:30:25: warning: ${REASON} (did you mean "result"? a condition can use result (the query's value), {{args.NAME}}, Argo's helpers (asInt, asFloat, isNaN, isInf, isNil, default) and expr-lang's builtins)\n`);
    expect(JSON.parse(r.out)).toMatchObject({ type: 'Summary' });
  });

  it('compare (once, however many strategies share the template)', async () => {
    const r = await sim(['compare', file, '--output', 'json', '--until', '1m']);
    expect(r.code).toBe(0);
    expect(r.err.split('\n').filter((l) => l !== '')).toEqual([`${file}:30:25: warning: ${REASON} (did you mean "result"? a condition can use result (the query's value), {{args.NAME}}, Argo's helpers (asInt, asFloat, isNaN, isInf, isNil, default) and expr-lang's builtins)`]);
  });
});

describe('no warning on what ships', () => {
  const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

  it.each(scenarios)('scenarios/%s', (f) => {
    const r = loadScenarioPath(join('scenarios', f));
    if (!r.ok) throw new Error(f);
    const found = r.scenario.workloads.flatMap((w) => lintWorkload(r.scenario, w)).map((x) => `${x.rule} ${x.path}`);
    // W1 holds its canary at an indefinite pause by design (the benchmark measures a held canary).
    expect(found).toEqual(f === 'bench-w1.yaml' ? ['pause-without-operator spec.strategy.canary.steps[1].pause'] : []);
  });

  const DIR = fileURLToPath(new URL('../fixtures/scenario/argo-examples/', import.meta.url));
  const examples = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => ({ name: d.name, r: loadScenarioPath(join(DIR, d.name)) }))
    .flatMap((x) => (x.r.ok ? [{ name: x.name, scenario: x.r.scenario }] : []));

  it('every Argo example that loads: none once an operator promotes, only the operator rules without one', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
    for (const { name, scenario } of examples) {
      const promoted: Scenario = { ...scenario, operator: Array.from({ length: 12 }, (_, i) => ({ at: (i + 1) * 300_000, action: 'promote' as const, rollout: undefined })) };
      for (const w of scenario.workloads) {
        // Argo's graphite docs example names `results`, not `result`: the lint rightly says so.
        if (name === 'analysis-graphite-01') {
          expect(lintWorkload(promoted, w).map((f) => f.rule)).toEqual(['condition-unknown-name']);
          continue;
        }
        expect(lintWorkload(promoted, w), name).toEqual([]);
        expect(lintWorkload(scenario, w).filter((f) => !f.rule.endsWith('-without-operator')), name).toEqual([]);
      }
    }
  });
});

describe('the UI reducer', () => {
  it('folds a Warning into the event log as a note, and nothing else changes', () => {
    const ctx = contextFor('canary-tool-call-regression');
    const warning: SimEvent = { t: 0, type: 'Warning', rule: 'condition-unknown-name', message: REASON, file: 'x.yaml', line: 1, column: 1, path: 'p', suggestion: '' };
    const before = fold(ctx, []);
    const after = fold(ctx, [warning]);
    expect(after.log.slice(before.log.length)).toEqual([{ id: before.log.length, kind: 'note', text: `warning: ${REASON}` }]);
    expect({ ...after, log: before.log }).toEqual(before);
  });
});
