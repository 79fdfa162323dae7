/**
 * The `kayenta` provider (argo-rollouts metricproviders/kayenta/kayenta.go) against a simulated
 * Kayenta: `Run` starts a canary execution and the measurement is Running, resumed 15 s later
 * (`resumeDelay`); `Resume` reads the judge's score — Kayenta's NetflixACAJudge
 * (src/analysis/kayenta/judge.ts) over the Scenario's canary config of that `canaryConfigName`
 * (`spec.providers.kayenta`): each config metric's PromQL, `${scope}` replaced by the control and
 * the experiment scope, range-evaluated from start to end at the scope's `step`. The window is
 * Argo's `getScopeRequest`: start = the measurement's start − `interval` (or the run's start with
 * `lookback`), end = the measurement's start, unless the scope sets them. The score (truncated to
 * an integer, as Argo does) ≥ pass → Successful, ≥ marginal → Inconclusive, else Failed.
 */
import { classifyMetric, classifyScore, scoreMetrics } from '../analysis/kayenta/judge.js';
import type { ProviderContext, ProviderResult } from '../analysis/run/index.js';
import { goParseDuration } from '../analysis/run/go-duration.js';
import { createRng } from '../engine/rng.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisMetric, KayentaMetric } from '../model/rollout.js';
import type { KayentaCanaryConfig } from '../model/scenario.js';
import { evaluateRange } from './range-query.js';

/** kayenta.go `resumeDelay`. */
export const KAYENTA_RESUME_MS = 15_000;

/** A scope's points: every value of every series the query returns, in time order per series. */
function points(store: MetricStore, query: string, scope: string, startMs: number, endMs: number, stepMs: number): number[] | string {
  const r = evaluateRange(store, query.split('${scope}').join(scope), startMs, endMs, stepMs);
  if (!r.ok) return r.error;
  return r.series.flatMap((s) => s.v);
}

/** Example: finiteOrNull(Number.NaN) === null (JSON has no NaN); finiteOrNull(1.1) === 1.1. */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Example: a config with one metric (p99 by `${scope}` hash, direction increase), baseline and
 * canary scopes over 30 one-minute points, the canary 10 % slower → metric High, score 0 → Failed.
 */
export function kayentaProvider(store: MetricStore, configs: readonly KayentaCanaryConfig[]) {
  return (metric: AnalysisMetric, ctx: ProviderContext): ProviderResult => {
    const k = metric.provider.kayenta as KayentaMetric;
    const config = configs.find((c) => c.canaryConfigName === k.canaryConfigName);
    if (config === undefined) return { ok: false, error: 'Canary config not found' };
    if (ctx.inFlight === undefined) return { ok: true, running: true, resumeAt: ctx.now + KAYENTA_RESUME_MS, display: '' };
    const startedAt = ctx.inFlight.startedAt;
    let windowStart: number;
    if (k.lookback) windowStart = ctx.runStartedAt ?? startedAt;
    else {
      const d = goParseDuration(metric.interval === undefined ? '' : `${metric.interval}ms`);
      if (!d.ok) return { ok: false, error: `Invalid duration "": ${d.error}` };
      windowStart = startedAt - d.ms;
    }
    const noise = createRng(0, `kayenta/${ctx.run}/${metric.name}/${ctx.taken}`);
    const judged = [];
    for (const scope of k.scopes) {
      for (const m of config.metrics) {
        const step = scope.controlScope.step * 1000;
        const control = points(store, m.query, scope.controlScope.scope, windowStart, startedAt, step);
        const experiment = points(store, m.query, scope.experimentScope.scope, windowStart, startedAt, step);
        if (typeof control === 'string') return { ok: false, error: control };
        if (typeof experiment === 'string') return { ok: false, error: experiment };
        judged.push({ ...classifyMetric(m, control, experiment, () => noise.next()), group: m.group });
      }
    }
    const s = scoreMetrics(judged, config.groupWeights);
    const score = Math.trunc(s.score);
    const verdict = classifyScore(score, k.threshold);
    const judge = {
      score, pass: k.threshold.pass, marginal: k.threshold.marginal,
      metrics: judged.map((j) => ({ name: j.name, group: j.group, classification: j.classification, ratio: finiteOrNull(j.ratio), interval: j.interval === undefined ? null : { ...j.interval } })),
    };
    // Argo stores the score as the measurement's value and no message (kayenta.go Resume); the
    // judge's detail rides along for the views (Kayenta's own report lists it per metric).
    return { ok: true, phase: verdict === 'Pass' ? 'Successful' : verdict === 'Marginal' ? 'Inconclusive' : 'Failed', display: String(score), judge };
  };
}
