/**
 * The published trace and Summary schemas (schema/*.schema.json) are what `npm run schema`
 * generates, and every event and Summary the shipped scenarios produce — every workload of every
 * file, as `run` and `compare` print them — is valid against them, with no key to spare.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { summaryJsonSchema, traceJsonSchema, traceSchemaFiles } from '../../src/model/trace-schema.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { validate, type J } from '../helpers/json-schema.js';
import { aCanaryRollout, aScenario, traceOf } from '../helpers/builders.js';

const trace = traceJsonSchema() as J;
const summary = summaryJsonSchema() as J;
const definitions = trace['definitions'] as Record<string, J>;
const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();

/** Every event of every workload of a shipped scenario, sampled as a jsonl trace is. */
function tracesOf(file: string): { workload: string; events: SimEvent[] }[] {
  const loaded = loadScenarioPath(join('scenarios', file));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return loaded.scenario.workloads.map((w) => {
    const sim = createSimulation(loaded.scenario, { store: createMetricStore(), workload: w.name, sampler: takeSample });
    const events: SimEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(loaded.scenario.duration);
    sim.finish();
    return { workload: w.name, events };
  });
}

/** An event through the JSON it is written as (what a reader parses). */
const asJson = (e: SimEvent): unknown => JSON.parse(JSON.stringify(e));

describe('schema/trace.schema.json and schema/summary.schema.json', () => {
  it('are exactly what `npm run schema` generates from src/model/trace-schema.ts', () => {
    for (const [name, text] of Object.entries(traceSchemaFiles())) expect(readFileSync(join('schema', name), 'utf8'), name).toBe(text);
  });

  it.each(files)('%s: every event of every workload is valid, and every Summary against the Summary schema', (file) => {
    for (const { workload, events } of tracesOf(file)) {
      expect(events[0]?.type, workload).toBe('SimulationStarted');
      expect(events.at(-1)?.type, workload).toBe('Summary');
      for (const e of events) {
        const json = asJson(e);
        expect(validate(definitions[e.type] as J, json, trace), `${workload} ${e.type} at ${e.t}`).toEqual([]);
        expect(validate(trace, json, trace)).toEqual([]);
      }
      const s = events.at(-1) as J;
      expect(validate(summary, asJson(s as unknown as SimEvent), summary)).toEqual([]);
      const { t: _t, type: _type, ...fields } = s;
      expect(validate(summary, fields, summary), 'a compare result (no t, no type)').toEqual([]);
    }
  });

  it('covers every event type, and a no-op update\'s Summary (nulls where nothing started)', () => {
    expect(Object.keys(definitions).filter((k) => /^[A-Z]/.test(k) && k !== 'VersionFigures' && !k.startsWith('Trace')).sort()).toEqual([
      'AnalysisRunCompleted', 'AnalysisRunStarted', 'ExperimentPhaseChanged', 'ExperimentReplicaSetScaled', 'ExperimentStarted', 'Measurement', 'OperatorAction', 'Paused', 'PhaseChanged', 'ReplicaSetScaled',
      'Resumed', 'RolloutAborted', 'RolloutPromoted', 'RolloutStarted', 'Sample', 'ServiceSwitched', 'SimulationStarted',
      'StepCompleted', 'StepPluginPhaseChanged', 'StepStarted', 'Summary', 'Warning', 'WeightChanged',
    ]);
    const noop = traceOf(aScenario({ duration: 60_000, workloads: [aCanaryRollout({ image: 'agent:v1' })] }));
    for (const e of noop) expect(validate(definitions[e.type] as J, asJson(e), trace)).toEqual([]);
    expect(noop.at(-1)).toMatchObject({ updateStartedAt: null, abortCause: null, promotedAfter: null });
  });

  it('flags a missing field, an extra one and a wrong unit', () => {
    const [run] = tracesOf('canary-tool-call-regression.yaml');
    const s = run?.events.at(-1) as J;
    const { caught: _c, ...missing } = s;
    expect(validate(summary, missing, summary)).toEqual(['(root): missing caught']);
    expect(validate(summary, { ...s, detectedAt: 320000 }, summary)).toEqual(['.detectedAt: additional property']);
    expect(validate(summary, { ...s, detectedAfter: 320.5 }, summary)).toEqual(['.detectedAfter: not integer or null']);
  });
});
