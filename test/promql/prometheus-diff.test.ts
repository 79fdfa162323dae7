/**
 * Differential test against a live Prometheus (Debian 12's 2.42 with promtool): a store built in code
 * (counters with a reset, a histogram, a gauge, a pod whose series end with a staleness marker) is
 * exported with writeOpenMetrics, backfilled with `promtool tsdb create-blocks-from openmetrics` (which
 * proves promtool accepts the export), served by `prometheus` on 127.0.0.1 and queried over HTTP; every
 * answer must match evaluateInstant over the same data. Skipped, with the reason printed, when the
 * binaries are not on PATH (`apt-get install -y prometheus`).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOpenMetrics, writeOpenMetrics } from '../../src/metrics/openmetrics.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { MetricStore } from '../../src/metrics/store.js';
import { evaluateInstant } from '../../src/promql/index.js';

const T0 = 1767225600_000;
const STEP = 15_000;
const END = T0 + 3600_000;
const GONE_AT = T0 + 40 * 60_000; // pod c's last scrape; a staleness marker follows

const have = (bin: string): boolean => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
const available = have('promtool') && have('prometheus');
if (!available) console.log('prometheus-diff: skipped — promtool/prometheus not on PATH (apt-get install -y prometheus)');

/** Deterministic pseudo-random counts (no Math.random in tests either). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function buildStore(): MetricStore {
  const store = createMetricStore();
  const rnd = lcg(42);
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
  for (const pod of ['a', 'b', 'c']) {
    const base = { namespace: 'shop', pod };
    const reqs = ['200', '500'].map((code) => store.seriesRef({ __name__: 'http_requests_total', ...base, code }));
    const buckets = bounds.map((le) => store.seriesRef({ __name__: 'http_request_duration_seconds_bucket', ...base, le }));
    const sum = store.seriesRef({ __name__: 'http_request_duration_seconds_sum', ...base });
    const count = store.seriesRef({ __name__: 'http_request_duration_seconds_count', ...base });
    const inflight = store.seriesRef({ __name__: 'inflight', ...base });
    const totals = [pod === 'a' ? 5000 : 0, 0];
    const bucketCounts = bounds.map(() => 0);
    let latencySum = 0;
    for (let t = T0; t <= END; t += STEP) {
      if (pod === 'c' && t > GONE_AT) {
        for (const r of [...reqs, ...buckets, sum, count, inflight]) store.markStale(r, t);
        break;
      }
      if (pod === 'b' && t === T0 + 30 * 60_000) totals.fill(0); // counter reset (restart)
      const n = 200 + Math.floor(rnd() * 100);
      const errors = Math.floor(rnd() * (pod === 'c' ? 20 : 3));
      totals[0] = (totals[0] as number) + n - errors;
      totals[1] = (totals[1] as number) + errors;
      reqs.forEach((r, i) => store.append(r, t, totals[i] as number));
      for (let k = 0; k < n; k++) {
        const lat = 0.02 * Math.exp(rnd() * 4);
        latencySum += lat;
        bounds.forEach((b, i) => {
          if (b === '+Inf' || lat <= Number(b)) bucketCounts[i] = (bucketCounts[i] as number) + 1;
        });
      }
      buckets.forEach((r, i) => store.append(r, t, bucketCounts[i] as number));
      store.append(sum, t, Math.round(latencySum * 1000) / 1000);
      store.append(count, t, bucketCounts[bounds.length - 1] as number);
      store.append(inflight, t, Math.floor(rnd() * 50) / 4);
    }
  }
  // Label values for regex matchers (RE2 translated to JavaScript must match the same ones).
  const probeValues = ['a', 'A', 'ab', 'a.b', 'aXb', '5', '500', 'a\nb', 'é', 'É', '[x]', 'x-y', '-', 'a]', '{}', 'tab\there', 'AB'];
  probeValues.forEach((v, i) => {
    const ref = store.seriesRef({ __name__: 're_probe', v, i: String(i) });
    for (let t = T0; t <= END; t += STEP) store.append(ref, t, i);
  });
  return store;
}

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

type Elem = { metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> };
const key = (m: Record<string, string>): string => JSON.stringify(Object.entries(m).sort());
const num = (s: string): number => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));
const close = (a: string, b: string): boolean => {
  const [x, y] = [num(a), num(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};

/** Differences between Prometheus' data and ours, as text (empty when they agree). */
function diff(want: { resultType: string; result: unknown }, got: { resultType: string; result: unknown }): string {
  if (want.resultType !== got.resultType) return `resultType ${got.resultType} ≠ ${want.resultType}`;
  if (want.resultType === 'scalar') {
    const [w, g] = [want.result as [number, string], got.result as [number, string]];
    return close(w[1], g[1]) ? '' : `${g[1]} ≠ ${w[1]}`;
  }
  const [w, g] = [want.result as Elem[], got.result as Elem[]];
  if (w.length !== g.length) return `${g.length} elements ≠ ${w.length}`;
  const byKey = new Map(g.map((e) => [key(e.metric), e]));
  for (const e of w) {
    const o = byKey.get(key(e.metric));
    if (!o) return `missing ${JSON.stringify(e.metric)}`;
    const wp = e.value ? [e.value] : (e.values ?? []);
    const gp = o.value ? [o.value] : (o.values ?? []);
    if (wp.length !== gp.length) return `${JSON.stringify(e.metric)}: ${gp.length} points ≠ ${wp.length}`;
    for (let i = 0; i < wp.length; i++) {
      const [a, b] = [wp[i] as [number, string], gp[i] as [number, string]];
      if (a[0] !== b[0] || !close(a[1], b[1])) return `${JSON.stringify(e.metric)}: ${JSON.stringify(b)} ≠ ${JSON.stringify(a)}`;
    }
  }
  return '';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('agreement with a live Prometheus 2.42', () => {
  let proc: ChildProcess | null = null;
  const dir = mkdtempSync(path.join(tmpdir(), 'rollout-sim-prom-'));
  afterAll(() => {
    if (proc?.pid !== undefined) proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!available)('promtool accepts the export and Prometheus answers like evaluateInstant', async () => {
    const store = buildStore();
    let om = '';
    writeOpenMetrics(store, (c) => (om += c));
    const omFile = path.join(dir, 'export.om');
    writeFileSync(omFile, om);
    const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', omFile, path.join(dir, 'data')], { encoding: 'utf8' });
    expect(blocks.status, `promtool rejected the export:\n${blocks.stderr}${blocks.stdout}`).toBe(0);

    const reloaded = parseOpenMetrics(om);
    if (!reloaded.ok) throw new Error(`re-parsing our export failed: ${reloaded.error} (line ${reloaded.line})`);

    const port = await freePort();
    const cfg = path.join(dir, 'prometheus.yml');
    writeFileSync(cfg, 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n');
    proc = spawn('prometheus', [
      `--config.file=${cfg}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 150) throw new Error('prometheus did not become ready within 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }

    const failures: string[] = [];
    let compared = 0;
    let nonEmpty = 0;
    for (const t of TIMES) {
      for (const q of QUERIES) {
        const body = new URLSearchParams({ query: q, time: String(t / 1000) });
        const res = (await (await fetch(`${base}/api/v1/query`, { method: 'POST', body })).json()) as {
          status: string; data: { resultType: string; result: unknown }; error?: string;
        };
        if (res.status !== 'success') throw new Error(`prometheus failed on ${q}: ${res.error}`);
        const ours = evaluateInstant(reloaded.store, q, t);
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
      const body = new URLSearchParams({ query: q, time: String(END / 1000) });
      const res = (await (await fetch(`${base}/api/v1/query`, { method: 'POST', body })).json()) as { errorType?: string; error?: string };
      const ours = evaluateInstant(reloaded.store, q, END);
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
    const live = evaluateInstant(store, 'count(inflight)', GONE_AT + 120_000);
    const backfilled = evaluateInstant(reloaded.store, 'count(inflight)', GONE_AT + 120_000);
    expect(live.ok && live.data.result).toEqual([{ metric: {}, value: [(GONE_AT + 120_000) / 1000, '2'] }]);
    expect(backfilled.ok && backfilled.data.result).toEqual([{ metric: {}, value: [(GONE_AT + 120_000) / 1000, '3'] }]);
  }, 120_000);
});
