/**
 * spec.rollbackWindow (rollout/sync.go isRollbackWithinWindow, canary.go syncRolloutStatusCanary,
 * analysis.go isFastRollback, sync.go shouldFullPromote "Rollback within window"), after Argo's
 * e2e test/e2e/rollback_window_test.go: revisions 2, updates two → three → four, then back to two
 * is within the window (one ReplicaSet, three, lies between two's and the stable four's): no
 * analysis, no steps. Back to two after five is outside it (three and four lie between): the steps
 * and the analysis run as for any update. The Scenario says which revisions came before
 * (spec.history, oldest first).
 */
import { describe, expect, it } from 'vitest';
import { templateHash } from '../../src/world/pods.js';
import { decisions, runYaml } from '../helpers/run-yaml.js';

const manifests = (revisions: number) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: window}
spec:
  replicas: 2
  rollbackWindow: {revisions: ${revisions}}
  selector: {matchLabels: {app: window}}
  template:
    metadata: {labels: {app: window}}
    spec: {containers: [{name: basic, image: "nginx:two"}]}
  strategy:
    canary:
      steps:
        - setWeight: 50
        - analysis: {templates: [{templateName: sleep-job}]}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: sleep-job}
spec:
  metrics:
    - name: sleep
      successCondition: result[0] >= 0
      provider: {prometheus: {query: vector(1)}}
`;
const scenario = (stable: string, history: string) => `---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: rollback}
spec:
  duration: 5m
  traffic: {rps: 2}
  agent: {image: "nginx:${stable}", startup: 10s}
  history: [${history}]
`;
const TYPES = ['StepStarted', 'AnalysisRunStarted', 'ReplicaSetScaled', 'RolloutPromoted'];
const two = templateHash('nginx:two');
const four = templateHash('nginx:four');

describe('rollbackWindow', () => {
  it('back to two from four (history two, three): within the window of 2 — no steps, no analysis, promoted once whole', () => {
    const events = runYaml(manifests(2) + scenario('four', '"nginx:two", "nginx:three"'));
    expect(decisions(events, TYPES)).toEqual([
      // The first reconcile still scales for step 0 (Argo resets the step index, then skips the
      // steps in syncRolloutStatusCanary); then the basic canary's rolling math (maxSurge 25 % of 2
      // = 1, maxUnavailable 0) takes it to spec.replicas, and it is promoted once 2 are available.
      `0s ReplicaSetScaled {"role":"canary","hash":"${two}","replicas":1}`,
      `10s ReplicaSetScaled {"role":"stable","hash":"${four}","replicas":1}`,
      `10s ReplicaSetScaled {"role":"canary","hash":"${two}","replicas":2}`,
      `20s ReplicaSetScaled {"role":"stable","hash":"${four}","replicas":0}`,
      '20s RolloutPromoted {}',
    ]);
  });

  it('back to two from five (history two, three, four): outside the window — the steps and the analysis run', () => {
    const events = runYaml(manifests(2) + scenario('five', '"nginx:two", "nginx:three", "nginx:four"'));
    const lines = decisions(events, ['StepStarted', 'AnalysisRunStarted', 'RolloutPromoted']);
    expect(lines.map((l) => l.replace(/\{.*/, ''))).toEqual(['0s StepStarted ', '10s StepStarted ', '10s AnalysisRunStarted ', expect.stringMatching(/RolloutPromoted $/)]);
  });

  it('a revisionHistoryLimit that no longer keeps two\'s ReplicaSet makes it a new revision: the steps run', () => {
    const text = (manifests(5) + scenario('four', '"nginx:two", "nginx:three"')).replace('  replicas: 2\n', '  replicas: 2\n  revisionHistoryLimit: 1\n');
    expect(decisions(runYaml(text), ['StepStarted']).map((l) => l.slice(0, 15))).toEqual(['0s StepStarted ', '10s StepStarted']);
  });

  // bluegreen.go isBlueGreenFastTracked: no BlueGreenPause, no pre-promotion analysis; the active
  // Service switches once the new ReplicaSet is whole.
  it('blue-green within the window: no pause, no pre-promotion analysis, the active Service switches at once', () => {
    const bg = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: bg}
spec:
  replicas: 2
  rollbackWindow: {revisions: 3}
  selector: {matchLabels: {app: bg}}
  template:
    metadata: {labels: {app: bg}}
    spec: {containers: [{name: basic, image: "nginx:two"}]}
  strategy:
    blueGreen:
      activeService: bg-active
      previewService: bg-preview
      autoPromotionEnabled: false
      prePromotionAnalysis: {templates: [{templateName: sleep-job}]}
---
` + manifests(2).slice(manifests(2).indexOf('apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate'));
    const within = decisions(runYaml(bg + scenario('four', '"nginx:two", "nginx:three"')), ['ServiceSwitched', 'Paused', 'AnalysisRunStarted', 'RolloutPromoted']);
    expect(within).toEqual([
      `0s ServiceSwitched {"service":"bg-preview","to":"${two}"}`,
      `10s ServiceSwitched {"service":"bg-active","to":"${two}"}`,
      '10s RolloutPromoted {}',
    ]);
    const outside = decisions(runYaml(bg + scenario('four', '"nginx:one"')), ['Paused', 'AnalysisRunStarted']);
    expect(outside).toEqual([`10s AnalysisRunStarted {"name":"bg-${two}-2-pre","templates":["sleep-job"],"args":{}}`, '10s Paused {"reason":"BlueGreenPause"}']);
  });
});
