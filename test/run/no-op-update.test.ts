/**
 * DESIGN §3: a Rollout whose template image is the stable image is a no-op update — nothing rolls
 * out, as on a cluster — and the loader says so instead of simulating the release anyway.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeline } from '../../src/report/timeline.js';
import { loadScenarioSources } from '../../src/scenario/load.js';
import { aCanaryRollout, aScenario, traceOf } from '../helpers/builders.js';

describe('a template equal to the stable image', () => {
  it('starts no update: only the stable ReplicaSet serves, and the Summary has no regression to catch', () => {
    const regression = { metric: 'errorRate', cohort: 'tool-call', to: 0.06, delta: undefined, factor: undefined, after: 0, ramp: 0, whenUtilizationAbove: undefined, source: { file: 't.yaml', line: 1, column: 1 } } as const;
    const scenario = aScenario({
      duration: 120_000,
      workloads: [aCanaryRollout({ image: 'agent:v1' })],
      release: { image: 'agent:v2', at: 0, regressions: [regression] },
    });
    expect(scenario.stableImage).toBe('agent:v1');
    expect(scenario.release.regressions.length).toBeGreaterThan(0);
    const events = traceOf(scenario);
    expect(events.map((e) => e.type)).toEqual(['SimulationStarted', 'Summary']);
    expect(events[0]).toMatchObject({ type: 'SimulationStarted', updateAt: null });
    const summary = events[1];
    if (summary?.type !== 'Summary') throw new Error('no Summary');
    expect(summary).toMatchObject({ outcome: 'incomplete', updateStartedAt: null, regressionConfigured: false, regressionInEffect: false, caught: false, releaseRequests: 0, harmedRequests: 0 });
    expect(summary.completedRequests).toBeGreaterThan(0);
  });

  it('is accepted by the loader with a note naming the image and the fix', () => {
    const file = 'scenarios/canary-happy-path.yaml';
    const text = readFileSync(file, 'utf8').replace('          image: agent:v2', '          image: agent:v1');
    const r = loadScenarioSources([{ file, text }]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.notes).toContain(
      `${file}: agent: the template image "agent:v1" is the stable image, so nothing rolls out (a no-op update); set it to "agent:v2" to simulate the release`,
    );
  });

  it('is also a no-op when the release image is the stable image, and the text summary says no update happened', () => {
    const scenario = aScenario({ duration: 60_000, workloads: [aCanaryRollout({ image: 'agent:v1' })], release: { image: 'agent:v1', at: 0, regressions: [] } });
    const events = traceOf(scenario);
    expect(events.map((e) => e.type)).toEqual(['SimulationStarted', 'Summary']);
    const tl = createTimeline({ color: false });
    const lines = events.flatMap((e) => (e.type === 'Summary' ? tl.summary(e) : []));
    expect(lines[2]).toBe("  outcome   no update: the Rollout's template is the stable image, so nothing rolled out");
  });
});
