/**
 * The healthy twin starts from the run's own history. A query reading back more than five minutes
 * makes the world start earlier than t = 0 (run/history.ts); the twin must be built with the same
 * lookback (and exported families) as the run, or its first measurements read another history.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { runHealthyTwin } from '../../src/run/simulation-core.js';
import { ANALYSIS, createSimulation, queryLookbackMs } from '../../src/run/simulation.js';
import { exportedFor } from '../../src/run/template-queries.js';
import { loadScenarioText } from '../../src/scenario/load.js';

// Step 0 measures how many requests the whole service served in the last 10 minutes: at t = 0 all
// of them are pre-release history (20 rps × 600 s = 12 000). With only the default 5 minutes of
// history the count would be about 6 000 and the measurement would fail. The operator aborts at
// 2m with a 6 % error regression in effect: a catch, unless the twin fails the history check.
const YAML = `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: agent}
spec:
  replicas: 10
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: agent:v2}]}
  strategy:
    canary:
      canaryService: agent-canary
      stableService: agent-stable
      trafficRouting: {istio: {virtualService: {name: agent-vsvc, routes: [primary]}}}
      steps:
        - analysis: {templates: [{templateName: history}]}
        - setWeight: 20
        - pause: {duration: 10m}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: history}
spec:
  metrics:
    - name: served-10m
      successCondition: result[0] > 10800
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: sum(increase(http_requests_total[10m]))
---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: twin-history}
spec:
  seed: 7
  duration: 15m
  traffic: {rps: 20}
  agent: {image: agent:v1, concurrency: 4, startup: 20s, latency: {median: 900ms, p99: 4s}, errorRate: 0.5%, taskSuccess: 95%}
  release:
    image: agent:v2
    regressions: [{metric: errorRate, to: 6%}]
  operator: [{at: 2m, action: abort}]
`;

function scenario(): Scenario {
  const r = loadScenarioText(YAML, 'twin-history.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

function run(s: Scenario): { events: SimEvent[]; summary: SummaryFields } {
  const sim = createSimulation(s, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(s.duration);
  return { events, summary: sim.finish() };
}

const values = (events: readonly SimEvent[]): string[] => events.flatMap((e) => (e.type === 'Measurement' ? [e.value] : []));

describe('the healthy twin gets the run’s history', () => {
  it('a 10-minute lookback: the run and its twin measure the same 10 minutes of pre-release traffic', () => {
    const s = scenario();
    expect(queryLookbackMs(s.analysisTemplates)).toBe(600_000);
    const { events, summary } = run(s);
    const measured = values(events);
    expect(measured.length).toBe(1);
    expect(measured).toEqual([expect.stringMatching(/^\[1\d{4}(\.\d+)?\]$/)]);
    // The Summary's own twin (built inside the run) passed the history check as the run did: the
    // operator's abort was a catch. (Given only 5 minutes of history it failed at 0s: a "false rollback".)
    expect(summary).toMatchObject({ outcome: 'aborted', abortCause: 'operator', caught: true, falseRollback: false, twin: { abortedAfter: null, abortCause: null } });
    // Built as the run is built (what createSimulation passes), the twin's trace up to the abort
    // is the healthy run's: the same measurement of the same history.
    const twin: SimEvent[] = [];
    const abort = runHealthyTwin(s, { seed: 7, workload: 'agent', sent: [], queryLookbackMs: 600_000, exported: exportedFor(s) }, ANALYSIS, 120_000, (e) => twin.push(e));
    expect(abort).toBeUndefined();
    const healthy = run({ ...s, release: { ...s.release, regressions: [] }, operator: [] }).events.filter((e) => e.t <= 120_000 && e.type !== 'Summary');
    expect(twin).toEqual(healthy);
    expect(values(twin)).toEqual(measured);
  });
});
