/**
 * The Prometheus series one pod exports (DESIGN §6), as plain counters bumped per request and
 * written to the store at each scrape. A labelled series first appears once it has been
 * incremented, as with Prometheus client libraries, so a quiet canary has no error series yet.
 */
import type { Labels } from './series-sink.js';
import type { SeriesSink } from './series-sink.js';

/** HTTP codes the world produces: success, error (incl. crash), timeout. */
export const CODES = ['200', '500', '504'] as const;
export const CODE_OK = 0;
export const CODE_ERROR = 1;
export const CODE_TIMEOUT = 2;
const NCODES = CODES.length;

/** Histogram upper bounds in seconds, spanning chat-fast to long-context-slow agent calls. */
export const LE = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 60] as const;
const NB = LE.length + 1;

/** Per-pod label context, fixed at pod creation. */
export interface PodIdentity {
  readonly namespace: string;
  readonly pod: string;
  readonly hash: string;
  readonly job: string;
  readonly workload: string;
  readonly cohorts: readonly string[];
  /** FQDNs of the Services requests can come through, by service index. */
  readonly services: readonly string[];
}

function bucketOf(seconds: number): number {
  let i = 0;
  while (i < LE.length && seconds > (LE[i] as number)) i++;
  return i;
}

export class PodMetrics {
  private readonly nc: number;
  private readonly requests: Float64Array;
  private readonly hist: Float64Array;
  private readonly histSum: Float64Array;
  private readonly histCount: Float64Array;
  private readonly task: Float64Array;
  private readonly tokens: Float64Array;
  private readonly mesh: Float64Array;
  /** Series refs, -1 until the series exists; one slot per exported series. */
  private readonly refs: Int32Array;
  private readonly offHist: number;
  private readonly offTask: number;
  private readonly offTokens: number;
  private readonly offMesh: number;

  constructor(private readonly id: PodIdentity) {
    const nc = id.cohorts.length;
    const ns = id.services.length;
    this.nc = nc;
    this.requests = new Float64Array(nc * NCODES);
    this.hist = new Float64Array(nc * NB);
    this.histSum = new Float64Array(nc);
    this.histCount = new Float64Array(nc);
    this.task = new Float64Array(nc * 2);
    this.tokens = new Float64Array(nc);
    this.mesh = new Float64Array(ns * NCODES);
    this.offHist = nc * NCODES;
    this.offTask = this.offHist + nc * (NB + 2);
    this.offTokens = this.offTask + nc * 2;
    this.offMesh = this.offTokens + nc;
    this.refs = new Int32Array(this.offMesh + 2 * ns * NCODES).fill(-1);
  }

  /** Counts one completed request. `seconds` is queueing + service time. */
  record(cohort: number, code: number, seconds: number, taskOk: boolean, tokens: number, service: number): void {
    this.requests[cohort * NCODES + code]!++;
    this.hist[cohort * NB + bucketOf(seconds)]!++;
    this.histSum[cohort]! += seconds;
    this.histCount[cohort]!++;
    this.task[cohort * 2 + (taskOk ? 0 : 1)]!++;
    this.tokens[cohort]! += tokens;
    this.mesh[service * NCODES + code]!++;
  }

  /** Writes every existing series' current value at time t. */
  scrape(sink: SeriesSink, t: number): void {
    const { cohorts, services } = this.id;
    for (let c = 0; c < this.nc; c++) {
      const cohort = cohorts[c] as string;
      for (let k = 0; k < NCODES; k++) {
        const v = this.requests[c * NCODES + k] as number;
        if (v > 0) this.put(sink, c * NCODES + k, t, v, 'http_requests_total', { cohort, code: CODES[k] as string });
      }
      const count = this.histCount[c] as number;
      if (count > 0) {
        const base = this.offHist + c * (NB + 2);
        let cum = 0;
        for (let b = 0; b < NB; b++) {
          cum += this.hist[c * NB + b] as number;
          const le = b < LE.length ? String(LE[b]) : '+Inf';
          this.put(sink, base + b, t, cum, 'http_request_duration_seconds_bucket', { cohort, le });
        }
        this.put(sink, base + NB, t, this.histSum[c] as number, 'http_request_duration_seconds_sum', { cohort });
        this.put(sink, base + NB + 1, t, count, 'http_request_duration_seconds_count', { cohort });
        this.put(sink, this.offTokens + c, t, this.tokens[c] as number, 'agent_tokens_total', { cohort });
      }
      for (let o = 0; o < 2; o++) {
        const v = this.task[c * 2 + o] as number;
        const outcome = o === 0 ? 'success' : 'failure';
        if (v > 0) this.put(sink, this.offTask + c * 2 + o, t, v, 'agent_task_outcomes_total', { cohort, outcome });
      }
    }
    for (let s = 0; s < services.length; s++) {
      for (let k = 0; k < NCODES; k++) {
        const v = this.mesh[s * NCODES + k] as number;
        if (v === 0) continue;
        for (let r = 0; r < 2; r++) {
          const slot = this.offMesh + (r * services.length + s) * NCODES + k;
          this.put(sink, slot, t, v, 'istio_requests_total', {
            reporter: r === 0 ? 'source' : 'destination',
            destination_service: services[s] as string,
            destination_workload: this.id.workload,
            response_code: CODES[k] as string,
          });
        }
      }
    }
  }

  /** Ends every series of this pod with a staleness marker (the pod went away). */
  markStale(sink: SeriesSink, t: number): void {
    for (let i = 0; i < this.refs.length; i++) {
      const ref = this.refs[i] as number;
      if (ref >= 0) sink.markStale(ref, t);
    }
  }

  private put(sink: SeriesSink, slot: number, t: number, v: number, name: string, extra: Labels): void {
    let ref = this.refs[slot] as number;
    if (ref < 0) {
      const { namespace, pod, hash, job } = this.id;
      ref = sink.seriesRef({
        __name__: name,
        namespace,
        pod,
        rollouts_pod_template_hash: hash,
        job,
        ...extra,
      });
      this.refs[slot] = ref;
    }
    sink.append(ref, t, v);
  }
}
