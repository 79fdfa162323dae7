/**
 * The catalogue of every metric family the simulated cluster exports: the pods' own series, the
 * Istio sidecars', ingress-nginx's, kube-state-metrics' and Prometheus' `up`. One list, read by the
 * world (what to export), the load-time warnings (what a query may select) and the README's table,
 * so the three can never disagree. A Scenario's `metrics:` mapping renames families and labels to an
 * app's own names; `exportedFamilies` applies it.
 *
 * Example: exportedFamilies({http_requests_total: {name: 'flask_http_request_total', labels: {code: 'status'}}})
 * lists `flask_http_request_total` with labels […, 'status', …] beside the unmapped families.
 */

import type { MetricsMapping } from '../model/scenario.js';

export type FamilyType = 'counter' | 'gauge' | 'histogram';

/** Who exports a family in a real cluster (and so which kind of template queries it). */
export type Exporter = 'app' | 'istio' | 'nginx' | 'kube-state-metrics' | 'prometheus';

export interface Family {
  /** The family name; a histogram's series are `<name>_bucket`, `_sum` and `_count`. */
  readonly name: string;
  readonly type: FamilyType;
  readonly exporter: Exporter;
  /** Every label its series can carry, the target labels included (a histogram's `le` too). */
  readonly labels: readonly string[];
  readonly help: string;
  /** A histogram's bucket upper bounds (`le`), in its unit; +Inf is implied. */
  readonly buckets?: readonly number[];
}

/** Labels Prometheus' Kubernetes service discovery attaches to every scraped pod series. */
export const TARGET_LABELS = ['namespace', 'pod', 'rollouts_pod_template_hash', 'job', 'instance'] as const;

// Istio's standard metrics, minus destination_app/destination_version: the simulation does not
// model pod template labels, so it would have to guess their values (a query on them draws a
// load warning instead, naming a mapping such as destination_workload → destination_app).
const ISTIO_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'request_protocol',
  'response_code',
] as const;

const NGINX_LABELS = ['controller_class', 'controller_namespace', 'controller_pod', 'ingress', 'namespace', 'service', 'status', 'method', 'path', 'host', 'canary'] as const;

const target = (...own: string[]): readonly string[] => [...TARGET_LABELS, ...own];

/** The app's latency histogram, seconds: chat-fast to long-context-slow agent calls. */
export const APP_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 60] as const;
/** Istio's default request-duration buckets, milliseconds. */
export const ISTIO_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000] as const;
/** ingress-nginx's default request-duration buckets (Prometheus client defaults), seconds. */
export const NGINX_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export const FAMILIES: readonly Family[] = [
  { name: 'http_requests_total', type: 'counter', exporter: 'app', labels: target('cohort', 'code', 'status'), help: 'Requests served by the pod, by cohort and HTTP status (code and status carry the same value).' },
  { name: 'http_request_duration_seconds', type: 'histogram', exporter: 'app', labels: target('cohort', 'le'), help: 'End-to-end request latency at the pod (queueing + service), seconds.', buckets: APP_BUCKETS_S },
  { name: 'agent_task_outcomes_total', type: 'counter', exporter: 'app', labels: target('cohort', 'outcome'), help: 'Online-eval task outcomes: outcome="success" or "failure".' },
  { name: 'agent_tokens_total', type: 'counter', exporter: 'app', labels: target('cohort'), help: 'Tokens the agent spent.' },
  { name: 'istio_requests_total', type: 'counter', exporter: 'istio', labels: target(...ISTIO_LABELS), help: "Requests through the mesh, reported by the source and the destination sidecar (both scraped with the destination pod's target labels)." },
  { name: 'istio_request_duration_milliseconds', type: 'histogram', exporter: 'istio', labels: target(...ISTIO_LABELS, 'le'), help: 'Mesh request latency (queueing + service), milliseconds.', buckets: ISTIO_BUCKETS_MS },
  { name: 'nginx_ingress_controller_requests', type: 'counter', exporter: 'nginx', labels: NGINX_LABELS, help: 'Requests through ingress-nginx (Rollouts with trafficRouting.nginx), counted by the controller.' },
  { name: 'nginx_ingress_controller_request_duration_seconds', type: 'histogram', exporter: 'nginx', labels: [...NGINX_LABELS, 'le'], help: 'ingress-nginx request latency, seconds.', buckets: NGINX_BUCKETS_S },
  { name: 'up', type: 'gauge', exporter: 'prometheus', labels: TARGET_LABELS, help: '1 at every scrape of a live pod; the series ends (staleness marker) once the pod is gone.' },
  { name: 'kube_pod_info', type: 'gauge', exporter: 'kube-state-metrics', labels: ['namespace', 'pod', 'created_by_kind', 'created_by_name', 'node', 'job', 'instance'], help: 'One series per pod, value 1.' },
  { name: 'kube_pod_container_status_restarts_total', type: 'counter', exporter: 'kube-state-metrics', labels: ['namespace', 'pod', 'container', 'job', 'instance'], help: "Container restarts (crashes) of the pod; 0 from the pod's creation." },
];

// The mapping's shape lives with the Scenario model (the lowest layer); re-exported here beside the families.
export type { FamilyMapping, MetricsMapping } from '../model/scenario.js';

/** Labels of one family that always carry the same value: renaming one onto the other is allowed. */
export const TWIN_LABELS: readonly (readonly [string, string])[] = [['code', 'status']];

/** The series names a family's samples carry. Example: histogram `x` → ['x_bucket', 'x_sum', 'x_count']. */
export function seriesNames(f: Pick<Family, 'name' | 'type'>): readonly string[] {
  return f.type === 'histogram' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name];
}

/**
 * The families as a run exports them: each mapped family under its new name and label names
 * (mapped labels replace ours), the others unchanged.
 */
export function exportedFamilies(mapping: MetricsMapping = {}): readonly Family[] {
  return FAMILIES.map((f) => {
    const m = mapping[f.name];
    if (m === undefined) return f;
    // Deduplicated: code and status carry the same value, so either may be renamed onto the other.
    const labels = [...new Set(f.labels.map((l) => m.labels?.[l] ?? l))];
    return { ...f, name: m.name ?? f.name, labels };
  });
}
