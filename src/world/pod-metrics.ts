/**
 * The Prometheus series one pod exports (DESIGN §6): the app's own, its Istio sidecar's, `up`, and
 * kube-state-metrics' for it, as plain counters bumped per request (typed-array increments only)
 * and written to the store at each scrape. A labelled series first appears once it has been
 * incremented, as with Prometheus client libraries, so a quiet canary has no error series yet.
 * Every family and label here is in src/metrics/catalogue.ts; names pass through the Scenario's
 * `metrics:` mapping once, when a series is created.
 */
import { APP_BUCKETS_S, ISTIO_BUCKETS_MS } from '../metrics/catalogue.js';
import type { IngressMetrics } from './pod-metrics-ingress.js';
import { appendHistogram, bucketOf, CODES, leLabel, NCODES, type SeriesNaming, type SeriesSuffix } from './pod-metrics-naming.js';
import type { Labels, SeriesSink } from './series-sink.js';

export { CODE_ERROR, CODE_OK, CODE_TIMEOUT, CODES } from './pod-metrics-naming.js';

/** The app's histogram upper bounds, seconds. */
export const LE = APP_BUCKETS_S;
const NB = LE.length + 1;
const NBI = ISTIO_BUCKETS_MS.length + 1;
/** Per (service, code, reporter): the counter, the NBI buckets, sum and count. */
const MESH_GROUP = NBI + 3;
const REPORTERS = ['source', 'destination'] as const;
/** User traffic enters the mesh through Istio's ingress gateway: the source workload of every request. */
const SOURCE = { source_workload: 'istio-ingressgateway', source_workload_namespace: 'istio-system' };
/** kube-state-metrics' own scrape target. */
const KSM = { job: 'kube-state-metrics', instance: '10.96.0.20:8080' };

/** A Service as Istio reports it. */
export interface MeshService {
  /** `destination_service`: the FQDN, e.g. `checkout-canary.shop.svc.cluster.local`. */
  readonly fqdn: string;
  readonly name: string;
  readonly namespace: string;
}

/** Per-pod label context, fixed at pod creation. */
export interface PodIdentity {
  readonly namespace: string;
  readonly pod: string;
  readonly hash: string;
  readonly job: string;
  /** The pod's scrape address, `<pod IP>:8080`. */
  readonly instance: string;
  readonly workload: string;
  /** The container kube-state-metrics reports restarts of. */
  readonly container: string;
  readonly node: string;
  readonly cohorts: readonly string[];
  /** The Services requests can come through, by service index. */
  readonly services: readonly MeshService[];
  readonly naming: SeriesNaming;
  /** ingress-nginx, when the Rollout routes through it (shared by every pod). */
  readonly ingress: IngressMetrics | undefined;
  /** Which optional groups of families are exported (cluster.ts `Exported`). */
  readonly exported: Exported;
}

/**
 * The optional groups of families a run exports: a family no query can select is never written,
 * which keeps scrapes cheap (run/families.ts decides). The app's own families are always exported.
 */
export interface Exported {
  /** istio_requests_total and istio_request_duration_milliseconds. */
  readonly istio: boolean;
  /** up, kube_pod_info, kube_pod_container_status_restarts_total. */
  readonly pod: boolean;
  /** ingress-nginx's two families. */
  readonly nginx: boolean;
}

export const EXPORT_ALL: Exported = { istio: true, pod: true, nginx: true };

export class PodMetrics {
  private readonly nc: number;
  private readonly requests: Float64Array;
  private readonly hist: Float64Array;
  private readonly histSum: Float64Array;
  private readonly histCount: Float64Array;
  private readonly task: Float64Array;
  private readonly tokens: Float64Array;
  private readonly mesh: Float64Array;
  private readonly meshHist: Float64Array;
  private readonly meshSum: Float64Array;
  // Series refs, -1 until created; a group of series (a histogram, both reporters) is created at once.
  private readonly reqRefs: Int32Array;
  /** Per cohort: NB buckets, sum, count, tokens. */
  private readonly histRefs: Int32Array;
  private readonly taskRefs: Int32Array;
  private readonly meshRefs: Int32Array;
  /** up, kube_pod_info, kube_pod_container_status_restarts_total. */
  private readonly podRefs = new Int32Array(3).fill(-1);

  constructor(private readonly id: PodIdentity) {
    const nc = id.cohorts.length;
    const nsc = id.services.length * NCODES;
    this.nc = nc;
    this.requests = new Float64Array(nc * NCODES);
    this.hist = new Float64Array(nc * NB);
    this.histSum = new Float64Array(nc);
    this.histCount = new Float64Array(nc);
    this.task = new Float64Array(nc * 2);
    this.tokens = new Float64Array(nc);
    this.mesh = new Float64Array(nsc);
    this.meshHist = new Float64Array(nsc * NBI);
    this.meshSum = new Float64Array(nsc);
    this.reqRefs = new Int32Array(nc * NCODES).fill(-1);
    this.histRefs = new Int32Array(nc * (NB + 3)).fill(-1);
    this.taskRefs = new Int32Array(nc * 2).fill(-1);
    this.meshRefs = new Int32Array(nsc * 2 * MESH_GROUP).fill(-1);
  }

  /**
   * Counts one completed request. `seconds` is queueing + service time; `service` the Service it
   * came through; `viaIngress` false for requests sent straight to the pod (synthetic tests).
   */
  record(cohort: number, code: number, seconds: number, taskOk: boolean, tokens: number, service: number, viaIngress = true): void {
    this.requests[cohort * NCODES + code]!++;
    this.hist[cohort * NB + bucketOf(LE, seconds)]!++;
    this.histSum[cohort]! += seconds;
    this.histCount[cohort]!++;
    this.task[cohort * 2 + (taskOk ? 0 : 1)]!++;
    this.tokens[cohort]! += tokens;
    if (this.id.exported.istio) {
      const m = service * NCODES + code;
      const ms = seconds * 1000;
      this.mesh[m]!++;
      this.meshHist[m * NBI + bucketOf(ISTIO_BUCKETS_MS, ms)]!++;
      this.meshSum[m]! += ms;
    }
    if (viaIngress && this.id.ingress !== undefined) this.id.ingress.record(service, code, seconds);
  }

  /** Writes every existing series' current value at time t; `restarts` is the pod's crash count. */
  scrape(sink: SeriesSink, t: number, restarts: number): void {
    if (this.id.exported.pod) this.scrapePod(sink, t, restarts);
    for (let c = 0; c < this.nc; c++) {
      for (let k = 0; k < NCODES; k++) {
        const i = c * NCODES + k;
        const v = this.requests[i] as number;
        if (v === 0) continue;
        if ((this.reqRefs[i] as number) < 0) {
          const code = CODES[k] as string;
          this.reqRefs[i] = this.ref(sink, 'http_requests_total', '', { cohort: this.id.cohorts[c] as string, code, status: code });
        }
        sink.append(this.reqRefs[i] as number, t, v);
      }
      const count = this.histCount[c] as number;
      if (count > 0) {
        const base = c * (NB + 3);
        if ((this.histRefs[base] as number) < 0) this.createHistogram(sink, c, base);
        appendHistogram(sink, this.histRefs, base, t, this.hist, c * NB, NB, this.histSum[c] as number);
        sink.append(this.histRefs[base + NB + 2] as number, t, this.tokens[c] as number);
      }
      for (let o = 0; o < 2; o++) {
        const v = this.task[c * 2 + o] as number;
        if (v === 0) continue;
        if ((this.taskRefs[c * 2 + o] as number) < 0) {
          this.taskRefs[c * 2 + o] = this.ref(sink, 'agent_task_outcomes_total', '', { cohort: this.id.cohorts[c] as string, outcome: o === 0 ? 'success' : 'failure' });
        }
        sink.append(this.taskRefs[c * 2 + o] as number, t, v);
      }
    }
    if (this.id.exported.istio) this.scrapeMesh(sink, t);
  }

  /** Ends every series of this pod with a staleness marker (the pod went away). */
  markStale(sink: SeriesSink, t: number): void {
    for (const refs of [this.podRefs, this.reqRefs, this.histRefs, this.taskRefs, this.meshRefs]) {
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i] as number;
        if (ref >= 0) sink.markStale(ref, t);
      }
    }
  }

  /** `up`, and kube-state-metrics' pod info and restarts: present from the pod's first scrape. */
  private scrapePod(sink: SeriesSink, t: number, restarts: number): void {
    const refs = this.podRefs;
    if ((refs[0] as number) < 0) {
      const { namespace, pod, workload, hash, node, container } = this.id;
      refs[0] = this.ref(sink, 'up', '', {});
      refs[1] = sink.seriesRef(this.id.naming.labels('kube_pod_info', '', { namespace, pod, created_by_kind: 'ReplicaSet', created_by_name: `${workload}-${hash}`, node, ...KSM }));
      refs[2] = sink.seriesRef(this.id.naming.labels('kube_pod_container_status_restarts_total', '', { namespace, pod, container, ...KSM }));
    }
    sink.append(refs[0] as number, t, 1);
    sink.append(refs[1] as number, t, 1);
    sink.append(refs[2] as number, t, restarts);
  }

  private createHistogram(sink: SeriesSink, c: number, base: number): void {
    const cohort = this.id.cohorts[c] as string;
    const F = 'http_request_duration_seconds';
    for (let b = 0; b < NB; b++) this.histRefs[base + b] = this.ref(sink, F, '_bucket', { cohort, le: leLabel(LE, b) });
    this.histRefs[base + NB] = this.ref(sink, F, '_sum', { cohort });
    this.histRefs[base + NB + 1] = this.ref(sink, F, '_count', { cohort });
    this.histRefs[base + NB + 2] = this.ref(sink, 'agent_tokens_total', '', { cohort });
  }

  /** Istio's series, both reporters, per (Service, response code) that has seen a request. */
  private scrapeMesh(sink: SeriesSink, t: number): void {
    const n = this.mesh.length;
    const refs = this.meshRefs;
    for (let m = 0; m < n; m++) {
      const count = this.mesh[m] as number;
      if (count === 0) continue;
      if ((refs[m * 2 * MESH_GROUP] as number) < 0) this.createMesh(sink, m);
      for (let r = 0; r < 2; r++) {
        const g = (m * 2 + r) * MESH_GROUP;
        sink.append(refs[g] as number, t, count);
        appendHistogram(sink, refs, g + 1, t, this.meshHist, m * NBI, NBI, this.meshSum[m] as number);
      }
    }
  }

  private createMesh(sink: SeriesSink, m: number): void {
    const svc = this.id.services[Math.floor(m / NCODES)] as MeshService;
    const F = 'istio_request_duration_milliseconds';
    for (let r = 0; r < 2; r++) {
      const g = (m * 2 + r) * MESH_GROUP;
      const labels: Labels = {
        reporter: REPORTERS[r] as string, ...SOURCE,
        destination_service: svc.fqdn, destination_service_name: svc.name, destination_service_namespace: svc.namespace,
        destination_workload: this.id.workload, destination_workload_namespace: this.id.namespace,
        request_protocol: 'http', response_code: CODES[m % NCODES] as string,
      };
      this.meshRefs[g] = this.ref(sink, 'istio_requests_total', '', labels);
      for (let b = 0; b < NBI; b++) this.meshRefs[g + 1 + b] = this.ref(sink, F, '_bucket', { ...labels, le: leLabel(ISTIO_BUCKETS_MS, b) });
      this.meshRefs[g + 1 + NBI] = this.ref(sink, F, '_sum', labels);
      this.meshRefs[g + 2 + NBI] = this.ref(sink, F, '_count', labels);
    }
  }

  /** A series of this pod as Prometheus scrapes it: the family's own labels plus the target labels. */
  private ref(sink: SeriesSink, family: string, suffix: SeriesSuffix, own: Labels): number {
    const { namespace, pod, hash, job, instance } = this.id;
    return sink.seriesRef(this.id.naming.labels(family, suffix, { namespace, pod, rollouts_pod_template_hash: hash, job, instance, ...own }));
  }
}
