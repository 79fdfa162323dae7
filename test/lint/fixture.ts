/**
 * A minimal scenario for the lint rules' tests: one istio canary (Services web-stable/web-canary in
 * namespace shop) with one analysis step, whose template's condition and query each test sets.
 */
import type { Scenario } from '../../src/model/scenario.js';
import { loadScenarioText } from '../../src/scenario/index.js';

export interface Parts {
  readonly condition?: string;
  readonly query?: string;
  /** Extra Scenario spec lines (two-space indented under spec:). */
  readonly spec?: string;
  /** Replaces the whole strategy block (indented under `strategy:`). */
  readonly strategy?: string;
}

/** The canary strategy block, its first setWeight as given. Example: canary(10) → '    canary:\n …- setWeight: 10…'. */
export const canary = (weight: number): string => `    canary:
      canaryService: web-canary
      stableService: web-stable
      trafficRouting:
        istio:
          virtualService: {name: web, routes: [primary]}
      steps:
        - setWeight: ${weight}
        - analysis:
            templates: [{templateName: errors}]
            args: [{name: svc, value: web-canary}]`;
const CANARY = canary(20);

export function scenarioText(p: Parts): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:v2}]}
  strategy:
${p.strategy ?? CANARY}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: errors, namespace: shop}
spec:
  args: [{name: svc}]
  metrics:
    - name: error-rate
      successCondition: ${JSON.stringify(p.condition ?? 'result[0] < 0.05')}
      provider:
        prometheus:
          query: ${JSON.stringify(p.query ?? 'sum(rate(http_requests_total{code="500"}[5m])) or on() vector(0)')}
---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: lint-case}
spec:
  traffic: {rps: 5}
  agent: {image: web:v1}
  release: {image: web:v2}
${p.spec ?? ''}
`;
}

export function load(p: Parts): Scenario {
  const r = loadScenarioText(scenarioText(p), 'case.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}
