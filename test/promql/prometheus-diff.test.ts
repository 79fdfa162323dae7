/**
 * Differential test against a live Prometheus (Debian 12's 2.42 with promtool): the harness store is
 * exported with writeOpenMetrics, backfilled with `promtool tsdb create-blocks-from openmetrics` (which
 * proves promtool accepts the export), served by `prometheus` on 127.0.0.1 and queried over HTTP; every
 * answer — values, regex matchers, error messages — must match evaluateInstant over the same data.
 * Skipped, with the reason printed, when the binaries are not on PATH (`apt-get install -y prometheus`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateInstant } from '../../src/promql/index.js';
import { END, GONE_AT, T0, available, diff, startPrometheus } from './prom-harness.js';
import type { LivePrometheus } from './prom-harness.js';

if (!available) console.log('prometheus-diff: skipped — promtool/prometheus not on PATH (apt-get install -y prometheus)');

const QUERIES = [
  'http_requests_total',
  'rate(http_requests_total[5m])',
  'increase(http_requests_total{code="500"}[10m])',
  'irate(http_requests_total[1m])',
  'sum by (pod) (rate(http_requests_total[5m]))',
  'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'histogram_quantile(0.5, sum by (le, pod) (rate(http_request_duration_seconds_bucket[5m])))',
  'topk(2, sum by (pod) (rate(http_requests_total[5m])))',
  'max_over_time(inflight[10m])',
  'avg_over_time(inflight[10m]) - quantile_over_time(0.5, inflight[10m])',
  'absent(http_requests_total{pod="gone"})',
  'count by (code) (http_requests_total)',
  'rate(http_requests_total[5m] offset 10m)',
  'deriv(inflight[10m]) * 60',
  'stddev(inflight) and on() vector(1)',
  'http_request_duration_seconds_sum[1m]',
  'resets(http_requests_total[40m])',
  'avg_over_time(sum(inflight)[10m:1m])',
  'rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m]) > 0.1',
];
const REGEXES = [
  '(?i)a', 'a(?i)b', '.', '(?s)a.b', 'a.b', '[[:alpha:]]+', '[^a-z]+', '\\\\d+', '[\\\\d-z]+', '\\\\pL', '(?i)é', 'a|', '[]a]',
  '\\\\Qa.b\\\\E', '[a-c]+', '(?i)[a-c]+', 'x-y|-', 'a\\\\]', '\\\\{\\\\}', '.*\\\\n.*', 'tab\\\\s.*', '(?m)a$\\\\n^b', '(?i:a)B',
  '\\\\x41', '[\\\\x41-\\\\x42]+', '\\\\101', '(a)(b)?', '(?P<n>a)b', '[^\\\\n]+', 'a{1,2}b?', '\\\\[x\\\\]', '\\\\w+', '\\\\S+',
];
QUERIES.push(...REGEXES.flatMap((re) => [`re_probe{v=~"${re}"}`, `re_probe{v!~"${re}"}`]));

/** Malformed queries: the error type and message must be Prometheus' own. */
const BAD_QUERIES = [
  'sum(rate(x[5m])', 'x)', 'x[5m', 'x{a="b"', 'x[5]', 'rate(x[5m] offset 1x)', '', '1 > 2', 'x + bool x',
  'limitk(2, x)', 'sum(x) offset 5m', 'x offset 5m [5m]', 'rate(sum(x)[5m])', 'topk("a", x)', 'rate(x)',
  '{code=~".*"}', 'x{code=~"5(.."}', 'x[5m] + 1', 'round(x, 1, 2)', 'sum()', 'x and 1', 'x{__name__="y"}', 'x[0s]',
  '1 2', 'sum by (pod) rate(x[5m])', 'sum(x) by', 'x{a}', 'x{a=}', 'x[5m:5]', 'rate(x[5m],)', 'x offset', 'x @',
  'foo(x)', '-x[5m]', 'sum by (1) (x)', '0x', 'x[1.5m]', '"a\\qb"', 'x @ 1e30', 'stddev by (a) without (b) (x)',
  'x{a=~"[z-a]"}', 'x{a=~"(?<n>a)"}', 'x{a=~"a**"}', 'and x', 'atan2(x, y)',
  'label_replace(inflight, "1a", "$1", "pod", "(.*)")', 'label_join(inflight, "a", ",", "1b")',
  'label_replace(inflight, "a", "$1", "pod", "(")', 'count_values("a b", inflight)',
  'sum by (pod) (http_requests_total) / on(namespace) sum by (namespace, pod) (http_requests_total)',
  'http_requests_total / on(pod) inflight', 'rate({__name__=~"http_request_duration_seconds_(sum|count)", pod="a"}[5m])',
  'holt_winters(inflight[10m], 2, 0.5)',
];

const TIMES = [T0 + 20 * 60_000, T0 + 30 * 60_000 + 7_000, GONE_AT + 120_000, END];
describe('agreement with a live Prometheus 2.42', () => {
  let prom: LivePrometheus | null = null;
  afterAll(() => prom?.stop());

  it.skipIf(!available)('promtool accepts the export and Prometheus answers like evaluateInstant', async () => {
    prom = await startPrometheus();
    expect(prom.promtoolError, 'promtool rejected the export').toBe('');
    const failures: string[] = [];
    let compared = 0;
    let nonEmpty = 0;
    for (const t of TIMES) {
      for (const q of QUERIES) {
        const res = await prom.query(q, t);
        if (res.status !== 'success') throw new Error(`prometheus failed on ${q}: ${res.error}`);
        const ours = evaluateInstant(prom.reloaded, q, t);
        compared++;
        if (Array.isArray(res.data.result) && res.data.result.length > 0) nonEmpty++;
        if (!ours.ok) failures.push(`${q} @${t}: we failed: ${ours.error}`);
        else {
          const d = diff(res.data, ours.data);
          if (d) failures.push(`${q} @${t}: ${d}`);
        }
      }
    }
    for (const q of BAD_QUERIES) {
      const res = await prom.query(q, END);
      const ours = evaluateInstant(prom.reloaded, q, END);
      compared++;
      const mine = ours.ok ? 'no error' : `${ours.errorType}: ${ours.error}`;
      if (mine !== `${res.errorType}: ${res.error}`) failures.push(`${q}:\n    prometheus: ${res.errorType}: ${res.error}\n    ours:       ${mine}`);
      else nonEmpty++;
    }
    console.log(`prometheus-diff: ${compared - failures.length}/${compared} answers agree with Prometheus 2.42 (${nonEmpty} non-empty results or matching errors)`);
    expect(nonEmpty).toBeGreaterThan(compared * 0.7);
    expect(failures, failures.join('\n')).toEqual([]);

    // The live store ends pod c with a staleness marker: it vanishes at once, where the backfilled
    // blocks (no markers in OpenMetrics) keep it for the 5 m lookback.
    const at = GONE_AT + 120_000;
    const live = evaluateInstant(prom.store, 'count(inflight)', at);
    const backfilled = evaluateInstant(prom.reloaded, 'count(inflight)', at);
    expect(live.ok && live.data.result).toEqual([{ metric: {}, value: [at / 1000, '2'] }]);
    expect(backfilled.ok && backfilled.data.result).toEqual([{ metric: {}, value: [at / 1000, '3'] }]);
    expect(T0).toBeLessThan(at);
  }, 120_000);
});
