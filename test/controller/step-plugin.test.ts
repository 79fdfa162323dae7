/**
 * Canary `plugin` steps, with the plugin's behaviour declared in the Scenario (spec.stepPlugins):
 * - rollout/steps/plugin/plugin.go Run: a Run answering Running is called again only after its
 *   backoff (defaultRequeuDuration 30 s, or RequeueAfter when > minRequeueDuration 10 s); an RPC
 *   error is phase Error with defaultErrorBackoff 30 s, retried.
 * - rollout/stepplugin.go reconcile: the Rollout is requeued at updatedAt + backoff +
 *   defaultBackoffDelay (5 s); a Failed Run aborts with "Step Plugin %d (%s) failed: %s"; on abort
 *   every Run still Running or Successful is aborted; recordPhase emits no event for a Run turning
 *   Successful (RolloutStepCompleted does).
 * - rollout/canary.go completedCurrentCanaryStep → isStepPluginCompleted.
 */
import { describe, expect, it } from 'vitest';
import { traceJsonSchema } from '../../src/model/trace-schema.js';
import { formatSummary } from '../../src/report/summary-text.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { validate, type J } from '../helpers/json-schema.js';
import { decisions, runYaml } from '../helpers/run-yaml.js';

const rollout = (steps: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  replicas: 2
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: app, image: app:v2}]}
  strategy:
    canary:
      steps:
${steps}`;
const scenario = (plugins: string) => `---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 10m
  traffic: {rps: 2}
  agent: {startup: 10s}
${plugins}`;
const STEPS = '        - setWeight: 50\n        - plugin: {name: argoproj/curl, config: {url: "https://example.com/"}}\n        - pause: {duration: 1m}\n';
const TYPES = ['StepStarted', 'StepCompleted', 'StepPluginPhaseChanged', 'RolloutAborted', 'RolloutPromoted'];

describe('plugin steps', () => {
  it('Running for 60 s: Run at 10 s, 45 s, 80 s (each 30 s backoff + 5 s); Successful at 80 s completes the step', () => {
    const events = runYaml(rollout(STEPS) + scenario('  stepPlugins:\n    argoproj/curl: {duration: 60s, phase: Successful}\n'));
    expect(decisions(events, TYPES).filter((l) => !l.includes('StepStarted {"index":0') && !l.includes('StepCompleted {"index":0'))).toEqual([
      // The canary pod is ready at 10 s: step 0 completes, step 1 starts and its first Run answers Running.
      '10s StepStarted {"index":1,"step":"plugin: {name: argoproj/curl}"}',
      '10s StepPluginPhaseChanged {"index":1,"plugin":"argoproj/curl","operation":"Run","phase":"Running","message":""}',
      // 45 s: Running again (60 s not passed); 80 s: Successful — no plugin event, the step completes.
      '80s StepCompleted {"index":1}',
      '80s StepStarted {"index":2,"step":"pause: {duration: 1m0s}"}',
      '140s StepCompleted {"index":2}',
      '150s RolloutPromoted {}',
    ]);
  });

  it('requeueAfter over 10 s replaces the 30 s backoff', () => {
    const events = runYaml(rollout(STEPS) + scenario('  stepPlugins:\n    argoproj/curl: {duration: 30s, phase: Successful, requeueAfter: 12s}\n'));
    // Runs at 10 s, 27 s (12 + 5), 44 s (≥ 40 s): Successful.
    expect(decisions(events, ['StepCompleted']).find((l) => l.includes('"index":1'))).toBe('44s StepCompleted {"index":1}');
  });

  it('Failed aborts with Argo\'s message; the earlier Successful plugin step is aborted too', () => {
    const steps = '        - plugin: {name: first}\n        - setWeight: 50\n        - plugin: {name: argoproj/curl}\n';
    const events = runYaml(rollout(steps) + scenario('  stepPlugins:\n    first: {}\n    argoproj/curl: {duration: 20s, phase: Failed, message: "HTTP 503"}\n'));
    expect(decisions(events, TYPES)).toEqual([
      '0s StepStarted {"index":0,"step":"plugin: {name: first}"}',
      '0s StepCompleted {"index":0}',
      '0s StepStarted {"index":1,"step":"setWeight: 50"}',
      '10s StepCompleted {"index":1}',
      '10s StepStarted {"index":2,"step":"plugin: {name: argoproj/curl}"}',
      '10s StepPluginPhaseChanged {"index":2,"plugin":"argoproj/curl","operation":"Run","phase":"Running","message":""}',
      '45s StepPluginPhaseChanged {"index":2,"plugin":"argoproj/curl","operation":"Run","phase":"Failed","message":"HTTP 503"}',
      '45s RolloutAborted {"reason":"Step Plugin 3 (argoproj/curl) failed: HTTP 503"}',
      '45s StepPluginPhaseChanged {"index":0,"plugin":"first","operation":"Abort","phase":"Successful","message":""}',
    ]);
    // Each StepPluginPhaseChanged event is what schema/trace.schema.json describes.
    const trace = traceJsonSchema() as J;
    const def = (trace['definitions'] as Record<string, J>)['StepPluginPhaseChanged'] as J;
    for (const e of events.filter((x) => x.type === 'StepPluginPhaseChanged')) expect(validate(def, JSON.parse(JSON.stringify(e)) as J, trace)).toEqual([]);
    const summary = events.find((e) => e.type === 'Summary');
    expect(summary?.type === 'Summary' ? [summary.abortCause, summary.abortDetail] : []).toEqual(['stepPlugin', 'step plugin argoproj/curl failed: HTTP 503']);
  });

  it('a plugin declared Failed rolls back a release with a regression as it would a healthy one, and the Summary blames the plugin, not an analysis', () => {
    const text = rollout(STEPS) + scenario('  release: {image: app:v2, regressions: [{metric: errorRate, to: 5%}]}\n  stepPlugins:\n    argoproj/curl: {duration: 20s, phase: Failed, message: "HTTP 503"}\n');
    const summary = runYaml(text).find((e) => e.type === 'Summary');
    if (summary?.type !== 'Summary') throw new Error('no Summary');
    expect([summary.caught, summary.falseRollback, summary.twin?.abortCause]).toEqual([false, true, 'stepPlugin']);
    expect(formatSummary(summary, { color: false })[2]).toBe('  outcome   aborted after 45s: step plugin argoproj/curl failed: HTTP 503 — FALSE ROLLBACK: the healthy release would be rolled back the same way: the step plugin fails whatever the release does');
  });

  it('Error is retried every 35 s and never completes the step', () => {
    const events = runYaml(rollout(STEPS) + scenario('  stepPlugins:\n    argoproj/curl: {phase: Error, message: "connection refused"}\n'));
    expect(decisions(events, TYPES).filter((l) => l.includes('"index":1') || l.includes('Promoted') || l.includes('Aborted'))).toEqual([
      '10s StepStarted {"index":1,"step":"plugin: {name: argoproj/curl}"}',
      '10s StepPluginPhaseChanged {"index":1,"plugin":"argoproj/curl","operation":"Run","phase":"Error","message":"connection refused"}',
    ]);
  });

  it('a plugin the Scenario does not declare: exit-2 error naming it, with the block to add', () => {
    const r = loadScenarioText(rollout(STEPS) + scenario(''), 'test.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message} (${e.suggestion ?? ''})`)).toEqual([
      '14:26 spec.strategy.canary.steps[1].plugin.name: the step plugin "argoproj/curl" needs a declaration of what it does (the simulator runs no plugin) (add to the Scenario\'s spec: stepPlugins: {"argoproj/curl": {duration: 30s, phase: Successful}})',
    ]);
  });
});
