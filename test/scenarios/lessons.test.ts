/**
 * The scenario library: each shipped lesson scenario run end to end, asserting the outcome that
 * carries its lesson (what was caught, when, at what cost, and who was harmed), not just that it
 * runs. The byte-for-byte traces are in test/golden; these tests say what the traces mean.
 */
import { fileURLToPath } from 'node:url';
import { takeSample } from '../../src/run/sample.js';
import { describe, expect, it } from 'vitest';
import { createMetricStore, type MetricStore } from '../../src/metrics/store.js';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import type { Regression, Scenario } from '../../src/model/scenario.js';
import { evaluateInstant } from '../../src/promql/index.js';
import { createComparison } from '../../src/run/compare.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import type { CompletedRequest } from '../../src/world/world.js';

const MIN = 60_000;

function load(name: string): Scenario {
  const r = loadScenarioPath(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

interface Run {
  readonly summary: SummaryFields;
  readonly events: SimEvent[];
  readonly requests: CompletedRequest[];
  readonly store: MetricStore;
}

function run(scenario: Scenario, opts: { seed?: number; workload?: string } = {}): Run {
  const store = createMetricStore();
  const requests: CompletedRequest[] = [];
  const sim = createSimulation(scenario, { store, onComplete: (r) => requests.push(r), ...opts });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return { summary: sim.finish(), events, requests, store };
}

/** The Summaries of the scenario's `compare` list, by workload name. */
function compare(scenario: Scenario, seed?: number): Record<string, SummaryFields> {
  const cmp = createComparison(scenario, seed === undefined ? {} : { seed });
  cmp.runUntil(scenario.duration);
  const out: Record<string, SummaryFields> = {};
  cmp.finish().forEach((s, i) => (out[cmp.names[i] as string] = s));
  return out;
}

function withRegressions(s: Scenario, regressions: Partial<Regression>[]): Scenario {
  const base: Omit<Regression, 'metric'> = {
    cohort: undefined, to: undefined, delta: undefined, factor: undefined, after: 0, ramp: 0,
    whenUtilizationAbove: undefined, source: { file: s.file, line: 0, column: 0 },
  };
  return { ...s, release: { ...s.release, regressions: regressions.map((r) => ({ ...base, metric: 'errorRate', ...r }) as Regression) } };
}

function ofType<T extends SimEvent['type']>(events: SimEvent[], type: T): Extract<SimEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

const SEEDS = [1, 2, 3, 4, 5];

describe('latency-leak-pod-age: a leak that grows with pod age', () => {
  const scenario = load('latency-leak-pod-age');
  const after = scenario.release.regressions[0]?.after ?? 0;

  it('background p99 analysis aborts after the leak starts; the quick canary promotes it and harms every user', () => {
    const { 'agent-background': bg, 'agent-quick': quick } = compare(scenario);
    expect(after).toBe(10 * MIN);
    expect(bg).toMatchObject({ outcome: 'aborted', caught: true });
    expect(bg?.detectedAfter).toBeGreaterThan(after);
    expect(quick).toMatchObject({ outcome: 'promoted', caught: false });
    // promoted before any canary pod was old enough to leak: the short pauses could not see it
    expect(quick?.promotedAfter).toBeLessThan(after);
    expect(quick?.harmedShare).toBeGreaterThan(0.02);
    expect(bg?.harmedRequests).toBeLessThan((quick?.harmedRequests ?? 0) / 20);
  });

  it('the abort comes from the background run\'s p99 measurements crossing 6 s', () => {
    const { events } = run(scenario, { workload: 'agent-background' });
    const failed = ofType(events, 'Measurement').filter((m) => m.phase === 'Failed' && m.t > after);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const m of failed) expect(Number(JSON.parse(m.value)[0])).toBeGreaterThanOrEqual(6);
    expect(ofType(events, 'RolloutAborted')[0]?.reason).toMatch(/^Background analysis phase error\/failed: Metric "latency-p99" assessed Failed/);
  });

  it('holds across seeds: background catches after the delay, quick promotes', () => {
    for (const seed of SEEDS) {
      const { 'agent-background': bg, 'agent-quick': quick } = compare(scenario, seed);
      expect(bg?.caught, `seed ${seed}`).toBe(true);
      expect(bg?.detectedAfter, `seed ${seed}`).toBeGreaterThan(after);
      expect(quick?.outcome, `seed ${seed}`).toBe('promoted');
    }
  });

  it('without the leak, the same background analysis promotes (no false alarm)', () => {
    const healthy = withRegressions(scenario, []);
    for (const seed of SEEDS.slice(0, 3)) expect(compare(healthy, seed)['agent-background']?.outcome, `seed ${seed}`).toBe('promoted');
  });
});

describe('quality-drop-task-success: worse answers, same error rate', () => {
  const scenario = load('quality-drop-task-success');

  it('error-rate passes and task-success fails in the same analysis run; error-rate alone promotes', () => {
    const { events, summary } = run(scenario, { workload: 'agent-quality' });
    const first = ofType(events, 'Measurement').filter((m) => m.run === ofType(events, 'AnalysisRunStarted')[0]?.name);
    expect(first.map((m) => [m.metric, m.phase])).toEqual([['error-rate', 'Successful'], ['task-success', 'Failed']]);
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true, detectedAfter: first[1]?.t });

    const other = run(scenario, { workload: 'agent-errors-only' }).summary;
    expect(other).toMatchObject({ outcome: 'promoted', caught: false });
    expect(other.versions.release.errorRate).toBeLessThan(0.01);
    expect((other.versions.stable.taskSuccess ?? 0) - (other.versions.release.taskSuccess ?? 0)).toBeGreaterThan(0.03);
    expect(other.harmedRequests).toBeGreaterThan(10 * summary.harmedRequests);
  });

  it('holds across seeds', () => {
    for (const seed of SEEDS) {
      const r = compare(scenario, seed);
      expect(r['agent-quality']?.caught, `seed ${seed}`).toBe(true);
      expect(r['agent-errors-only']?.outcome, `seed ${seed}`).toBe('promoted');
    }
  });
});

describe('low-traffic-nan: the result[0] trap on a quiet canary', () => {
  const scenario = load('low-traffic-nan');

  it('the unguarded condition errors on [] five times and falsely rolls back; the guarded one promotes', () => {
    expect(scenario.release.regressions).toHaveLength(0);
    const { events, summary } = run(scenario, { workload: 'agent-unguarded' });
    const ms = ofType(events, 'Measurement');
    expect(ms).toHaveLength(5);
    // Argo stores no value when the condition cannot be evaluated (MarkMeasurementError); the message says why.
    for (const m of ms) {
      expect(m).toMatchObject({ value: '', phase: 'Error' });
      expect(m.message).toContain('could not evaluate successCondition "result[0] < 0.05": metric result is nil or empty');
    }
    expect(ms[4]!.t - ms[0]!.t).toBe(40_000); // Argo retries an Error after 10 s
    expect(ofType(events, 'RolloutAborted')[0]?.reason).toContain('consecutiveErrors (5) > consecutiveErrorLimit (4)');
    expect(summary).toMatchObject({ outcome: 'aborted', falseRollback: true, harmedRequests: 0 });

    const guarded = run(scenario, { workload: 'agent-guarded' });
    expect(guarded.summary).toMatchObject({ outcome: 'promoted', falseRollback: false });
    expect(ofType(guarded.events, 'Measurement').every((m) => m.phase === 'Successful')).toBe(true);
  });

  it('holds across seeds: the unguarded canary is falsely rolled back in most, the guarded never', () => {
    const results = [7, ...SEEDS].map((seed) => compare(scenario, seed));
    expect(results.filter((r) => r['agent-unguarded']?.falseRollback).length).toBeGreaterThanOrEqual(4);
    for (const r of results) expect(r['agent-guarded']?.outcome).toBe('promoted');
  });

  it('the guard does not blind the analysis: a real 20 % error rate is still caught', () => {
    const broken = withRegressions(scenario, [{ to: 0.2 }]);
    for (const seed of SEEDS.slice(0, 3)) expect(compare(broken, seed)['agent-guarded']?.caught, `seed ${seed}`).toBe(true);
  });
});

describe('basic-canary-weight-rounding: without a router, the split is ready pods', () => {
  const scenario = load('basic-canary-weight-rounding');
  const { events, summary } = run(scenario);

  it('ActualWeight lags setWeight while ReplicaSets scale, as Argo\'s replica math orders it', () => {
    const weights = ofType(events, 'WeightChanged').map((w) => [w.canary, w.actual]);
    expect(weights).toEqual([
      [20, 0], [20, 20],
      [40, 20], [40, 25], [40, 40], // stable 4 → 3 first (1:3), then the 2nd canary pod becomes ready
      [60, 40], [60, 50], [60, 60],
      [80, 60], [80, 75], [80, 80],
      [100, 80], [100, 100], // stable 1 → 0 before the 5th canary pod is ready
      [0, 0], // promoted: the release is the stable
    ]);
    expect(summary).toMatchObject({ outcome: 'promoted', falseRollback: false });
  });

  it('during every pause, 20/40/60/80 % of 5 pods are whole pods: actual = setWeight', () => {
    const pauses = ofType(events, 'Paused').map((p) => p.t);
    expect(pauses).toHaveLength(4);
    for (const t of pauses) {
      const last = ofType(events, 'WeightChanged').filter((w) => w.t <= t).at(-1);
      expect(last?.actual).toBe(last?.canary);
    }
  });
});

describe('bluegreen-pre-post-analysis: post-promotion analysis on real traffic', () => {
  const scenario = load('bluegreen-pre-post-analysis');

  it('synthetic chat tests pass; post-promotion analysis fails and switches the active Service back', () => {
    const { events, summary, requests } = run(scenario, { workload: 'agent-bluegreen-post' });
    const releaseHash = ofType(events, 'ServiceSwitched').find((e) => e.service === 'agent-preview')?.to;
    const switches = ofType(events, 'ServiceSwitched').filter((e) => e.service === 'agent-active');
    expect(switches).toHaveLength(2);
    const [toRelease, back] = switches;
    expect(toRelease?.to).toBe(releaseHash);
    expect(back?.to).not.toBe(releaseHash);
    // after the switch back, no user request reaches the release
    expect(requests.filter((r) => r.version === 1 && r.arrival > (back?.t ?? 0)).length).toBe(0);
    expect(ofType(events, 'AnalysisRunCompleted').map((r) => [r.name.replace(/^.*-/, ''), r.phase])).toEqual([['pre', 'Successful'], ['post', 'Failed']]);
    expect(ofType(events, 'RolloutAborted')[0]?.reason).toMatch(/^Blue\/green post-promotion analysis phase error\/failed/);
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true, detectedAfter: back?.t });
  });

  it('harms a small fraction of what pre-only blue-green harms — which is exactly the flagship\'s blue-green', () => {
    const { 'agent-bluegreen-post': post, 'agent-bluegreen-pre': pre } = compare(scenario);
    expect(pre).toMatchObject({ outcome: 'promoted', caught: false });
    expect(post?.harmedShare).toBeLessThan((pre?.harmedShare ?? 0) / 10);
    const flagship = run(load('flagship'), { workload: 'agent-bluegreen' }).summary;
    expect(pre?.harmedRequests).toBe(flagship.harmedRequests);
    expect(pre?.harmedShare).toBe(flagship.harmedShare);
  });

  it('holds across seeds; a healthy release passes post-promotion analysis', () => {
    for (const seed of SEEDS) {
      const r = compare(scenario, seed);
      expect(r['agent-bluegreen-post']?.caught, `seed ${seed}`).toBe(true);
      expect(r['agent-bluegreen-pre']?.outcome, `seed ${seed}`).toBe('promoted');
    }
    const healthy = withRegressions(scenario, []);
    for (const seed of SEEDS.slice(0, 3)) expect(compare(healthy, seed)['agent-bluegreen-post']?.outcome, `seed ${seed}`).toBe('promoted');
  });
});

describe('header-routed-internal-users: employees meet the release first', () => {
  const scenario = load('header-routed-internal-users');
  const internal = scenario.traffic.cohorts.findIndex((c) => c.name === 'internal');

  it('before the weight leaves 0 %, only internal users reach the canary; then everyone does; promoted', () => {
    const { events, summary, requests, store } = run(scenario);
    const firstWeight = ofType(events, 'WeightChanged').find((w) => w.canary > 0);
    expect(firstWeight).toMatchObject({ canary: 20 });
    const early = requests.filter((r) => r.version === 1 && r.completion < (firstWeight?.t ?? 0));
    expect(early.length).toBeGreaterThan(300);
    expect(early.every((r) => r.cohort === internal)).toBe(true);
    const late = requests.filter((r) => r.version === 1 && r.completion > (firstWeight?.t ?? 0) + MIN);
    expect(new Set(late.map((r) => r.cohort)).size).toBe(scenario.traffic.cohorts.length);

    // what the first analysis saw, in Prometheus: the canary's requests, by cohort
    const run0 = ofType(events, 'AnalysisRunStarted')[0];
    const q = `sum by (cohort) (http_requests_total{rollouts_pod_template_hash="${run0?.args['canary-hash']}"})`;
    const r = evaluateInstant(store, q, run0?.t ?? 0);
    expect(r.ok && r.data.resultType === 'vector' && r.data.result.map((s) => s.metric['cohort'])).toEqual(['internal']);
    expect(summary).toMatchObject({ outcome: 'promoted' });
  });

  it('with a 4 % error regression, the first analysis aborts at weight 0 %: every harmed request is internal', () => {
    const broken = withRegressions(scenario, [{ to: 0.04 }]);
    for (const seed of [7, ...SEEDS]) {
      const { events, summary, requests } = run(broken, { seed });
      expect(summary.caught, `seed ${seed}`).toBe(true);
      expect(ofType(events, 'WeightChanged').some((w) => w.canary > 0), `seed ${seed}`).toBe(false);
      const harmed = requests.filter((r) => r.harmed);
      expect(harmed.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(harmed.every((r) => r.cohort === internal), `seed ${seed}`).toBe(true);
    }
  });
});

describe('mirrored-shadow-traffic: shadow copies test the release, users never meet it', () => {
  const scenario = load('mirrored-shadow-traffic');

  it('the canary\'s own series show the regression; the analysis aborts; no user request served or harmed', () => {
    const store = createMetricStore();
    const sim = createSimulation(scenario, { store });
    const events: SimEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(10 * MIN);
    const mirrored = takeSample(sim.store, sim.world, sim.engine.now).mirrored;
    sim.runUntil(scenario.duration);
    const summary = sim.finish();
    expect(mirrored).toBeGreaterThan(1000);
    expect(ofType(events, 'WeightChanged').some((w) => w.canary > 0)).toBe(false);
    const m = ofType(events, 'Measurement');
    expect(m).toHaveLength(1);
    expect(m[0]?.phase).toBe('Failed');
    expect(Number(JSON.parse(m[0]?.value ?? '[0]')[0])).toBeGreaterThan(0.015);
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true, harmedRequests: 0, releaseRequests: 0 });
    // The Summary shows what the canary was judged on: the copies' own error rate, far above stable's.
    expect(summary.mirrored?.requests).toBeGreaterThan(mirrored);
    expect(summary.mirrored?.errorRate).toBeGreaterThan(0.015);
    expect(summary.versions.stable.errorRate).toBeLessThan(0.01);
  });

  it('holds across seeds; a healthy release passes the shadow test and is promoted', () => {
    for (const seed of SEEDS) expect(run(scenario, { seed }).summary, `seed ${seed}`).toMatchObject({ caught: true, harmedRequests: 0 });
    expect(run(withRegressions(scenario, [])).summary.outcome).toBe('promoted');
  });
});
