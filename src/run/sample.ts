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
import { evaluateInstant, MAX_QUERY_SAMPLES } from '../promql/index.js';
import { WorkBudget } from '../promql/budget.js';
import type { SeriesNaming, World } from '../world/world.js';
import { rate6 } from './summary.js';

type Queries = Readonly<Record<'rps' | 'errorRate' | 'p99' | 'taskSuccess', string>> & { readonly by: string };

/**
 * The dashboard's queries, under the Scenario's `metrics:` mapping (the names the run exports).
 * Example: unmapped → rps `sum by (rollouts_pod_template_hash) (rate(http_requests_total[1m]))`;
 * with {http_requests_total: {name: 'flask_http_request_total', labels: {code: 'status'}}} the error
 * rate selects `flask_http_request_total{status!="200"}`.
 */
export function sampleQueries(n: SeriesNaming): Queries {
  const req = n.name('http_requests_total');
  const code = n.label('http_requests_total', 'code');
  const by = (family: string): string => n.label(family, 'rollouts_pod_template_hash');
  const task = n.name('agent_task_outcomes_total');
  const outcome = n.label('agent_task_outcomes_total', 'outcome');
  const hist = n.name('http_request_duration_seconds');
  const [r, h, t] = [by('http_requests_total'), by('http_request_duration_seconds'), by('agent_task_outcomes_total')];
  return {
    // Samples are keyed by the request counter's hash label; the others are relabelled to it when mapped apart.
    by: r,
    rps: `sum by (${r}) (rate(${req}[1m]))`,
    errorRate: `sum by (${r}) (rate(${req}{${code}!="200"}[1m])) / sum by (${r}) (rate(${req}[1m]))`,
    p99: relabel(`histogram_quantile(0.99, sum by (${h}, le) (rate(${hist}_bucket[1m])))`, h, r),
    taskSuccess: relabel(`sum by (${t}) (rate(${task}{${outcome}="success"}[1m])) / sum by (${t}) (rate(${task}[1m]))`, t, r),
  };
}

/** A query's `from` label copied to `to` (when the mapping gave one family's hash label another name). */
function relabel(q: string, from: string, to: string): string {
  return from === to ? q : `label_replace(${q}, "${to}", "$1", "${from}", "(.*)")`;
}

const cache = new WeakMap<SeriesNaming, Queries>();

/** One PromQL query's answer by pod-template hash. Example: {abc: 0.02, def: 0.005}. */
function byHash(store: MetricStore, query: string, t: Ms, by: string): Map<string, number> {
  const out = new Map<string, number>();
  // A budget of its own: the dashboard's queries are not the analysis', and are not booked to the run.
  const r = evaluateInstant(store, query, t, { budget: new WorkBudget(MAX_QUERY_SAMPLES) });
  if (!r.ok || r.data.resultType !== 'vector') return out;
  for (const s of r.data.result) {
    const v = Number(s.value[1]);
    const hash = s.metric[by];
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
  let q = cache.get(world.naming);
  if (q === undefined) cache.set(world.naming, (q = sampleQueries(world.naming)));
  const rps = byHash(store, q.rps, t, q.by);
  const errorRate = byHash(store, q.errorRate, t, q.by);
  const p99 = byHash(store, q.p99, t, q.by);
  const taskSuccess = byHash(store, q.taskSuccess, t, q.by);
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
