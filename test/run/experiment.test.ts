/**
 * Canary `experiment` steps end to end: the Experiment's ReplicaSets, its analyses, its phase and
 * what the phase does to the Rollout, exact trace slices. Argo sources (argo-rollouts @9f8d111d8):
 * rollout/experiment.go:47 (name), :191-204 (phase → Rollout), experiments/experiment.go:197-221
 * (template status), :548-594 (calculateStatus), :438-476 (runs start once available),
 * utils/experiment/experiment.go:42-62 (IsTerminating), :110-119 (replicas 0 once done),
 * experiments/replicaset.go:223-251 (scaleDownDelaySeconds, default 30 in utils/defaults),
 * rollout/trafficrouting.go:440-464 (template weights while Running), istio.go:225-246 (from stable).
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { formatTextLine } from '../../src/report/text.js';
import { routesFor, type RoutingContext } from '../../src/run/routing.js';
import { runYaml } from '../helpers/run-yaml.js';

const rollout = (steps: string, routing = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: agent}
spec:
  replicas: 2
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "agent:v2"}]}
  strategy:
    canary:
${routing}      steps:
${steps}`;

const template = (name: string, condition: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: ${name}}
spec:
  args: [{name: hash}]
  metrics:
    - name: m
      interval: 30s
      count: 2
      successCondition: ${condition}
      provider: {prometheus: {address: http://prom, query: 'vector(1) + 0 * count(up{rollouts_pod_template_hash="{{args.hash}}"} or vector(0))'}}
`;

const scenario = (extra = ''): string => `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 6m
  traffic: {rps: 2}
${extra}`;

const KEEP = new Set(['StepStarted', 'StepCompleted', 'ExperimentStarted', 'ExperimentReplicaSetScaled', 'ExperimentPhaseChanged', 'AnalysisRunStarted', 'AnalysisRunCompleted', 'RolloutAborted', 'RolloutPromoted', 'Paused', 'WeightChanged']);

function trace(...docs: string[]): string[] {
  return traceOf(KEEP, ...docs);
}

function traceOf(keep: Set<string>, ...docs: string[]): string[] {
  return runYaml(docs.join('---\n')).filter((e) => keep.has(e.type)).flatMap((e) => (e.type === 'Paused' ? [`${e.t / 1000}s Paused ${e.reason}`] : formatTextLine(e, { color: false }, 3)?.replace(/^\s+/, '') ?? []));
}

const baselineCanary = (analysis: string, duration = 'duration: 2m') => `        - setWeight: 50
        - experiment:
            ${duration}
            templates:
              - {name: baseline, specRef: stable}
              - {name: canary, specRef: canary, replicas: 2}
${analysis}        - pause: {duration: 1m}
`;

describe('experiment step', () => {
  it('duration: ReplicaSets up, Running once available, Successful after 2m, step completes, scaled to 0 after 30 s', () => {
    const lines = trace(rollout(baselineCanary('')), scenario());
    expect(lines.slice(0, 16)).toEqual([
      '0s  • step 1 of 3  setWeight: 50',
      '0s  ⇄ weight: canary 50% · stable 50% (actual 0%)',
      '20s  ⇄ weight: canary 50% · stable 50% (actual 33%)',
      '20s  ⇄ weight: canary 50% · stable 50%',
      '20s  ✔ step 1 of 3 complete',
      '20s  • step 2 of 3  experiment: {templates: [baseline, canary], duration: 2m0s}',
      expect.stringMatching(/^20s {2}Σ experiment agent-\w+-2-1 started: baseline \(stable, 1 replica\), canary \(canary, 2 replicas\) for 2m0s$/),
      expect.stringMatching(/^20s {2}⊞ experiment ReplicaSet agent-\w+-2-1-baseline-\w+ scaled to 1$/),
      expect.stringMatching(/^20s {2}⊞ experiment ReplicaSet agent-\w+-2-1-canary-\w+ scaled to 2$/),
      expect.stringMatching(/^40s {2}◌ experiment agent-\w+-2-1 Running$/),
      expect.stringMatching(/^2m40s {2}✔ experiment agent-\w+-2-1 Successful$/),
      '2m40s  ✔ step 2 of 3 complete',
      '2m40s  • step 3 of 3  pause: {duration: 1m0s}',
      '160s Paused CanaryPauseStep',
      expect.stringMatching(/^3m10s {2}⊞ experiment ReplicaSet agent-\w+-2-1-baseline-\w+ scaled to 0$/),
      expect.stringMatching(/^3m10s {2}⊞ experiment ReplicaSet agent-\w+-2-1-canary-\w+ scaled to 0$/),
    ]);
  });

  it('requiredForCompletion: the Experiment ends when its required run succeeds, before any duration', () => {
    const analysis = `            analyses:
              - name: check
                templateName: pass
                requiredForCompletion: true
                args: [{name: hash, value: "{{templates.canary.podTemplateHash}}"}]
`;
    const lines = trace(rollout(baselineCanary(analysis, 'duration: 1h')), template('pass', 'result[0] == 1'), scenario());
    const from = lines.findIndex((l) => l.includes('Running'));
    expect(lines.slice(from, from + 5)).toEqual([
      expect.stringMatching(/^40s {2}◌ experiment agent-\w+-2-1 Running$/),
      expect.stringMatching(/^40s {2}α analysis agent-\w+-2-1-check started \(pass\)$/),
      expect.stringMatching(/^1m10s {2}✔ analysis agent-\w+-2-1-check Successful/),
      // assessAnalysisRuns keeps the message of the worst run: none is worse than Successful, so ''.
      expect.stringMatching(/^1m10s {2}✔ experiment agent-\w+-2-1 Successful$/),
      '1m10s  ✔ step 2 of 3 complete',
    ]);
  });

  it('a Failed analysis fails the Experiment and aborts the Rollout with Argo\'s message', () => {
    const analysis = `            analyses:
              - {name: check, templateName: fail, args: [{name: hash, value: "{{templates.baseline.podTemplateHash}}"}]}
`;
    const lines = trace(rollout(baselineCanary(analysis)), template('fail', 'result[0] == 0'), scenario());
    const from = lines.findIndex((l) => l.includes('experiment') && l.includes('Failed'));
    expect(lines.slice(from - 1, from + 2)).toEqual([
      expect.stringMatching(/^40s {2}✖ analysis agent-\w+-2-1-check Failed/),
      expect.stringMatching(/^40s {2}✖ experiment agent-\w+-2-1 Failed: Metric "m" assessed Failed due to failed \(1\) > failureLimit \(0\)$/),
      '40s  ✖ ABORTED: Experiment analysis phase is error/failed: Metric "m" assessed Failed due to failed (1) > failureLimit (0)',
    ]);
    expect(lines.filter((l) => l.includes('experiment ReplicaSet') && l.endsWith('scaled to 0'))).toEqual([
      expect.stringMatching(/^1m10s .*baseline/), expect.stringMatching(/^1m10s .*canary/),
    ]);
  });

  it('an Inconclusive analysis makes the Experiment Inconclusive: the Rollout pauses (InconclusiveExperiment), and a promote does not lift it', () => {
    const analysis = `            analyses:
              - {name: check, templateName: unsure, args: [{name: hash, value: x}]}
`;
    const unsure = template('unsure', 'result[0] > 5').replace('      count: 2\n', '      count: 1\n      failureCondition: result[0] < 0\n');
    const lines = traceOf(new Set([...KEEP, 'PhaseChanged', 'Resumed', 'OperatorAction']), rollout(baselineCanary(analysis)), unsure, scenario('  operator: [{at: 2m, action: promote}]\n'));
    const from = lines.findIndex((l) => l.includes('check Inconclusive'));
    expect(lines.slice(from, from + 7)).toEqual([
      expect.stringMatching(/^40s {2}\? analysis agent-\w+-2-1-check Inconclusive/),
      expect.stringMatching(/^40s {2}\? experiment agent-\w+-2-1 Inconclusive/),
      '40s Paused InconclusiveExperiment',
      '40s  ॥ Paused — InconclusiveExperiment',
      // Terminating (IsTerminating: an Inconclusive run), its ReplicaSets go after scaleDownDelaySeconds.
      expect.stringMatching(/^1m10s .*baseline-\w+ scaled to 0$/),
      expect.stringMatching(/^1m10s .*canary-\w+ scaled to 0$/),
      '2m0s  ⌨ operator: promote',
    ]);
    // rollout/experiment.go:191-193 adds the pause again on the next reconcile (pause.go:51-119).
    expect(lines.slice(from + 7)).toEqual(['2m0s  ▶ resumed by promote', '120s Paused InconclusiveExperiment']);
    expect(lines.some((l) => l.includes('step 2 of 3 complete'))).toBe(false);
  });

  it('weight under trafficRouting comes out of the stable side while the Experiment runs', () => {
    const routing = `      canaryService: c
      stableService: s
      trafficRouting: {istio: {virtualService: {name: vs}}}
`;
    const steps = `        - setWeight: 10
        - experiment:
            duration: 1m
            templates: [{name: exp, specRef: canary, weight: 20}]
`;
    const r = loadScenarioText([rollout(steps, routing), scenario()].join('---\n'), 'test.yaml');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join());
    const sim = createSimulation(r.scenario, { store: createMetricStore() });
    const started: SimEvent[] = [];
    sim.subscribe((e) => void (e.type === 'ExperimentStarted' && started.push(e)));
    sim.runUntil(60_000);
    const ex = sim.status.experiments[0];
    expect(ex?.phase).toBe('Running');
    const ctx: RoutingContext = {
      model: 'router', primaryService: 0, secondaryService: 1, cohorts: [],
      rsByHash: new Map([[sim.status.stableRS ?? '', 0], [sim.status.currentPodHash, 1]]),
      experiments: new Map([[`${ex?.name}/exp`, { id: 2, template: { weight: 20, sharesSelector: true } }]]),
    };
    expect(routesFor(ctx, sim.status).map((x) => `${x.weight}→rs${x.rs.join(',')}`)).toEqual(['70→rs0', '10→rs1', '20→rs2']);
    sim.runUntil(200_000); // 1m after availableAt (40 s): Successful, the last step done, promoted: no experiment weight
    expect(sim.status.experiments[0]?.phase).toBe('Successful');
    expect(routesFor(ctx, sim.status).map((x) => `${x.weight}→rs${x.rs.join(',')}`)).toEqual(['100→rs1']);
  });
});
