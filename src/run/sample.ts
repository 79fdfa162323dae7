/**
 * The periodic Sample event (DESIGN §7): what a dashboard would show at one sim instant — per
 * version the request rate, error rate, p99 latency and task success over the last minute (real
 * PromQL over the scraped series, exactly what Prometheus would graph) — with every ReplicaSet's
 * live pods and the request counters. A trace carries one per scrape, so a reader redraws any
 * screen from events alone. Pure: reads the store and the world, changes nothing.
 */
import type { MetricStore } from '../metrics/store.js';
import { POD_LETTER, type SampleFields, type SampleVersion } from '../model/events.js';
import type { Ms } from '../model/time.js';
import { evaluateInstant } from '../promql/index.js';
import type { World } from '../world/world.js';
import { rate6 } from './summary.js';

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

/** Seconds to ms, to the microsecond. Example: 4.2315 → 4231.5. */
function ms(seconds: number | undefined): number | null {
  return seconds === undefined ? null : Math.round(seconds * 1e6) / 1e3;
}

/**
 * Example: at 60 s of canary-tool-call-regression → versions [{hash: 'stable…', rps: 19.6, errorRate:
 * 0.005, p99: 4171, taskSuccess: 0.94}, …], replicaSets [{hash, pods: 'rrrrrrrrrr'}, {hash, pods: 'rr'}], counters.
 */
export function takeSample(store: MetricStore, world: World, t: Ms): SampleFields {
  const rps = byHash(store, QUERIES.rps, t);
  const errorRate = byHash(store, QUERIES.errorRate, t);
  const p99 = byHash(store, QUERIES.p99, t);
  const taskSuccess = byHash(store, QUERIES.taskSuccess, t);
  const rounded = (m: Map<string, number>, hash: string): number | null => {
    const v = m.get(hash);
    return v === undefined ? null : rate6(v);
  };
  const versions = world.replicaSets.map((rs): SampleVersion => ({
    hash: rs.hash, rps: rounded(rps, rs.hash), errorRate: rounded(errorRate, rs.hash),
    p99: ms(p99.get(rs.hash)), taskSuccess: rounded(taskSuccess, rs.hash),
  }));
  const replicaSets = world.replicaSets.map((rs) => ({
    hash: rs.hash,
    pods: rs.pods.map((id) => {
      const state = world.pods[id]?.state ?? 'gone';
      return state === 'gone' ? '' : POD_LETTER[state];
    }).join(''),
  }));
  const [stable, release] = world.tallies;
  return {
    versions, replicaSets,
    arrived: world.arrivals, completed: stable.requests + release.requests, unserved: world.unserved,
    releaseRequests: release.requests, harmed: release.harmed, mirrored: world.mirrored,
  };
}
