/**
 * ingress-nginx's series for a Rollout with trafficRouting.nginx: the controller counts every user
 * request it proxies, one series per (Service the request went through, status), never per pod.
 * Labels follow ingress-nginx's monitor.lua: `ingress` and `service` are the location's, i.e. the
 * stable Ingress and its backend (Argo's canary Ingress is merged into that location), and `canary`
 * is `proxy_alternative_upstream_name`, the canary upstream `<namespace>-<service>-<port>` when the
 * request went to the canary backend, else empty (so absent). The controller outlives the rollout:
 * its series never end.
 */
import { NGINX_BUCKETS_S } from '../metrics/catalogue.js';
import { appendHistogram, bucketOf, CODES, leLabel, NCODES, type SeriesNaming, type SeriesSuffix } from './pod-metrics-naming.js';
import type { Labels, SeriesSink } from './series-sink.js';

/** What ingress-nginx labels a request through one Service with (see the module comment). */
export interface IngressView {
  readonly ingress: string;
  readonly namespace: string;
  readonly service: string;
  /** '' for the stable backend. */
  readonly canary: string;
  readonly host: string;
  readonly path: string;
}

const FAMILY = 'nginx_ingress_controller_requests';
const HIST = 'nginx_ingress_controller_request_duration_seconds';
const NB = NGINX_BUCKETS_S.length + 1;
/** The controller Deployment's pod, as `helm install ingress-nginx` names it. */
const CONTROLLER = { controller_class: 'k8s.io/ingress-nginx', controller_namespace: 'ingress-nginx', controller_pod: 'ingress-nginx-controller-5c8d66c76d-jt2qw' };

export class IngressMetrics {
  private readonly requests: Float64Array;
  private readonly hist: Float64Array;
  private readonly sum: Float64Array;
  /** Series refs, -1 until created: per (service, code) the counter, NB buckets, sum and count. */
  private readonly refs: Int32Array;

  /** `views` by Service index (undefined: not behind the Ingress). */
  constructor(private readonly views: readonly (IngressView | undefined)[], private readonly naming: SeriesNaming) {
    const n = views.length * NCODES;
    this.requests = new Float64Array(n);
    this.hist = new Float64Array(n * NB);
    this.sum = new Float64Array(n);
    this.refs = new Int32Array(n * (NB + 3)).fill(-1);
  }

  /** Counts one request through Service `service` that answered `code` after `seconds`. */
  record(service: number, code: number, seconds: number): void {
    if (this.views[service] === undefined) return;
    const i = service * NCODES + code;
    this.requests[i]!++;
    this.hist[i * NB + bucketOf(NGINX_BUCKETS_S, seconds)]!++;
    this.sum[i]! += seconds;
  }

  scrape(sink: SeriesSink, t: number): void {
    const n = this.requests.length;
    const refs = this.refs;
    for (let i = 0; i < n; i++) {
      const count = this.requests[i] as number;
      if (count === 0) continue;
      const slot = i * (NB + 3);
      if ((refs[slot] as number) < 0) this.create(sink, i, slot);
      sink.append(refs[slot] as number, t, count);
      appendHistogram(sink, refs, slot + 1, t, this.hist, i * NB, NB, this.sum[i] as number);
    }
  }

  /** The series of (service, code) `i`, created together at its first request: the counter, the buckets, sum and count. */
  private create(sink: SeriesSink, i: number, slot: number): void {
    const view = this.views[Math.floor(i / NCODES)] as IngressView;
    const base: Labels = {
      ...CONTROLLER, ingress: view.ingress, namespace: view.namespace, service: view.service,
      status: CODES[i % NCODES] as string, method: 'GET', path: view.path, host: view.host, canary: view.canary,
    };
    const ref = (family: string, suffix: SeriesSuffix, labels: Labels): number => sink.seriesRef(this.naming.labels(family, suffix, labels));
    this.refs[slot] = ref(FAMILY, '', base);
    for (let b = 0; b < NB; b++) this.refs[slot + 1 + b] = ref(HIST, '_bucket', { ...base, le: leLabel(NGINX_BUCKETS_S, b) });
    this.refs[slot + 1 + NB] = ref(HIST, '_sum', base);
    this.refs[slot + 2 + NB] = ref(HIST, '_count', base);
  }
}
