/**
 * Conformance, run end to end: every real Argo example Rollout that loads (test/scenario/
 * conformance.test.ts checks which do, and that the rest fail naming the unsimulated feature) is
 * simulated with its paired Scenario and reaches a Healthy end state. A person promotes any
 * indefinite pause every five minutes, as `kubectl argo rollouts promote` would.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import type { LoadResult } from '../../src/scenario/load.js';

const DIR = fileURLToPath(new URL('../fixtures/scenario/argo-examples/', import.meta.url));
const loadable = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, loaded: loadScenarioPath(join(DIR, d.name)) }))
  .filter((x): x is { name: string; loaded: Extract<LoadResult, { ok: true }> } => x.loaded.ok);

describe('real Argo example Rollouts simulate to Healthy', () => {
  it('finds the loadable examples', () => expect(loadable.length).toBeGreaterThanOrEqual(19));

  it.each(loadable.map((x) => [x.name, x.loaded.scenario] as const))('%s', (_name, base) => {
    const promotes = Array.from({ length: 12 }, (_, i) => ({ at: (i + 1) * 300_000, action: 'promote' as const, rollout: undefined }));
    // Traffic the example's replica count can serve (the fixtures' 20 rps would overload 1–4 pods).
    const replicas = Math.min(...base.workloads.map((w) => w.replicas));
    const rps = Math.min(20, replicas * 1.5);
    const scenario: Scenario = {
      ...base, duration: Math.max(base.duration, 3_600_000), operator: promotes,
      traffic: { ...base.traffic, rate: { kind: 'constant', rps } },
    };
    const sim = createSimulation(scenario, { store: createMetricStore() });
    const phases: SimEvent[] = [];
    sim.subscribe((e) => e.type === 'PhaseChanged' && phases.push(e));
    sim.runUntil(scenario.duration);
    const summary = sim.finish();
    if (_name === 'analysis-graphite-01') {
      // Argo's graphite docs example conditions on `results[0]`, a name expr does not know: every
      // measurement errs and the analysis aborts the rollout, in Argo as here.
      expect(phases.at(-1)).toMatchObject({ phase: 'Degraded', message: expect.stringContaining('could not evaluate successCondition "results[0] >= 90.000000": unknown name results') });
      expect(summary.outcome).toBe('aborted');
      return;
    }
    expect(phases.at(-1)).toMatchObject({ phase: 'Healthy', message: '' });
    expect(summary.outcome).toBe('promoted');
  });
});
