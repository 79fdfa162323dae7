/** Shared fixtures and assertions for the loader tests. */
import { formatLoadError, loadScenarioText } from '../../src/scenario/index.js';
import type { LoadError } from '../../src/scenario/index.js';
import type { CanaryStrategy, Rollout } from '../../src/model/rollout.js';
import type { Scenario } from '../../src/model/scenario.js';

/** A minimal basic-canary Rollout whose template runs the release image app:v2. */
export const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: app
spec:
  replicas: 4
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: app:v2
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: {duration: 1m}
`;

/** The smallest valid Scenario document. */
export const SCENARIO = `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  traffic:
    rps: 10
`;

/** Joins documents into one multi-document file. */
export function file(...docs: string[]): string {
  return docs.map((d) => (d.endsWith('\n') ? d : d + '\n')).join('---\n');
}

export function errorsOf(text: string, name = 'test.yaml'): LoadError[] {
  const r = loadScenarioText(text, name);
  if (r.ok) throw new Error('expected load errors, but the file loaded');
  return r.errors;
}

/** Formatted errors, one string each. */
export function messages(text: string, name = 'test.yaml'): string[] {
  return errorsOf(text, name).map(formatLoadError);
}

export function loaded(text: string, name = 'test.yaml'): { scenario: Scenario; notes: string[] } {
  const r = loadScenarioText(text, name);
  if (!r.ok) throw new Error('expected the file to load:\n' + r.errors.map(formatLoadError).join('\n'));
  return { scenario: r.scenario, notes: r.notes };
}

/**
 * 1-based line and column where the `nth` occurrence of `needle` starts.
 *
 * Example: at('a: 1\nbb: 2\n', 'bb') gives {line: 2, column: 1}.
 */
export function at(text: string, needle: string, nth = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/** `file:line:col` prefix of the `nth` occurrence of `needle`. */
export function where(text: string, needle: string, nth = 0, name = 'test.yaml'): string {
  const p = at(text, needle, nth);
  return `${name}:${p.line}:${p.column}`;
}

/** Replaces exactly one occurrence (throws if absent, so fixtures cannot drift silently). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" not in text`);
  return text.replace(from, to);
}

/** A Rollout around a strategy block (indented 4 spaces) and extra spec lines (indented 2). */
export function rollout(strategy: string, extraSpec = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: app
spec:
${extraSpec}  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: app:v2
          resources: {requests: {cpu: 5m}}
          readinessProbe: {httpGet: {path: /, port: 8080}}
          env: [{name: A, value: "1"}]
  strategy:
${strategy}`;
}

export const canary = (body: string): string => `    canary:\n${body}`;
export const withScenario = (r: string): string => file(SCENARIO, r);
export const first = (text: string): Rollout => {
  const w = loaded(text).scenario.workloads[0];
  if (w?.kind !== 'Rollout') throw new Error('no Rollout');
  return w;
};
export const canaryOf = (text: string): CanaryStrategy => first(text).strategy as CanaryStrategy;

export const ISTIO = '      canaryService: c\n      stableService: s\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n';
