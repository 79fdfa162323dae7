/**
 * Kayenta's NetflixACAJudge-v1.0 (landscape §2): per metric, NaN handling, optional IQR outlier
 * removal, the guards, the 98 % Mann–Whitney interval for the shift canary − baseline with its
 * 0.25 × |estimate| tolerance, the direction and the allowed increase/decrease on the mean ratio →
 * Pass / High / Low (or Nodata); then metric groups weighted into a 0–100 score, critical and
 * no-data overrides, and the `pass` / `marginal` thresholds. Pure and deterministic: where Kayenta
 * adds unseeded noise to two constant samples, the caller's `noise` stream is used.
 */
import { quantileSorted } from 'simple-statistics';
import { shiftInterval } from './mann-whitney.js';

export type Direction = 'increase' | 'decrease' | 'either';
export type Classification = 'Pass' | 'High' | 'Low' | 'Nodata' | 'NodataFailMetric';

export interface JudgeMetric {
  readonly name: string;
  readonly group: string;
  readonly direction?: Direction;
  readonly nanStrategy?: 'remove' | 'replace';
  readonly outliers?: { readonly strategy: 'keep' | 'remove'; readonly outlierFactor?: number };
  readonly critical?: boolean;
  readonly mustHaveData?: boolean;
  /** meanRatio effect-size gates (Kayenta's defaults 1.0). */
  readonly allowedIncrease?: number;
  readonly allowedDecrease?: number;
  readonly criticalIncrease?: number;
  readonly criticalDecrease?: number;
}

export interface MetricJudgement {
  readonly name: string;
  readonly classification: Classification;
  /** mean(canary) / mean(baseline); NaN when either mean is 0 or a side is empty. */
  readonly ratio: number;
  /** The 98 % interval and Hodges–Lehmann estimate, when the test ran. */
  readonly interval: { readonly lower: number; readonly upper: number; readonly estimate: number } | undefined;
  readonly critical: boolean;
}

/** NetflixACAJudge's literals. */
export const CONF_LEVEL = 0.98;
export const TOLERANCE = 0.25;

const mean = (v: readonly number[]): number => (v.length === 0 ? Number.NaN : v.reduce((s, x) => s + x, 0) / v.length);

/**
 * IQRDetector: drops values outside the wider of Tukey's fences (Q1 − f·IQR, Q3 + f·IQR) and the
 * 1st/99th percentiles. Example: f 3, [1, 2, 2, 3, 2, 100] → the 100 goes only if it is past both.
 */
export function removeOutliers(values: readonly number[], factor: number): number[] {
  if (values.length < 4) return [...values];
  const s = [...values].sort((a, b) => a - b);
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const iqr = q3 - q1;
  const lo = Math.min(q1 - factor * iqr, quantileSorted(s, 0.01));
  const hi = Math.max(q3 + factor * iqr, quantileSorted(s, 0.99));
  return values.filter((v) => v >= lo && v <= hi);
}

/**
 * One metric. Example: baseline ten 1.0s, canary seven 100s + three 1.0s → Pass (the interval's
 * lower end ≈ 0 is not above 0.25 × 99); eight 100s → High (kayenta#780).
 */
export function classifyMetric(m: JudgeMetric, baseline0: readonly number[], canary0: readonly number[], noise: () => number): MetricJudgement {
  const replace = m.nanStrategy === 'replace';
  const clean = (v: readonly number[]): number[] => (replace ? v.map((x) => (Number.isNaN(x) ? 0 : x)) : v.filter((x) => !Number.isNaN(x)));
  let baseline = clean(baseline0);
  let canary = clean(canary0);
  if (m.outliers?.strategy === 'remove') {
    baseline = removeOutliers(baseline, m.outliers.outlierFactor ?? 3);
    canary = removeOutliers(canary, m.outliers.outlierFactor ?? 3);
  }
  const ratio = mean(baseline) === 0 || mean(canary) === 0 ? Number.NaN : mean(canary) / mean(baseline);
  const result = (classification: Classification, interval?: MetricJudgement['interval'], critical = false): MetricJudgement => ({ name: m.name, classification, ratio, interval, critical });
  if (baseline.length === 0 || canary.length === 0) {
    if (replace) return result('Pass');
    const fail = m.mustHaveData === true && m.critical !== true;
    return result(fail ? 'NodataFailMetric' : 'Nodata', undefined, m.critical === true);
  }
  const sb = [...baseline].sort((a, b) => a - b);
  const sc = [...canary].sort((a, b) => a - b);
  if (sb.length === sc.length && sb.every((v, i) => v === sc[i])) return result('Pass');
  const distinct = new Set([...baseline, ...canary]);
  if (distinct.size === 1) return result('Pass');
  if (new Set(baseline).size === 1 && new Set(canary).size === 1) {
    // Two different constants: Gaussian noise σ = 1e-5 × value so the ranks are not all tied.
    baseline = baseline.map((v) => v + gaussian(noise) * 1e-5 * v);
    canary = canary.map((v) => v + gaussian(noise) * 1e-5 * v);
  }
  const ci = shiftInterval(canary, baseline, CONF_LEVEL);
  const bound = TOLERANCE * Math.abs(ci.estimate);
  const direction = m.direction ?? 'either';
  const allowedIncrease = m.allowedIncrease ?? 1;
  const allowedDecrease = m.allowedDecrease ?? 1;
  const high = direction !== 'decrease' && ci.lower > bound && (Number.isNaN(ratio) || ratio >= allowedIncrease);
  const low = direction !== 'increase' && ci.upper < -bound && (Number.isNaN(ratio) || ratio <= allowedDecrease);
  const classification: Classification = high ? 'High' : low ? 'Low' : 'Pass';
  const critical = m.critical === true && ((high && (Number.isNaN(ratio) || ratio >= (m.criticalIncrease ?? 1))) || (low && (Number.isNaN(ratio) || ratio <= (m.criticalDecrease ?? 1))));
  return result(classification, ci, critical);
}

/** Box–Muller from a uniform stream. */
function gaussian(u: () => number): number {
  const a = Math.max(u(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

export interface Score {
  readonly score: number;
  readonly groups: readonly { readonly name: string; readonly score: number; readonly noData: boolean }[];
  readonly reason: string;
}

/**
 * WeightedSumScorer: group score = 100 × Pass / (Pass + High + Low + NodataFailMetric) (a group with
 * nothing counted scores 100, no data); summary = Σ group × weight / 100, 2 decimals; groups without
 * a weight share what the given weights leave; a critical failure or ≥ 50 % Nodata → 0.
 * Example: groups a (weight 60: Pass, High) and b (unweighted: Pass) → 0.6 × 50 + 0.4 × 100 = 70.
 */
export function scoreMetrics(results: readonly (MetricJudgement & { readonly group: string })[], weights: Readonly<Record<string, number>>): Score {
  const names = [...new Set(results.map((r) => r.group))];
  const groups = names.map((name) => {
    const rs = results.filter((r) => r.group === name);
    const counted = rs.filter((r) => r.classification !== 'Nodata');
    const pass = counted.filter((r) => r.classification === 'Pass').length;
    return { name, score: counted.length === 0 ? 100 : (100 * pass) / counted.length, noData: counted.length === 0 };
  });
  const given = names.filter((n) => weights[n] !== undefined);
  const rest = names.length - given.length;
  const left = 100 - given.reduce((s, n) => s + (weights[n] ?? 0), 0);
  const weightOf = (n: string): number => weights[n] ?? (rest === 0 ? 0 : left / rest);
  const score = Math.round(groups.reduce((s, g) => s + (g.score * weightOf(g.name)) / 100, 0) * 100) / 100;
  const failedCritical = results.find((r) => r.critical && r.classification !== 'Pass');
  if (failedCritical !== undefined) return { score: 0, groups, reason: `Canary Failed: critical metric ${failedCritical.name} is ${failedCritical.classification}` };
  const nodata = results.filter((r) => r.classification === 'Nodata').length;
  if (results.length > 0 && nodata / results.length >= 0.5) return { score: 0, groups, reason: `${nodata} of ${results.length} metrics have no data` };
  return { score, groups, reason: '' };
}

/** ThresholdScoreClassifier. Example: (80, {pass: 90, marginal: 75}) → 'Marginal'. */
export function classifyScore(score: number, t: { readonly pass: number; readonly marginal: number }): 'Pass' | 'Marginal' | 'Fail' {
  return score >= t.pass ? 'Pass' : score >= t.marginal ? 'Marginal' : 'Fail';
}
