/**
 * A snapshot of what a dashboard would show at one sim instant, for the live UI: per version the
 * request rate, error rate, p99 latency and task success over the last minute (real PromQL over
 * the scraped series, so it is exactly what Prometheus would graph), and every ReplicaSet's pods.
 * Pure: reads the store and the world, changes nothing.
 */
import type { MetricStore } from '../metrics/store.js';
import type { Ms } from '../model/time.js';
import { evaluateInstant } from '../promql/index.js';
import type { PodState } from '../world/pods.js';
import type { World } from '../world/world.js';

export interface VersionSample {
  readonly hash: string;
  readonly image: string;
  /** 0 = the stable version, 1 = the release. */
  readonly version: 0 | 1;
  readonly rps: number | null;
  readonly errorRate: number | null;
  /** Seconds. */
  readonly p99: number | null;
  readonly taskSuccess: number | null;
}

export interface ReplicaSetSample {
  readonly hash: string;
  readonly image: string;
  readonly version: 0 | 1;
  readonly pods: readonly { readonly name: string; readonly state: PodState; readonly busy: number; readonly queued: number }[];
}

export interface Sample {
  readonly t: Ms;
  readonly versions: readonly VersionSample[];
  readonly replicaSets: readonly ReplicaSetSample[];
  readonly harmedRequests: number;
  readonly userRequests: number;
  readonly releaseRequests: number;
  readonly mirrored: number;
}

const BY = 'rollouts_pod_template_hash';
const QUERIES = {
  rps: `sum by (${BY}) (rate(http_requests_total[1m]))`,
  errorRate: `sum by (${BY}) (rate(http_requests_total{code!="200"}[1m])) / sum by (${BY}) (rate(http_requests_total[1m]))`,
  p99: `histogram_quantile(0.99, sum by (${BY}, le) (rate(http_request_duration_seconds_bucket[1m])))`,
  taskSuccess: `sum by (${BY}) (rate(agent_task_outcomes_total{outcome="success"}[1m])) / sum by (${BY}) (rate(agent_task_outcomes_total[1m]))`,
} as const;

/** One PromQL query's answer by pod-template hash. Example: {abc: 0.02, def: 0.005}. */
function byHash(store: MetricStore, query: string, t: Ms): Map<string, number> {
  const out = new Map<string, number>();
  const r = evaluateInstant(store, query, t);
  if (!r.ok || r.data.resultType !== 'vector') return out;
  for (const s of r.data.result) {
    const v = Number(s.value[1]);
    const hash = s.metric[BY];
    if (hash !== undefined && Number.isFinite(v)) out.set(hash, v);
  }
  return out;
}

export function takeSample(store: MetricStore, world: World, t: Ms): Sample {
  const rps = byHash(store, QUERIES.rps, t);
  const errorRate = byHash(store, QUERIES.errorRate, t);
  const p99 = byHash(store, QUERIES.p99, t);
  const taskSuccess = byHash(store, QUERIES.taskSuccess, t);
  const replicaSets = world.replicaSets.map((rs) => ({
    hash: rs.hash, image: rs.image, version: rs.version,
    pods: rs.pods.map((id) => {
      const p = world.pods[id];
      return { name: p?.name ?? '', state: p?.state ?? 'gone', busy: p?.busy ?? 0, queued: p?.queue.length ?? 0 };
    }),
  }));
  const versions = world.replicaSets.map((rs) => ({
    hash: rs.hash, image: rs.image, version: rs.version,
    rps: rps.get(rs.hash) ?? null, errorRate: errorRate.get(rs.hash) ?? null,
    p99: p99.get(rs.hash) ?? null, taskSuccess: taskSuccess.get(rs.hash) ?? null,
  }));
  const [stable, release] = world.tallies;
  return {
    t, versions, replicaSets,
    harmedRequests: release.harmed, userRequests: stable.requests + release.requests,
    releaseRequests: release.requests, mirrored: world.mirrored,
  };
}
