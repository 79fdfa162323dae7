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
}

/** Labels Prometheus' Kubernetes service discovery attaches to every scraped pod series. */
export const TARGET_LABELS = ['namespace', 'pod', 'rollouts_pod_template_hash', 'job', 'instance'] as const;

const ISTIO_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'request_protocol',
  'response_code',
] as const;

const NGINX_LABELS = ['controller_class', 'controller_namespace', 'controller_pod', 'ingress', 'namespace', 'service', 'status', 'method', 'path', 'host', 'canary'] as const;

const target = (...own: string[]): readonly string[] => [...TARGET_LABELS, ...own];

export const FAMILIES: readonly Family[] = [
  { name: 'http_requests_total', type: 'counter', exporter: 'app', labels: target('cohort', 'code', 'status'), help: 'Requests served by the pod, by cohort and HTTP status (code and status carry the same value).' },
  { name: 'http_request_duration_seconds', type: 'histogram', exporter: 'app', labels: target('cohort', 'le'), help: 'End-to-end request latency at the pod (queueing + service), seconds.' },
  { name: 'agent_task_outcomes_total', type: 'counter', exporter: 'app', labels: target('cohort', 'outcome'), help: 'Online-eval task outcomes: outcome="success" or "failure".' },
  { name: 'agent_tokens_total', type: 'counter', exporter: 'app', labels: target('cohort'), help: 'Tokens the agent spent.' },
  { name: 'istio_requests_total', type: 'counter', exporter: 'istio', labels: ISTIO_LABELS, help: 'Requests through the mesh, reported by the source and the destination sidecar.' },
  { name: 'istio_request_duration_milliseconds', type: 'histogram', exporter: 'istio', labels: [...ISTIO_LABELS, 'le'], help: 'Mesh request latency, milliseconds.' },
  { name: 'nginx_ingress_controller_requests', type: 'counter', exporter: 'nginx', labels: NGINX_LABELS, help: 'Requests through ingress-nginx (Rollouts with trafficRouting.nginx).' },
  { name: 'nginx_ingress_controller_request_duration_seconds', type: 'histogram', exporter: 'nginx', labels: [...NGINX_LABELS, 'le'], help: 'ingress-nginx request latency, seconds.' },
  { name: 'up', type: 'gauge', exporter: 'prometheus', labels: TARGET_LABELS, help: '1 while the pod is scraped, 0 once it is gone.' },
  { name: 'kube_pod_info', type: 'gauge', exporter: 'kube-state-metrics', labels: ['namespace', 'pod', 'created_by_kind', 'created_by_name', 'node', 'job', 'instance'], help: 'One series per pod, value 1.' },
  { name: 'kube_pod_container_status_restarts_total', type: 'counter', exporter: 'kube-state-metrics', labels: ['namespace', 'pod', 'container', 'job', 'instance'], help: 'Container restarts (crashes) of the pod.' },
];

/** A Scenario `metrics:` entry: our family exported under the app's name and label names. */
export interface FamilyMapping {
  readonly name?: string;
  /** Our label name → the app's label name. */
  readonly labels?: Readonly<Record<string, string>>;
}

export type MetricsMapping = Readonly<Record<string, FamilyMapping>>;

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
    const labels = f.labels.map((l) => m.labels?.[l] ?? l);
    return { ...f, name: m.name ?? f.name, labels };
  });
}
