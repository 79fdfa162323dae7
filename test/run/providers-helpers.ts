/** A small canary (one replica, an analysis step after setWeight 50) whose template is the test's. */
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/index.js';

export const rollout = (templates = '[{templateName: t}]'): string => `apiVersion: argoproj.io/v1alpha1
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
      steps:
        - setWeight: 50
        - analysis: {templates: ${templates}}
`;

export const scenario = (extra = ''): string => `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 10m
  traffic: {rps: 5}
${extra}`;

export const template = (metric: string, name = 't', extra = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: ${name}}
spec:
${extra}  metrics:
${metric}`;

/** Loads the documents and runs to the end; the analysis events only (and load errors, thrown). */
export function analysisEvents(...docs: string[]): SimEvent[] {
  const r = loadScenarioText(docs.join('---\n'), 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}${e.suggestion ? ` (${e.suggestion})` : ''}`).join('\n'));
  const sim = createSimulation(r.scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(r.scenario.duration);
  sim.finish();
  return events.filter((e) => e.type === 'Measurement' || e.type === 'AnalysisRunCompleted' || e.type === 'AnalysisRunStarted');
}

/** Load errors as `path: message (suggestion)`. */
export function loadErrors(...docs: string[]): string[] {
  const r = loadScenarioText(docs.join('---\n'), 'test.yaml');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}${e.suggestion ? ` (${e.suggestion})` : ''}`);
}
