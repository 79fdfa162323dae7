/**
 * histogram_quantile over classic `le` buckets, as Prometheus 2.42's bucketQuantile: buckets sorted by
 * upper bound, equal bounds merged, counts forced monotonic, linear interpolation inside the bucket
 * (lower bound 0 for the first), the highest finite bound when the rank falls into +Inf.
 *
 *   bucketQuantile(0.5, [{le: 1, count: 10}, {le: 2, count: 20}, {le: Inf, count: 20}]) ⇒ 1
 *   bucketQuantile(0.75, same) ⇒ 1.5      bucketQuantile(1.5, same) ⇒ Infinity
 */
import { parseGoFloatLenient } from '../go/index.js';
import { METRIC_NAME } from '../metrics/labels.js';
import type { Sample } from './values.js';
import { withoutLabels } from '../metrics/labels.js';

export interface Bucket {
  upperBound: number;
  count: number;
}

export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound).map((b) => ({ ...b }));
  if ((sorted[sorted.length - 1] as Bucket).upperBound !== Infinity) return NaN;
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push(b);
  }
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = (buckets[buckets.length - 1] as Bucket).count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if ((buckets[i] as Bucket).count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  if (b === 0 && (buckets[0] as Bucket).upperBound <= 0) return (buckets[0] as Bucket).upperBound;
  let bucketStart = 0;
  const bucketEnd = (buckets[b] as Bucket).upperBound;
  let count = (buckets[b] as Bucket).count;
  if (b > 0) {
    const prev = buckets[b - 1] as Bucket;
    bucketStart = prev.upperBound;
    count -= prev.count;
    rank -= prev.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Groups by all labels but `le` (the metric name still separates groups), drops `__name__` and `le`. */
export function histogramQuantile(q: number, vec: readonly Sample[]): Sample[] {
  const groups = new Map<string, { metric: Sample['metric']; buckets: Bucket[] }>();
  for (const s of vec) {
    const le = s.metric['le'];
    const upperBound = le === undefined ? null : parseGoFloatLenient(le);
    if (upperBound === null) continue;
    let key = '';
    for (const n in s.metric) if (n !== 'le') key += n + '\xff' + s.metric[n] + '\xfe';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric: withoutLabels(s.metric, [METRIC_NAME, 'le']), buckets: [] }));
    g.buckets.push({ upperBound, count: s.v });
  }
  return [...groups.values()].map((g) => ({ metric: g.metric, v: bucketQuantile(q, g.buckets) }));
}
