/**
 * Series names and label names as the run exports them: our catalogue's, renamed by the Scenario's
 * `metrics:` mapping. Applied once per series, when it is created (the pods cache the refs), so the
 * per-request and per-scrape paths never see it. Also the bucket lookup the histograms share.
 */
import type { MetricsMapping } from '../metrics/catalogue.js';
import type { Labels, SeriesSink } from './series-sink.js';

/** HTTP codes the world produces: success, error (incl. crash), timeout. */
export const CODES = ['200', '500', '504'] as const;
export const CODE_OK = 0;
export const CODE_ERROR = 1;
export const CODE_TIMEOUT = 2;
export const NCODES = CODES.length;

export type SeriesSuffix = '' | '_bucket' | '_sum' | '_count';

export class SeriesNaming {
  constructor(private readonly mapping: MetricsMapping = {}) {}

  /**
   * The full label set of one series of `family`.
   * Example: with {http_requests_total: {name: 'flask_http_request_total', labels: {code: 'http_status'}}},
   * labels('http_requests_total', '', {pod: 'a', code: '200'}) → {__name__: 'flask_http_request_total', pod: 'a', http_status: '200'}.
   */
  labels(family: string, suffix: SeriesSuffix, labels: Labels): Labels {
    const m = this.mapping[family];
    if (m === undefined) return { __name__: family + suffix, ...labels };
    const out: Record<string, string> = { __name__: (m.name ?? family) + suffix };
    const renames = m.labels ?? {};
    for (const [k, v] of Object.entries(labels)) out[renames[k] ?? k] = v;
    return out;
  }

  /** The exported name of our family. Example: name('up') === 'up' when unmapped. */
  name(family: string): string {
    return this.mapping[family]?.name ?? family;
  }

  /** The exported name of one of the family's labels. Example: label('http_requests_total', 'code') === 'code' when unmapped. */
  label(family: string, label: string): string {
    return this.mapping[family]?.labels?.[label] ?? label;
  }
}

/**
 * Index of the bucket a value falls in: the first upper bound ≥ value, or `le.length` (+Inf).
 * Example: bucketOf([1, 2, 5], 2) === 1; bucketOf([1, 2, 5], 7) === 3.
 */
export function bucketOf(le: readonly number[], value: number): number {
  let i = 0;
  while (i < le.length && value > (le[i] as number)) i++;
  return i;
}

/** A bucket's `le` label: Prometheus' text form. Example: leLabel([0.05], 0) === '0.05'; leLabel([0.05], 1) === '+Inf'. */
export function leLabel(le: readonly number[], b: number): string {
  return b < le.length ? String(le[b]) : '+Inf';
}

/**
 * Writes one histogram's samples at `t`: the cumulative buckets `counts[from … from + nb]` (the
 * last is +Inf) to `refs[at …]`, then the sum and the count to the two refs after them.
 * Example: counts [2, 3, 0] (nb 3), sum 4.5 → buckets 2, 5, 5, then 4.5, then 5.
 */
export function appendHistogram(sink: SeriesSink, refs: Int32Array, at: number, t: number, counts: Float64Array, from: number, nb: number, sum: number): void {
  let cum = 0;
  for (let b = 0; b < nb; b++) {
    cum += counts[from + b] as number;
    sink.append(refs[at + b] as number, t, cum);
  }
  sink.append(refs[at + nb] as number, t, sum);
  sink.append(refs[at + nb + 1] as number, t, cum);
}
