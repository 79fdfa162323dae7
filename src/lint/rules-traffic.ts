/**
 * The rules that need traffic, run when a Scenario gives it (lint of plain manifests has none):
 * what one measurement of an error-rate check can tell apart at the quietest traffic, and how often
 * its threshold fails a healthy canary there. Both read the check as Argo runs it: the weight in
 * effect when it measures, its query's range window, its count and failureLimit.
 *
 * The method is ../shared/landscape.md §6.6: two-proportion normal approximation, α = 0.05
 * two-sided, power 0.8 (z-sum 2.80), against an equal-size baseline; the false-rollback odds are
 * exact binomials (simple-statistics' binomialDistribution).
 */
import { binomialDistribution } from 'simple-statistics';
import type { Node } from '../analysis/expr/ast.js';
import { approximateWeightedCanaryStableReplicaCounts } from '../controller/replica-math-basic.js';
import type { Rollout } from '../model/rollout.js';
import type { RateProfile, Scenario, SourceRef } from '../model/scenario.js';
import { minOf } from '../model/numbers.js';
import { analysisMetrics, type MeasuredMetric } from './analyses.js';
import { gatesOf, rangeWindowMs, type Gate } from './rules-queries.js';
import { firstCondition, firstQuery } from './rules-metrics.js';
import { shortDuration } from './operator.js';
import { note, warning, type Finding } from './types.js';
import type { Expr } from '../promql/ast.js';
import { selectors } from '../promql/selectors.js';

/** P(a healthy release aborted) at or above this is a finding. */
const ABORT_ODDS = 0.05;
/** A background metric with no count runs for the whole rollout: judged over this many measurements (landscape §6.6). */
const OPEN_ENDED = 10;

/** The threshold a condition puts on the error ratio, from `result[0] < 0.05` or `result[0] >= 0.95`. */
export interface Threshold {
  /** The error ratio above which a measurement fails. */
  readonly errorAbove: number;
}

/**
 * The error-ratio threshold of a condition comparing result[0] with a constant, if it reads as one:
 * an upper bound below one half is an error ratio, a lower bound above one half a success ratio.
 * Example: ('successCondition', `len(result) == 0 || result[0] < 0.05`) → {errorAbove: 0.05};
 * ('successCondition', `result[0] >= 0.95`) → {errorAbove: 0.05}; ('failureCondition', `result[0] > 0.1`) → {errorAbove: 0.1}.
 */
export function thresholdOf(field: 'successCondition' | 'failureCondition', tree: Node): Threshold | undefined {
  for (const n of walk(tree)) {
    if (n.k !== 'binary' || !['<', '<=', '>', '>='].includes(n.op)) continue;
    const flipped = isResult0(n.right) && constant(n.left) !== undefined;
    const c = flipped ? constant(n.left) : isResult0(n.left) ? constant(n.right) : undefined;
    if (c === undefined || c <= 0 || c >= 1) continue;
    const below = (n.op === '<' || n.op === '<=') !== flipped; // the condition holds below c
    const upperBound = field === 'successCondition' ? below : !below; // passing means the ratio is under c
    if (upperBound && c < 0.5) return { errorAbove: c };
    if (!upperBound && c > 0.5) return { errorAbove: 1 - c };
  }
  return undefined;
}

/** detection-power and failure-limit-low-traffic over every canary gate's prometheus metrics. */
export function trafficRules(scenario: Scenario): Finding[] {
  return figuresOf(scenario).flatMap(judge);
}

/** What one error-rate check can see at the quietest traffic: the figures behind detection-power. */
export interface PowerFigure {
  readonly rollout: string;
  readonly metric: string;
  /** Canary requests one measurement's window holds. */
  readonly requests: number;
  /** The stable version's error rate. */
  readonly baseline: number;
  /** The smallest error-rate increase (a fraction) any check on this window could tell apart. */
  readonly detectable: number;
  /** The error rate this check's threshold catches in 80 % of measurements. */
  readonly catches: number;
}

/** The figures for `simulate lint --simulate` to confirm by simulation. */
export function powerFigures(scenario: Scenario): PowerFigure[] {
  return figuresOf(scenario).map((f) => ({ rollout: f.r.name, metric: f.m.written.name, requests: f.n, baseline: f.t.p, detectable: f.mde, catches: f.catches }));
}

interface Traffic {
  readonly rps: number;
  readonly p: number;
  readonly weight: number;
  readonly share: number;
}

interface Figure {
  readonly m: MeasuredMetric;
  readonly r: Rollout;
  readonly t: Traffic;
  readonly n: number;
  readonly mde: number;
  readonly windowMs: number;
  readonly errorAbove: number;
  /** The error rate at which the threshold fails 80 % of measurements (its power point). */
  readonly catches: number;
  readonly at: SourceRef;
  readonly path: string;
}

function figuresOf(scenario: Scenario): Figure[] {
  const rps = quietestRps(scenario.traffic.rate);
  const p = baselineErrorRate(scenario);
  if (rps <= 0 || p <= 0) return [];
  const rollouts = scenario.workloads.filter((w): w is Rollout => w.kind === 'Rollout');
  return rollouts.flatMap((w) => gatesOf(w).flatMap((gate) => {
    const weight = weightAt(w, gate);
    if (weight === undefined) return [];
    const share = trafficShare(w, weight);
    return analysisMetrics(scenario, w, gate.analysis).flatMap((m) => figure(m, gate, w, { rps, p, weight, share }) ?? []);
  }));
}

function figure(m: MeasuredMetric, gate: Gate, r: Rollout, t: Traffic): Figure | undefined {
  const q = firstQuery([m.metric.provider.prometheus?.query]);
  const windowMs = q === undefined ? 0 : rangeWindowMs(q);
  const field = m.metric.successCondition !== undefined ? 'successCondition' : 'failureCondition';
  const tree = firstCondition([m.metric[field]]);
  const th = tree === undefined ? undefined : thresholdOf(field, tree);
  if (q === undefined || windowMs === 0 || th === undefined || !countsErrors(q)) return undefined;
  const n = Math.round(t.share * t.rps * (windowMs / 1000));
  if (n < 1) return undefined;
  const at = gate.stepIndex === undefined ? r.source : (stepSource(r, gate.stepIndex) ?? r.source);
  const path = gate.stepIndex === undefined ? 'spec.strategy.canary.analysis' : `spec.strategy.canary.steps[${gate.stepIndex}].analysis`;
  const mde = 2.8 * Math.sqrt((2 * t.p * (1 - t.p)) / n);
  return { m, r, t, n, mde, windowMs, errorAbove: th.errorAbove, catches: powerPoint(n, th.errorAbove), at, path };
}

function judge(f: Figure): Finding[] {
  const { m, t, n, mde, windowMs, at, path } = f;
  const seen = `at ${t.rps} rps and setWeight ${t.weight}${t.share * 100 !== t.weight ? ` (${pct(t.share)} of the traffic with these replicas)` : ''}, each ${shortDuration(windowMs)} window of metric "${m.written.name}" sees ≈ ${n} canary requests`;
  const out: Finding[] = [note('detection-power', at, path,
    `${seen}: its threshold (${pct(f.errorAbove)}) catches, in 80 % of measurements, only an error rate above ≈ ${pct(f.catches)} (+${pp(f.catches - t.p)} over the ${pct(t.p)} baseline); no check on this window could reliably tell less than ≈ +${pp(mde)}`,
    `the second figure is a two-proportion test, α 0.05, power 0.8, against an equal-size baseline (landscape §6.6); a wider window or a higher weight sees smaller regressions, and simulate lint --simulate or simulate sweep measures the detection rate itself`)];
  const measurements = m.metric.count ?? (m.metric.interval === undefined ? 1 : OPEN_ENDED);
  const limit = m.metric.failureLimit ?? 0;
  const fail = exceedOdds(n, t.p, f.errorAbove);
  const abort = moreThan(measurements, fail, limit);
  if (abort < ABORT_ODDS) return out;
  const safe = safeLimit(measurements, fail);
  out.push(warning('failure-limit-low-traffic', at, path,
    `${seen}: a healthy canary at ${pct(t.p)} errors exceeds ${pct(f.errorAbove)} in ${pct(fail)} of measurements, so failureLimit ${limit} over ${measurements} measurements aborts a healthy release ${pct(abort)} of the time`,
    `${safe === undefined ? '' : `raise failureLimit to ${safe} (then ${pct(moreThan(measurements, fail, safe))}), `}widen the query's window, or measure only with enough requests (… and sum(increase(requests_total[${shortDuration(windowMs)}])) > 100)`));
  return out;
}

/** Labels that carry a request's outcome: a query matching on one counts errors (or successes). */
const OUTCOME_LABELS = ['code', 'status', 'status_code', 'response_code', 'grpc_code', 'http_status'];

/**
 * Whether the query measures the error ratio (or the success ratio) of requests: it matches on an
 * outcome label, or names an error/failure family. A task-success or latency ratio is not one.
 * Example: `sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))` → true.
 */
export function countsErrors(q: Expr): boolean {
  return selectors(q).some((vs) => /error|fail/i.test(vs.name) || vs.matchers.some((m) => OUTCOME_LABELS.includes(m.name)
    || (m.name === '__name__' && /error|fail/i.test(m.value))));
}

/**
 * The true error rate at which a threshold `c` over n requests fails 80 % of measurements (by
 * bisection: the odds rise with the rate).
 * Example: powerPoint(1200, 0.015) ≈ 0.0178.
 */
export function powerPoint(n: number, c: number): number {
  let lo = c;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (exceedOdds(n, mid, c) >= 0.8) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * P(X > k) for X ~ Binomial(n, p). Example: moreThan(10, 0.03, 0) ≈ 0.263; moreThan(10, 0.03, 1) ≈ 0.035.
 */
export function moreThan(n: number, p: number, k: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return k < n ? 1 : 0;
  const dist = binomialDistribution(n, p) ?? [];
  let below = 0;
  for (let i = 0; i <= k && i < dist.length; i++) below += dist[i] ?? 0;
  return Math.max(0, 1 - below);
}

/**
 * P(errors / n > c) for a healthy canary with true error rate p over n requests.
 * Example: exceedOdds(30, 0.01, 0.02) ≈ 0.036 (two or more errors in 30).
 */
export function exceedOdds(n: number, p: number, c: number): number {
  return moreThan(n, p, Math.floor(c * n + 1e-9));
}

/** The least failureLimit (up to the measurement count) keeping P(abort) under ABORT_ODDS. */
function safeLimit(measurements: number, q: number): number | undefined {
  for (let l = 0; l < measurements; l++) if (moreThan(measurements, q, l) < ABORT_ODDS) return l;
  return undefined;
}

/** The quietest request rate of the profile (the hardest hour for a check). Example: diurnal 5–50 → 5. */
export function quietestRps(rate: RateProfile): number {
  if (rate.kind === 'constant') return rate.rps;
  if (rate.kind === 'steps') return minOf(rate.points.map((x) => x.rps), 0);
  return rate.min;
}

/** The stable version's error rate over the cohorts, by share. */
function baselineErrorRate(s: Scenario): number {
  if (s.traffic.cohorts.length === 0) return s.agent.base.errorRate;
  return s.traffic.cohorts.reduce((sum, c) => sum + c.share * (s.agent.cohorts[c.name] ?? s.agent.base).errorRate, 0);
}

/** The setWeight in effect when the gate measures: the last before its step, or (background) the first from its starting step. */
function weightAt(r: Rollout, gate: Gate): number | undefined {
  if (r.strategy.type !== 'canary') return undefined;
  const steps = r.strategy.steps;
  if (gate.stepIndex !== undefined) {
    for (let i = gate.stepIndex - 1; i >= 0; i--) {
      const s = steps[i];
      if (s !== undefined && 'setWeight' in s) return s.setWeight > 0 ? s.setWeight : undefined;
    }
    return undefined;
  }
  const first = steps.slice(gate.analysis.startingStep ?? 0).find((s) => 'setWeight' in s && s.setWeight > 0);
  return first !== undefined && 'setWeight' in first ? first.setWeight : undefined;
}

/** The canary's share of requests: the weight under traffic routing, else its share of the pods. */
function trafficShare(r: Rollout, weight: number): number {
  if (r.strategy.type === 'canary' && r.strategy.trafficRouting !== undefined) return weight / 100;
  const c = approximateWeightedCanaryStableReplicaCounts(r.replicas, weight, 1);
  return c.canary + c.stable === 0 ? 0 : c.canary / (c.canary + c.stable);
}

function stepSource(r: Rollout, i: number) {
  return r.strategy.type === 'canary' ? r.strategy.steps[i]?.source : undefined;
}

const pct = (x: number): string => `${x < 0.001 ? (x * 100).toPrecision(1) : Number((x * 100).toPrecision(2))} %`;
const pp = (x: number): string => `${Number((x * 100).toPrecision(2))} pp`;

function isResult0(n: Node): boolean {
  return n.k === 'member' && n.node.k === 'ident' && n.node.name === 'result' && n.prop.k === 'int' && n.prop.value === 0n;
}

function constant(n: Node): number | undefined {
  if (n.k === 'float') return n.value;
  if (n.k === 'int') return Number(n.value);
  return undefined;
}

function* walk(n: Node): Generator<Node> {
  yield n;
  if (n.k === 'binary') {
    yield* walk(n.left);
    yield* walk(n.right);
  } else if (n.k === 'unary') yield* walk(n.node);
}
