/**
 * The in-memory TSDB: get-or-create series refs, strictly increasing appends, staleness markers, and
 * how lookups treat them (instant lookups end at a marker; range functions skip it).
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore, lastIndexAtOrBefore, MAX_RESERVED_SAMPLES } from '../../src/metrics/store.js';
import type { LabelMatcher } from '../../src/metrics/store.js';
import { evaluateInstant } from '../../src/promql/index.js';

const eq = (name: string, value: string): LabelMatcher => ({ name, type: '=', value, matches: (v) => v === value });

describe('MetricStore', () => {
  it('hands out dense refs, independent of label order, dropping empty labels', () => {
    const s = createMetricStore();
    expect(s.seriesRef({ __name__: 'up', b: '2', a: '1' })).toBe(0);
    expect(s.seriesRef({ a: '1', __name__: 'up', b: '2' })).toBe(0);
    expect(s.seriesRef({ __name__: 'up', a: '1', b: '2', c: '' })).toBe(0);
    expect(s.seriesRef({ __name__: 'up', a: '2' })).toBe(1);
    expect(s.seriesCount).toBe(2);
    expect(Object.keys(s.series(0).labels)).toEqual(['__name__', 'a', 'b']);
  });

  it('appends columnar samples, growing past the initial capacity', () => {
    const s = createMetricStore();
    const r = s.seriesRef({ __name__: 'c' });
    for (let i = 0; i < 1000; i++) s.append(r, i * 15_000, i * 2);
    const v = s.series(r);
    expect(v.n).toBe(1000);
    expect(v.t[999]).toBe(999 * 15_000);
    expect(v.v[999]).toBe(1998);
    expect(s.sampleCount).toBe(1000);
    expect([s.minTime, s.maxTime]).toEqual([0, 999 * 15_000]);
    expect(lastIndexAtOrBefore(v, 15_001)).toBe(1);
    expect(lastIndexAtOrBefore(v, -1)).toBe(-1);
  });

  it('sizes series created after reserve(n) for n samples (32 at least, 4096 at most), still growing past it', () => {
    const s = createMetricStore();
    const a = s.seriesRef({ __name__: 'a' });
    s.reserve(241);
    const b = s.seriesRef({ __name__: 'b' });
    s.reserve(1e9);
    const c = s.seriesRef({ __name__: 'c' });
    s.reserve(NaN);
    const d = s.seriesRef({ __name__: 'd' });
    expect([a, b, c, d].map((r) => s.series(r).t.length)).toEqual([32, 241, MAX_RESERVED_SAMPLES, 32]);
    for (let i = 0; i < 300; i++) s.append(b, i, i);
    expect([s.series(b).n, s.series(b).v[299], s.series(b).t.length]).toEqual([300, 299, 482]);
  });

  it('throws on out-of-order, duplicate or fractional timestamps and unknown refs', () => {
    const s = createMetricStore();
    const r = s.seriesRef({ __name__: 'c' });
    s.append(r, 1000, 1);
    expect(() => s.append(r, 1000, 2)).toThrow(/out-of-order/);
    expect(() => s.append(r, 999, 2)).toThrow(/out-of-order/);
    expect(() => s.markStale(r, 500)).toThrow(/out-of-order/);
    expect(() => s.append(r, 1500.5, 2)).toThrow(/integer/);
    expect(() => s.append(7, 2000, 2)).toThrow(/unknown series ref 7/);
  });

  it('selects by matchers using the metric-name index', () => {
    const s = createMetricStore();
    s.seriesRef({ __name__: 'a', pod: 'x' });
    s.seriesRef({ __name__: 'b', pod: 'x' });
    s.seriesRef({ __name__: 'a', pod: 'y' });
    expect(s.select([eq('__name__', 'a')])).toEqual([0, 2]);
    expect(s.select([eq('pod', 'x')])).toEqual([0, 1]);
    expect(s.select([eq('__name__', 'a'), eq('pod', 'y')])).toEqual([2]);
    expect(s.select([eq('__name__', 'zzz')])).toEqual([]);
  });

  it('ends a series at a staleness marker for instant lookups; range functions skip the marker', () => {
    const s = createMetricStore();
    const r = s.seriesRef({ __name__: 'req_total', pod: 'a' });
    for (let t = 0; t <= 60_000; t += 15_000) s.append(r, t, t / 1000);
    s.markStale(r, 75_000);
    expect(s.sampleCount).toBe(6);
    const at = (q: string, t: number): unknown => {
      const res = evaluateInstant(s, q, t);
      return res.ok ? res.data.result : res.error;
    };
    expect(at('req_total', 74_000)).toEqual([{ metric: { __name__: 'req_total', pod: 'a' }, value: [74, '60'] }]);
    expect(at('req_total', 75_000)).toEqual([]);
    expect(at('req_total', 200_000)).toEqual([]);
    expect(at('count_over_time(req_total[2m])', 80_000)).toEqual([{ metric: { pod: 'a' }, value: [80, '5'] }]);
    // Appending after the marker revives the series (a pod that came back).
    s.append(r, 90_000, 1);
    expect(at('req_total', 95_000)).toEqual([{ metric: { __name__: 'req_total', pod: 'a' }, value: [95, '1'] }]);
  });

  it('without a marker a series lingers for the 5 m lookback, inclusive', () => {
    const s = createMetricStore();
    const r = s.seriesRef({ __name__: 'g' });
    s.append(r, 0, 3);
    const n = (t: number): number => {
      const res = evaluateInstant(s, 'g', t);
      return res.ok ? (res.data.result as unknown[]).length : -1;
    };
    expect([n(0), n(300_000), n(300_001), n(-1)]).toEqual([1, 1, 0, 0]);
  });
});
