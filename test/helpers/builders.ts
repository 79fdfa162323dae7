/**
 * Builders for model objects with overrides, so tests state only what they are about.
 * They build the typed model directly (not YAML): the loader has its own tests.
 */
import type { CanaryStep, Rollout } from '../../src/model/rollout.js';
import type { Behaviour, Regression, Scenario } from '../../src/model/scenario.js';
import { HOUR, MINUTE, SECOND } from '../../src/model/time.js';

const here = { file: 'test.yaml', line: 1, column: 1 };

export function aBehaviour(over: Partial<Behaviour> = {}): Behaviour {
  return {
    latency: { median: 900, p99: 4000 }, errorRate: 0.005, taskSuccess: 0.95, tokens: 800, crashRate: 0,
    ...over,
  };
}

export function aRegression(over: Partial<Regression> = {}): Regression {
  return {
    metric: 'errorRate', cohort: undefined, to: undefined, delta: undefined, factor: undefined,
    after: 0, ramp: 0, whenUtilizationAbove: undefined, source: here, ...over,
  };
}

export function setWeight(w: number): CanaryStep {
  return { setWeight: w, source: here };
}

export function pause(duration?: number): CanaryStep {
  return { pause: { duration }, source: here };
}

export function aCanaryRollout(over: Partial<Rollout> = {}, steps: CanaryStep[] = [setWeight(20), pause()]): Rollout {
  return {
    kind: 'Rollout', name: 'agent', namespace: 'default', replicas: 10, image: 'agent:v2',
    minReadySeconds: 0, progressDeadlineSeconds: 600, progressDeadlineAbort: false, paused: false,
    strategy: {
      type: 'canary', steps, maxSurge: '25%', maxUnavailable: '25%',
      canaryService: 'agent-canary', stableService: 'agent-stable',
      trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: [] },
      analysis: undefined, scaleDownDelaySeconds: 30, abortScaleDownDelaySeconds: 30,
      dynamicStableScale: false, minPodsPerReplicaSet: undefined,
    },
    source: here,
    ...over,
  };
}

export function aScenario(over: Partial<Scenario> = {}): Scenario {
  const base = aBehaviour();
  const cohorts = [
    { name: 'chat', share: 0.6, headers: {} },
    { name: 'tool-call', share: 0.3, headers: {} },
    { name: 'long-context', share: 0.1, headers: {} },
  ];
  return {
    file: 'test.yaml', name: 'test', description: '', namespace: 'default', seed: 7,
    duration: HOUR, scrapeInterval: 15 * SECOND,
    traffic: { rate: { kind: 'constant', rps: 40 }, cohorts },
    agent: {
      concurrency: 4, startup: 20 * SECOND, timeout: undefined, base,
      cohorts: Object.fromEntries(cohorts.map((c) => [c.name, base])),
    },
    stableImage: 'agent:v1',
    release: { image: 'agent:v2', at: 0, regressions: [] },
    slo: { latency: 8 * SECOND },
    syntheticTests: undefined, operator: [], compare: ['agent'], metrics: {},
    workloads: [aCanaryRollout()], analysisTemplates: [], services: [],
    ...over,
  };
}

export const MIN = MINUTE;


export function aBlueGreenRollout(over: Partial<import('../../src/model/rollout.js').BlueGreenStrategy> = {}, rollout: Partial<Rollout> = {}): Rollout {
  return aCanaryRollout({
    strategy: {
      type: 'blueGreen', activeService: 'agent-active', previewService: 'agent-preview',
      autoPromotionEnabled: true, autoPromotionSeconds: 0, previewReplicaCount: undefined,
      scaleDownDelaySeconds: 30, abortScaleDownDelaySeconds: 30,
      prePromotionAnalysis: undefined, postPromotionAnalysis: undefined, ...over,
    },
    ...rollout,
  });
}

export function aDeployment(over: Partial<import('../../src/model/rollout.js').Deployment> = {}): import('../../src/model/rollout.js').Deployment {
  return {
    kind: 'Deployment', name: 'agent', namespace: 'default', replicas: 10, image: 'agent:v2',
    minReadySeconds: 0, progressDeadlineSeconds: 600, maxSurge: '25%', maxUnavailable: '25%', source: here, ...over,
  };
}

/** Runs a workload of a scenario to its end and returns the trace. */
export function traceOf(scenario: Scenario): import('../../src/model/events.js').SimEvent[] {
  // Imported lazily so builders stay usable from tests that do not run simulations.
  return runTrace(scenario);
}
import { createSimulation } from '../../src/run/simulation.js';
import { createMetricStore } from '../../src/metrics/store.js';
function runTrace(scenario: Scenario) {
  const sim = createSimulation(scenario, { store: createMetricStore() });
  const events: import('../../src/model/events.js').SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  sim.finish();
  return events;
}
