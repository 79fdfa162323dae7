/**
 * Functions over range vectors, per series, with Prometheus 2.42's arithmetic: `rate`/`increase`/`delta`
 * extrapolation (extrapolatedRate), `irate`/`idelta`, Neumaier-compensated `sum_over_time` /
 * `avg_over_time`, linear regression for `deriv`/`predict_linear`, ... Each returns the output value or
 * null for "no element".
 *
 *   counter 10, 20, 30 at 0 s, 15 s, 30 s; rate(x[1m]) at 45 s:
 *   delta 20 over 30 s sampled, 15 s to the start (< 1.1·15) and 15 s to the end ⇒ 20·60/30 / 60 = 0.6667
 */
import type { RangeWindow } from './eval.js';
import { EvalError } from './errors.js';
import { quantile } from './heap.js';

export interface Points {
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
}

export type RangeFn = (p: Points, w: RangeWindow, args: readonly number[], ts: number) => number | null;

/** Neumaier's compensated summation step: returns [sum, c]. */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

function extrapolatedRate(p: Points, w: RangeWindow, isCounter: boolean, isRate: boolean): number | null {
  const n = p.v.length;
  if (n < 2) return null;
  const first = p.v[0] as number;
  const last = p.v[n - 1] as number;
  let result = last - first;
  if (isCounter) {
    let prev = first;
    for (let i = 1; i < n; i++) {
      const cur = p.v[i] as number;
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  let durationToStart = ((p.t[0] as number) - w.startMs) / 1000;
  const durationToEnd = (w.endMs - (p.t[n - 1] as number)) / 1000;
  const sampled = ((p.t[n - 1] as number) - (p.t[0] as number)) / 1000;
  const avg = sampled / (n - 1);
  if (isCounter && result > 0 && first >= 0) {
    const durationToZero = sampled * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = avg * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += durationToStart < threshold ? durationToStart : avg / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : avg / 2;
  let factor = extrapolateTo / sampled;
  if (isRate) factor /= w.rangeMs / 1000;
  return result * factor;
}

function instantValue(p: Points, isRate: boolean): number | null {
  const n = p.v.length;
  if (n < 2) return null;
  const last = p.v[n - 1] as number;
  const prev = p.v[n - 2] as number;
  const result = isRate && last < prev ? last : last - prev;
  if (!isRate) return result;
  const dt = (p.t[n - 1] as number) - (p.t[n - 2] as number);
  if (dt === 0) return null;
  return result / (dt / 1000);
}

function linearRegression(p: Points, interceptMs: number): [number, number] {
  let n = 0;
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = p.v[0] as number;
  let constY = true;
  for (let i = 0; i < p.v.length; i++) {
    const y = p.v[i] as number;
    if (constY && i > 0 && y !== initY) constY = false;
    n += 1;
    const x = ((p.t[i] as number) - interceptMs) / 1e3;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(y, sumY, cY);
    [sumXY, cXY] = kahanInc(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [NaN, NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function avgOverTime(v: ArrayLike<number>): number {
  let mean = 0, count = 0, c = 0;
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as number;
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      if (!Number.isFinite(x) && !Number.isNaN(x) && mean > 0 === x > 0) continue;
      if (Number.isFinite(x)) continue;
    }
    [mean, c] = kahanInc(x / count - mean / count, mean, c);
  }
  return !Number.isFinite(mean) && !Number.isNaN(mean) ? mean : mean + c;
}

function stdvarOverTime(v: ArrayLike<number>): number {
  let count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
  for (let k = 0; k < v.length; k++) {
    const x = v[k] as number;
    count++;
    const delta = x - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (x - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function holtWinters(p: Points, sf: number, tf: number): number | null {
  if (!(sf > 0 && sf < 1)) throw new EvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (!(tf > 0 && tf < 1)) throw new EvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  const l = p.v.length;
  if (l < 2) return null;
  let s0 = 0;
  let s1 = p.v[0] as number;
  let b = (p.v[1] as number) - (p.v[0] as number);
  for (let i = 1; i < l; i++) {
    const x = sf * (p.v[i] as number);
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

/** max/min_over_time: a NaN so far is replaced by any later value. */
function extreme(v: ArrayLike<number>, better: (x: number, m: number) => boolean): number {
  let m = v[0] as number;
  for (let k = 1; k < v.length; k++) {
    const x = v[k] as number;
    if (better(x, m) || Number.isNaN(m)) m = x;
  }
  return m;
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFn>> = {
  rate: (p, w) => extrapolatedRate(p, w, true, true),
  increase: (p, w) => extrapolatedRate(p, w, true, false),
  delta: (p, w) => extrapolatedRate(p, w, false, false),
  irate: (p) => instantValue(p, true),
  idelta: (p) => instantValue(p, false),
  avg_over_time: (p) => avgOverTime(p.v),
  count_over_time: (p) => p.v.length,
  last_over_time: (p) => p.v[p.v.length - 1] as number,
  present_over_time: () => 1,
  absent_over_time: () => 1,
  max_over_time: (p) => extreme(p.v, (x, m) => x > m),
  min_over_time: (p) => extreme(p.v, (x, m) => x < m),
  sum_over_time: (p) => {
    let sum = 0, c = 0;
    for (let k = 0; k < p.v.length; k++) [sum, c] = kahanInc(p.v[k] as number, sum, c);
    return !Number.isFinite(sum) && !Number.isNaN(sum) ? sum : sum + c;
  },
  quantile_over_time: (p, _w, args) => quantile(args[0] as number, p.v),
  stddev_over_time: (p) => Math.sqrt(stdvarOverTime(p.v)),
  stdvar_over_time: (p) => stdvarOverTime(p.v),
  changes: (p) => {
    let changes = 0;
    for (let i = 1; i < p.v.length; i++) {
      const cur = p.v[i] as number;
      const prev = p.v[i - 1] as number;
      if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) changes++;
    }
    return changes;
  },
  resets: (p) => {
    let resets = 0;
    for (let i = 1; i < p.v.length; i++) if ((p.v[i] as number) < (p.v[i - 1] as number)) resets++;
    return resets;
  },
  deriv: (p) => (p.v.length < 2 ? null : linearRegression(p, p.t[0] as number)[0]),
  predict_linear: (p, _w, args, ts) => {
    if (p.v.length < 2) return null;
    const [slope, intercept] = linearRegression(p, ts);
    return slope * (args[1] as number) + intercept;
  },
  holt_winters: (p, _w, args) => holtWinters(p, args[1] as number, args[2] as number),
};
