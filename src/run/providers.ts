/**
 * The metric providers a simulated cluster offers: `prometheus` (real PromQL over the simulated
 * series store, instant or `rangeQuery`, result shaped as Argo's provider shapes it), `job` (the
 * scenario's synthetic test suite run against the release's pods), `web` (providers-web.ts) and
 * the PromQL stand-ins for datadog, newRelic, … (providers-standin.ts).
 */
import type { Provider, ProviderContext, ProviderResult } from '../analysis/run/index.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisMetric, RangeQuery } from '../model/rollout.js';
import type { KayentaCanaryConfig, Scenario, WebAnswer } from '../model/scenario.js';
import { kayentaProvider } from './providers-kayenta.js';
import { goParseDuration } from '../analysis/run/go-duration.js';
import { standInProvider } from './providers-standin.js';
import { webProvider } from './providers-web.js';
import { evalTime, evaluateRange } from './range-query.js';
import { toArgoValue } from '../promql/index.js';
import { analysisQuery } from './analysis-query.js';
import { formatGoFloat } from '../go/index.js';
import type { SyntheticJob } from '../world/world.js';

/** How often a running Job is polled (Argo backs off; a fixed period keeps traces readable). */
export const JOB_POLL_MS = 5_000;

/**
 * Argo's measurement `value` for a Prometheus result: `[0.97,0.99]` for a vector, the number for a
 * scalar, each sample as `model.SampleValue.String()` prints it (Go `'f'` format, no exponent).
 * Example: display([0.5, NaN]) === '[0.5,NaN]'; display([1e-7]) === '[0.0000001]'.
 */
export function display(value: number | number[]): string {
  return Array.isArray(value) ? `[${value.map((v) => formatGoFloat(v, 'f')).join(',')}]` : formatGoFloat(value, 'f');
}

export function prometheusProvider(store: MetricStore, metric: AnalysisMetric, now: number): ProviderResult {
  const query = metric.provider.prometheus?.query ?? '';
  const range = metric.provider.prometheus?.rangeQuery;
  if (range !== undefined) return rangeProvider(store, query, range, now);
  const r = analysisQuery(store, query, now);
  if (!r.ok) return { ok: false, error: r.error };
  const v = toArgoValue(r.data);
  if (!v.ok) return { ok: false, error: v.error };
  return { ok: true, value: v.value, display: display(v.value) };
}

/**
 * `rangeQuery` (prometheus.go:61-78): start and end are expr times, step a Go duration; the
 * matrix's values, every series one after the other, are the `[]float64` result (:163-174).
 * Example: start `now() - duration("2m")`, end `now()`, step 1m → three values per series.
 */
function rangeProvider(store: MetricStore, query: string, range: RangeQuery, now: number): ProviderResult {
  const start = evalTime(range.start, now);
  if (!start.ok) return { ok: false, error: `failed to parse rangeQuery.start as time: ${start.error}` };
  const end = evalTime(range.end, now);
  if (!end.ok) return { ok: false, error: `failed to parse rangeQuery.end as time: ${end.error}` };
  const step = goParseDuration(range.step);
  if (!step.ok) return { ok: false, error: `failed to parse rangeQuery.step as duration: ${step.error}` };
  const r = evaluateRange(store, query, start.ms, end.ms, step.ms);
  if (!r.ok) return { ok: false, error: r.error };
  const values = r.series.flatMap((x) => x.v);
  return { ok: true, value: values, display: display(values) };
}

export interface JobRunner {
  /** True when the release has a ready pod to test. */
  ready(): boolean;
  /** Sends the synthetic suite to the release's ready pods now (a case finding none fails as unreachable); returns a job id. */
  start(): number;
  job(id: number): Readonly<SyntheticJob>;
  /** Deletes the job: no further case is sent (Argo deletes the Job of a terminated measurement). */
  cancel(id: number): void;
}

/**
 * How long a test Job waits for a ready release pod when its spec sets no `activeDeadlineSeconds`.
 * Kubernetes sets no default; 10 minutes is about how long a Job with the default `backoffLimit`
 * (6) keeps re-creating a pod that cannot connect (10 s + 20 s + … + 320 s = 630 s).
 */
export const JOB_CONNECT_DEADLINE_MS = 600_000;

/**
 * How long the Job waits for a release pod: its spec's `activeDeadlineSeconds` (Kubernetes fails a
 * Job that runs longer), else `JOB_CONNECT_DEADLINE_MS`.
 * Example: jobDeadline({spec: {activeDeadlineSeconds: 120}}) === 120_000; jobDeadline({spec: {}}) === 600_000.
 */
export function jobDeadline(job: { readonly spec: unknown } | undefined): number {
  const s = job?.spec as { activeDeadlineSeconds?: unknown } | null | undefined;
  const v = s?.activeDeadlineSeconds;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v * 1000 : JOB_CONNECT_DEADLINE_MS;
}

/**
 * The measurement's value: the suite's tally, and why cases failed when they never reached a pod.
 * Example: jobValue({failed: 20, total: 20, unreachable: 20}) === '20/20 failed (20 found no ready
 * release pod)'; jobValue({failed: 1, total: 40, unreachable: 0}) === '1/40 failed'.
 */
export function jobValue(job: Pick<SyntheticJob, 'failed' | 'total' | 'unreachable'>): string {
  const why = job.unreachable > 0 ? ` (${job.unreachable} found no ready release pod)` : '';
  return `${job.failed}/${job.total} failed${why}`;
}

/**
 * The `job` provider: one synthetic suite per measurement. The Job exists from the moment the
 * measurement starts (Argo's `JobProvider.Run` creates it at once, `metricproviders/job/job.go`),
 * so the measurement is Running at once even when the release has no ready pod yet (an analysis
 * step before any setWeight, a background analysis from step 0). Its suite then waits for a ready
 * release pod, as a test retries until its Service has endpoints, for at most `jobDeadline`; past
 * that every case fails as unreachable and the Job fails, saying so in the measurement's value.
 * Once sent, the suite is polled until every case is done.
 */
export function jobProvider(scenario: Scenario, runner: JobRunner): Provider {
  const started = new Map<string, number>();
  const maxFailures = scenario.syntheticTests?.maxFailures ?? 0;
  const keyOf = (metric: AnalysisMetric, ctx: ProviderContext): string => `${ctx.run}/${metric.name}/${ctx.taken}`;
  // Argo's job provider `Terminate` deletes the measurement's Job (`metricproviders/job/job.go`).
  const terminate = (metric: AnalysisMetric, ctx: ProviderContext): void => {
    const id = started.get(keyOf(metric, ctx));
    if (id !== undefined) runner.cancel(id);
  };
  const run = (metric: AnalysisMetric, ctx: ProviderContext): ProviderResult => {
    const key = keyOf(metric, ctx);
    let id = started.get(key);
    if (id === undefined) {
      const giveUpAt = (ctx.inFlight?.startedAt ?? ctx.now) + jobDeadline(metric.provider.job);
      if (!runner.ready() && ctx.now < giveUpAt) {
        return { ok: true, running: true, resumeAt: Math.min(ctx.now + JOB_POLL_MS, giveUpAt) };
      }
      id = runner.start();
      started.set(key, id);
    }
    const job = runner.job(id);
    if (job.done < job.total) return { ok: true, running: true, resumeAt: ctx.now + JOB_POLL_MS };
    const passed = job.failed <= maxFailures;
    // Argo's Job measurement carries no message (Job Complete/Failed is all it reads), so none
    // reaches the run's message; the suite's tally is shown as the measurement value instead.
    return { ok: true, phase: passed ? 'Successful' : 'Failed', display: jobValue(job) };
  };
  return Object.assign(run, { terminate });
}

/** Dispatches on the metric's provider: prometheus, job, web (the Scenario's answers), the PromQL stand-ins and kayenta. */
export function combinedProvider(store: MetricStore, job: Provider, webAnswers: readonly WebAnswer[] = [], kayenta: readonly KayentaCanaryConfig[] = []): Provider {
  const judge = kayentaProvider(store, kayenta);
  const run: Provider = (metric, ctx) => {
    if (metric.provider.prometheus !== undefined) return prometheusProvider(store, metric, ctx.now);
    if (metric.provider.job !== undefined) return job(metric, ctx);
    if (metric.provider.web !== undefined) return webProvider(store, webAnswers, metric, ctx.now);
    if (metric.provider.standIn !== undefined) return standInProvider(store, metric, ctx.now);
    if (metric.provider.kayenta !== undefined) return judge(metric, ctx);
    return { ok: false, error: `metric "${metric.name}" has no provider the simulator supports` };
  };
  // Only a Job measurement is ever in flight, so only the job provider has something to stop.
  const terminate = (metric: AnalysisMetric, ctx: ProviderContext): void => {
    if (metric.provider.job !== undefined) job.terminate?.(metric, ctx);
  };
  return Object.assign(run, { terminate });
}
