/**
 * A small scenario (Rollout with a step analysis, its AnalysisTemplate, a Scenario) in which the
 * YAML tests plant one newcomer's mistake at a time.
 */
export const GOOD = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: agent
spec:
  replicas: 4
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: agent:v2
  strategy:
    canary:
      maxSurge: 1
      steps:
        - setWeight: 20
        - pause: {duration: 1m}
        - analysis:
            templates:
              - templateName: error-rate
        - setWeight: 60
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: error-rate
spec:
  metrics:
    - name: error-rate
      interval: 30s
      count: 2
      successCondition: "result[0] < 0.05"
      provider:
        prometheus:
          query: sum(rate(http_requests_total{code="500"}[1m]))
---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata:
  name: yaml-mistakes
spec:
  duration: 10m
  traffic: {rps: 10}
`;

/** GOOD with line `line` (1-based) replaced by `by` (one or several lines). */
export function withLine(line: number, by: string): string {
  const lines = GOOD.split('\n');
  lines.splice(line - 1, 1, ...by.split('\n'));
  return lines.join('\n');
}
