/**
 * In-memory TSDB: one growable pair of Float64Array columns (time ms, value) per series, so memory grows
 * with series × samples and appends allocate nothing per sample. Series are found by a metric-name index
 * plus a scan of that name's series; label sets are normalized (sorted keys, empty values dropped).
 *
 * Staleness: `markStale(ref, t)` appends a sample flagged stale (Prometheus writes a special NaN). A stale
 * sample ends the series for instant lookups and is skipped by range reads.
 *
 *   const s = createMetricStore();
 *   const r = s.seriesRef({ __name__: 'up', pod: 'a' });
 *   s.append(r, 0, 1); s.append(r, 15_000, 1); s.markStale(r, 30_000);
 *   s.sampleCount === 3; s.series(r).stale?.[2] === 1
 */
import { METRIC_NAME, labelValue, labelsKey, normalizeLabels } from './labels.js';
import type { Labels } from './labels.js';

export type { Labels } from './labels.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

/** One label matcher; `matches` receives '' for an absent label, as in Prometheus. */
export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
  matches(value: string): boolean;
}

/** Read-only view of one series' columns; only indexes `< n` are valid. */
export interface SeriesView {
  readonly labels: Labels;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly n: number;
  /** 1 where the sample is a staleness marker; null when the series has none. */
  readonly stale: Uint8Array | null;
}

export interface MetricStore {
  /** Get-or-create; dense integer id; label order irrelevant. */
  seriesRef(labels: Labels): number;
  /** tMs integer ms, strictly increasing per series (throws otherwise). */
  append(ref: number, tMs: number, value: number): void;
  /** Prometheus staleness marker: the series disappeared at tMs. */
  markStale(ref: number, tMs: number): void;
  /**
   * Sizes the columns of series created from now on for `samples` samples (at most
   * MAX_RESERVED_SAMPLES; at least the default): a hint, never a limit, that saves the doublings.
   */
  reserve(samples: number): void;
  readonly seriesCount: number;
  readonly sampleCount: number;
  /** Refs of the series every matcher accepts, in creation order. */
  select(matchers: readonly LabelMatcher[]): number[];
  series(ref: number): SeriesView;
  /** Smallest / largest sample time over all series (NaN when empty). */
  readonly minTime: number;
  readonly maxTime: number;
}

const INITIAL_CAPACITY = 32;
/** The most a reservation sizes a new series for (64 KiB of columns); past it they double as usual. */
export const MAX_RESERVED_SAMPLES = 4096;

class Series implements SeriesView {
  t: Float64Array;
  v: Float64Array;
  stale: Uint8Array | null = null;
  n = 0;
  constructor(readonly labels: Labels, capacity: number) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  push(tMs: number, value: number): void {
    if (this.n === this.t.length) this.grow();
    this.t[this.n] = tMs;
    this.v[this.n] = value;
    this.n++;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    t.set(this.t);
    const v = new Float64Array(cap);
    v.set(this.v);
    this.t = t;
    this.v = v;
    if (this.stale) {
      const s = new Uint8Array(cap);
      s.set(this.stale);
      this.stale = s;
    }
  }
}

class Store implements MetricStore {
  private readonly all: Series[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byName = new Map<string, number[]>();
  private samples = 0;
  private capacity = INITIAL_CAPACITY;
  private lo = NaN;
  private hi = NaN;

  get seriesCount(): number {
    return this.all.length;
  }
  get sampleCount(): number {
    return this.samples;
  }
  get minTime(): number {
    return this.lo;
  }
  get maxTime(): number {
    return this.hi;
  }

  seriesRef(labels: Labels): number {
    const norm = normalizeLabels(labels);
    const key = labelsKey(norm);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const ref = this.all.length;
    this.all.push(new Series(Object.freeze(norm), this.capacity));
    this.byKey.set(key, ref);
    const name = norm[METRIC_NAME] ?? '';
    const list = this.byName.get(name);
    if (list) list.push(ref);
    else this.byName.set(name, [ref]);
    return ref;
  }

  reserve(samples: number): void {
    const n = Math.ceil(samples);
    this.capacity = !(n > INITIAL_CAPACITY) ? INITIAL_CAPACITY : Math.min(MAX_RESERVED_SAMPLES, n);
  }

  append(ref: number, tMs: number, value: number): void {
    const s = this.checked(ref, tMs);
    s.push(tMs, value);
    this.count(tMs);
  }

  markStale(ref: number, tMs: number): void {
    const s = this.checked(ref, tMs);
    s.push(tMs, NaN);
    if (!s.stale) s.stale = new Uint8Array(s.t.length);
    s.stale[s.n - 1] = 1;
    this.count(tMs);
  }

  select(matchers: readonly LabelMatcher[]): number[] {
    const nameEq = matchers.find((m) => m.name === METRIC_NAME && m.type === '=');
    const candidates: Iterable<number> = nameEq ? (this.byName.get(nameEq.value) ?? []) : this.all.keys();
    const out: number[] = [];
    for (const ref of candidates) {
      const labels = (this.all[ref] as Series).labels;
      if (matchers.every((m) => m.matches(labelValue(labels, m.name) ?? ''))) out.push(ref);
    }
    return out;
  }

  series(ref: number): SeriesView {
    const s = this.all[ref];
    if (!s) throw new Error(`metric store: unknown series ref ${ref}`);
    return s;
  }

  private checked(ref: number, tMs: number): Series {
    const s = this.all[ref];
    if (!s) throw new Error(`metric store: unknown series ref ${ref}`);
    if (!Number.isInteger(tMs)) throw new Error(`metric store: timestamp ${tMs} is not an integer of ms`);
    if (s.n > 0 && tMs <= (s.t[s.n - 1] as number)) {
      throw new Error(`metric store: out-of-order sample at ${tMs} ms (last ${s.t[s.n - 1]} ms) for ref ${ref}`);
    }
    return s;
  }

  private count(tMs: number): void {
    this.samples++;
    if (!(tMs >= this.lo)) this.lo = tMs;
    if (!(tMs <= this.hi)) this.hi = tMs;
  }
}

export function createMetricStore(): MetricStore {
  return new Store();
}

/** Index of the last sample with time ≤ tMs, or -1. Binary search over the time column. */
export function lastIndexAtOrBefore(s: SeriesView, tMs: number): number {
  let lo = 0;
  let hi = s.n - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((s.t[mid] as number) <= tMs) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the first sample with time ≥ tMs (s.n when none). */
export function firstIndexAtOrAfter(s: SeriesView, tMs: number): number {
  let lo = 0;
  let hi = s.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.t[mid] as number) < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
