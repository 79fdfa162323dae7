/**
 * OpenMetrics export/import and promtool-dump import: exact text, round trips (fast-check), and errors
 * that name the line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset, parsePromtoolDump } from '../../src/metrics/dataset.js';
import { parseOpenMetrics, writeOpenMetrics } from '../../src/metrics/openmetrics.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { MetricStore } from '../../src/metrics/store.js';

function exportText(store: MetricStore): string {
  let out = '';
  writeOpenMetrics(store, (c) => (out += c));
  return out;
}

describe('writeOpenMetrics', () => {
  it('writes families with TYPE lines, counters as _total, histograms point by point, seconds, # EOF', () => {
    const s = createMetricStore();
    const c = s.seriesRef({ __name__: 'http_requests_total', code: '200', pod: 'a"b' });
    const inf = s.seriesRef({ __name__: 'lat_bucket', le: '+Inf' });
    const b1 = s.seriesRef({ __name__: 'lat_bucket', le: '0.5' });
    const sum = s.seriesRef({ __name__: 'lat_sum' });
    const cnt = s.seriesRef({ __name__: 'lat_count' });
    const g = s.seriesRef({ __name__: 'inflight' });
    s.append(c, 1_000, 5);
    s.append(c, 16_000, 7);
    s.markStale(c, 31_000);
    for (const t of [1_000, 16_000]) {
      s.append(b1, t, t / 1000);
      s.append(inf, t, t / 500);
      s.append(sum, t, 0.25);
      s.append(cnt, t, t / 500);
    }
    s.append(g, 1_500, NaN);
    s.append(g, 2_500, -Infinity);
    expect(exportText(s)).toBe([
      '# TYPE http_requests counter',
      'http_requests_total{code="200",pod="a\\"b"} 5 1',
      'http_requests_total{code="200",pod="a\\"b"} 7 16',
      '# TYPE inflight unknown',
      'inflight NaN 1.5',
      'inflight -Inf 2.5',
      '# TYPE lat histogram',
      'lat_bucket{le="0.5"} 1 1',
      'lat_bucket{le="+Inf"} 2 1',
      'lat_sum 0.25 1',
      'lat_count 2 1',
      'lat_bucket{le="0.5"} 16 16',
      'lat_bucket{le="+Inf"} 32 16',
      'lat_sum 0.25 16',
      'lat_count 32 16',
      '# EOF',
      '',
    ].join('\n'));
  });

  it('round-trips any store through parseOpenMetrics (stale markers end the series)', () => {
    const labelValue = fc.string({ maxLength: 6 }).filter((v) => v !== '');
    const seriesArb = fc.record({
      name: fc.constantFrom('a_total', 'b', 'c_bucket', 'c_sum', 'c_count'),
      pod: labelValue,
      samples: fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.double({ noDefaultInfinity: false })), { maxLength: 8 }),
      stale: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(seriesArb, { maxLength: 6 }), (specs) => {
        const s = createMetricStore();
        const expected = new Map<string, Array<[number, number]>>();
        for (const spec of specs) {
          const labels: Record<string, string> = { __name__: spec.name, pod: spec.pod };
          if (spec.name === 'c_bucket') labels['le'] = '1';
          const ref = s.seriesRef(labels);
          const view = s.series(ref);
          let t = view.n > 0 ? (view.t[view.n - 1] as number) : 0;
          const key = JSON.stringify(view.labels);
          const list = expected.get(key) ?? [];
          for (const [dt, v] of spec.samples) {
            t += dt * 1000;
            s.append(ref, t, v);
            list.push([t, v]);
          }
          if (spec.stale) s.markStale(ref, t + 1000);
          expected.set(key, list);
        }
        const parsed = parseOpenMetrics(exportText(s));
        if (!parsed.ok) throw new Error(`${parsed.error} at line ${parsed.line}`);
        for (let r = 0; r < parsed.store.seriesCount; r++) {
          const v = parsed.store.series(r);
          const want = expected.get(JSON.stringify(v.labels)) ?? [];
          const got = Array.from({ length: v.n }, (_, i) => [v.t[i], v.v[i]]);
          expect(got).toEqual(want);
        }
        const nonEmpty = [...expected.values()].filter((l) => l.length > 0).length;
        expect(parsed.store.seriesCount).toBe(nonEmpty);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseOpenMetrics', () => {
  it.each([
    ['up 1 1\n', 'missing "# EOF" at the end', 2],
    ['up{a="1"} x 1\n# EOF\n', 'invalid value "x"', 1],
    ['# TYPE up gauge\nup 1\n# EOF\n', 'sample without a timestamp (a dataset needs explicit timestamps)', 2],
    ['up 1 2\nup 1 1\n# EOF\n', 'up: the sample at 1 s is not after the one on line 1 (at 2 s): samples of a series must be in time order, each time once', 2],
    ['up 1 1\r\n# EOF\r\n', 'line 1 ends with CR LF (a Windows line ending); Prometheus reads lines ending in LF alone: convert the file (e.g. dos2unix)', 1],
    ['up{a="1} 1 1\n# EOF\n', 'unterminated label value for a', 1],
    ['up 1 1\n# EOF\nup 2 2\n', 'data after "# EOF"', 3],
    ['#TYPE x\n# EOF\n', 'invalid metadata line: #TYPE x', 1],
  ])('%j ⇒ %s (line %i)', (text, error, line) => {
    expect(parseOpenMetrics(text)).toEqual({ ok: false, error, line });
  });

  it('reads escapes, exemplars and fractional seconds', () => {
    const r = parseOpenMetrics('x_total{a="q\\"\\n\\\\"} 1.5 10.25 # {trace_id="1"} 1 10\n# EOF\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.store.series(0);
    expect(v.labels).toEqual({ __name__: 'x_total', a: 'q"\n\\' });
    expect([v.t[0], v.v[0]]).toEqual([10_250, 1.5]);
  });
});

describe('promtool dump', () => {
  it('parses `{labels} value timestampMs` lines and loadDataset tells the formats apart', () => {
    const dump = '{__name__="up", job="a b"} 1 1767225600000\n{__name__="up", job="a b"} 1e+03 1767225615000\n';
    const r = loadDataset(dump);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.store.series(0);
    expect(v.labels).toEqual({ __name__: 'up', job: 'a b' });
    expect([v.n, v.v[1], v.t[1]]).toEqual([2, 1000, 1767225615000]);
    expect(parsePromtoolDump('{__name__="up"} 1 1.5\n')).toEqual({ ok: false, error: 'invalid timestamp "1.5" (integer ms expected)', line: 1 });
    expect(loadDataset('up 1 1\n# EOF\n').ok).toBe(true);
  });
});
