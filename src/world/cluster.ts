/**
 * The pods and ReplicaSets of one workload, and the Services requests come through. Scaling
 * creates pods (ready after the startup delay, which the caller schedules) or takes them out of
 * the endpoints (they finish what they hold). Scrapes write each pod's series to the store.
 */
import type { Rng } from '../engine/rng.js';
import { PodMetrics, type Exported, type MeshService } from './pod-metrics.js';
import { IngressMetrics, type IngressView } from './pod-metrics-ingress.js';
import type { SeriesNaming } from './pod-metrics-naming.js';
import { removeFrom, RequestQueue, type Pod, type ReplicaSet } from './pods.js';
import type { SeriesSink } from './series-sink.js';
import type { Version } from './world-types.js';

export interface ClusterIdentity {
  readonly namespace: string;
  readonly workload: string;
  readonly cohorts: readonly string[];
  /** The Scenario's `metrics:` mapping, applied to every series. */
  readonly naming: SeriesNaming;
  /** The optional family groups this run exports. */
  readonly exported: Exported;
}

/** A Service user traffic comes through, as the run layer derives it from the manifest (src/run/routing.ts). */
export interface ServiceSpec {
  /** A Service name (`checkout-canary`), or for Istio subset routing the host Istio reports (maybe an FQDN). */
  readonly host: string;
  /** How ingress-nginx labels requests through it (trafficRouting.nginx only). */
  readonly nginx?: Omit<IngressView, 'namespace'>;
}

/**
 * The Service as Istio reports it: a short name is qualified with the namespace, as Istio does
 * with a short host; a dotted host is taken as written.
 * Example: meshService('shop-canary', 'prod') → {fqdn: 'shop-canary.prod.svc.cluster.local', name: 'shop-canary', namespace: 'prod'};
 * meshService('shop.web.svc.cluster.local', 'prod') → name 'shop', namespace 'web'.
 */
export function meshService(host: string, namespace: string): MeshService {
  if (!host.includes('.')) return { fqdn: `${host}.${namespace}.svc.cluster.local`, name: host, namespace };
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host);
  return m === null ? { fqdn: host, name: host, namespace } : { fqdn: host, name: m[1] as string, namespace: m[2] as string };
}

export class Cluster {
  readonly pods: Pod[] = [];
  readonly replicaSets: ReplicaSet[] = [];
  /** Services by index, as Istio reports them. */
  readonly services: MeshService[] = [];
  /** ingress-nginx's view of each Service (undefined: not behind an nginx Ingress). */
  private readonly ingressViews: (IngressView | undefined)[] = [];
  /** Created with the first pod, once every Service is known (when one is behind ingress-nginx). */
  private ingress: IngressMetrics | undefined;
  /** Pods whose series are still scraped (gone pods get a staleness marker, then leave). */
  private readonly scraped: Pod[] = [];

  constructor(private readonly id: ClusterIdentity, private readonly names: Rng) {}

  /** Registers a Service; every Service is added before the first pod is created. */
  addService(spec: ServiceSpec): number {
    if (this.pods.length > 0) throw new Error('Services are added before the first pod');
    this.services.push(meshService(spec.host, this.id.namespace));
    this.ingressViews.push(spec.nginx === undefined ? undefined : { ...spec.nginx, namespace: this.id.namespace });
    return this.services.length - 1;
  }

  /** `name`: the ReplicaSet's own name, its pods' name prefix (an Experiment's); default `<workload>-<hash>`. */
  createReplicaSet(hash: string, image: string, version: Version, name?: string): number {
    this.replicaSets.push({ id: this.replicaSets.length, hash, image, version, pods: [], ready: [], name: name ?? `${this.id.workload}-${hash}` });
    return this.replicaSets.length - 1;
  }

  rs(id: number): ReplicaSet {
    const rs = this.replicaSets[id];
    if (rs === undefined) throw new Error(`unknown ReplicaSet ${id}`);
    return rs;
  }

  /** A new pod of `rs`, starting (not ready) unless `ready`; returns it for the caller to schedule. */
  createPod(rsId: number, now: number, ready: boolean): Pod {
    const rs = this.rs(rsId);
    const name = `${rs.name}-${podSuffix(this.names)}`;
    if (this.pods.length === 0 && this.id.exported.nginx && this.ingressViews.some((v) => v !== undefined)) this.ingress = new IngressMetrics(this.ingressViews, this.id.naming);
    const pod: Pod = {
      id: this.pods.length, name, rs: rs.id, version: rs.version, createdAt: now, readyAt: Infinity,
      state: 'starting', busy: 0, epoch: 0, queue: new RequestQueue(),
      metrics: new PodMetrics({
        namespace: this.id.namespace, pod: name, hash: rs.hash, job: this.id.workload, instance: podAddress(this.pods.length),
        workload: this.id.workload, container: this.id.workload, node: 'node-1', cohorts: this.id.cohorts,
        services: this.services, naming: this.id.naming, ingress: this.ingress, exported: this.id.exported,
      }),
    };
    this.pods.push(pod);
    this.scraped.push(pod);
    rs.pods.push(pod.id);
    if (ready) this.markReady(pod, now);
    return pod;
  }

  /** Scale-down order: pods not yet ready first, then the newest (Kubernetes' preference). */
  removePod(rsId: number): void {
    const rs = this.rs(rsId);
    const starting = rs.pods.filter((id) => this.pods[id]?.state === 'starting');
    const victim = starting.length > 0 ? (starting[starting.length - 1] as number) : (rs.pods[rs.pods.length - 1] as number);
    const pod = this.pods[victim] as Pod;
    removeFrom(rs.pods, victim);
    removeFrom(rs.ready, victim);
    pod.state = pod.busy === 0 && pod.queue.length === 0 ? 'gone' : 'terminating';
  }

  markReady(pod: Pod, now: number): void {
    pod.state = 'ready';
    pod.readyAt = now;
    const ready = this.rs(pod.rs).ready;
    ready.push(pod.id);
    ready.sort((a, b) => a - b);
  }

  /** The pod leaves the endpoints (a crash); it is still counted by its ReplicaSet. */
  markNotReady(pod: Pod): void {
    removeFrom(this.rs(pod.rs).ready, pod.id);
    pod.state = pod.state === 'ready' ? 'starting' : pod.state;
    pod.readyAt = Infinity;
  }

  counts(rsId: number): { replicas: number; ready: number } {
    const rs = this.rs(rsId);
    return { replicas: rs.pods.length, ready: rs.ready.length };
  }

  /** A ready pod of the given ReplicaSets, uniformly (one draw only when there is a choice). */
  pickReadyPod(rsIds: readonly number[], rng: Rng): Pod | undefined {
    let total = 0;
    for (const id of rsIds) total += (this.replicaSets[id] as ReplicaSet).ready.length;
    if (total === 0) return undefined;
    let k = total === 1 ? 0 : Math.floor(rng.next() * total);
    for (const id of rsIds) {
      const ready = (this.replicaSets[id] as ReplicaSet).ready;
      if (k < ready.length) return this.pods[ready[k] as number];
      k -= ready.length;
    }
    return undefined;
  }

  scrape(sink: SeriesSink, t: number): void {
    const scraped = this.scraped;
    for (let i = 0; i < scraped.length; i++) {
      const pod = scraped[i] as Pod;
      if (pod.state === 'gone') {
        pod.metrics.markStale(sink, t);
        scraped.splice(i--, 1);
      } else pod.metrics.scrape(sink, t, pod.epoch);
    }
    this.ingress?.scrape(sink, t);
  }
}

/** The pod's scrape target: a pod IP from its creation index, port 8080. Example: podAddress(0) === '10.244.0.2:8080'. */
function podAddress(index: number): string {
  return `10.244.${Math.floor(index / 250)}.${(index % 250) + 2}:8080`;
}

/** Five characters in Kubernetes' pod-name alphabet, from the `names` stream. */
function podSuffix(rng: Rng): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[Math.floor(rng.next() * alphabet.length)];
  return out;
}
