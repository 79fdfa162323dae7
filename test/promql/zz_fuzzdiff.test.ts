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
import fc from 'fast-check';
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


const sel = fc.constantFrom('http_requests_total', 'http_requests_total{code="500"}', 'inflight', 'http_request_duration_seconds_bucket', 'http_request_duration_seconds_sum', 'nothing', 'inflight{pod=~"a|c"}', 're_probe');
const rng = fc.constantFrom('[1m]', '[5m]', '[15s]', '[10m:1m]', '[2m] offset 1m', '[5m:]', '[3m] @ 1767227000');
const lit = fc.constantFrom('0', '1', '-1', '0.5', '2', '0.25', '1e3');
const gen: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    sel, lit,
    fc.tuple(fc.constantFrom('rate','increase','irate','delta','idelta','max_over_time','min_over_time','avg_over_time','sum_over_time','count_over_time','stddev_over_time','stdvar_over_time','last_over_time','present_over_time','changes','resets','deriv','absent_over_time'), sel, rng).map(([f,s,r]) => `${f}(${s}${r})`),
    fc.tuple(sel, rng).map(([s, r]) => `predict_linear(${s}${r}, 60)`),
    fc.tuple(sel, rng).map(([s, r]) => `quantile_over_time(0.3, ${s}${r})`),
    fc.tuple(sel, rng).map(([s, r]) => `holt_winters(${s}${r}, 0.3, 0.6)`),
    fc.tuple(fc.constantFrom('sum','avg','max','min','count','stddev','stdvar','group'), fc.constantFrom('', ' by (pod)', ' without (code)', ' by (le)', ' by (__name__)', ' without (pod, le)'), tie('e')).map(([a,g,e]) => `${a}${g} (${e})`),
    fc.tuple(fc.constantFrom('topk','bottomk','quantile'), lit, fc.constantFrom('', ' by (pod)'), tie('e')).map(([a,p,g,e]) => `${a}${g}(${p}, ${e})`),
    fc.tuple(fc.constantFrom('', ' by (pod)'), tie('e')).map(([g,e]) => `count_values${g}("val", ${e})`),
    fc.tuple(tie('e'), fc.constantFrom('+','-','*','/','%','^','>','<','>=','== bool','!= bool','and','or','unless','/ on(pod)','* ignoring(code)','/ ignoring(code, le) group_left','+ on(pod) group_right','> bool on(pod, code)', 'atan2'), tie('e')).map(([l,op,r]) => `(${l}) ${op} (${r})`),
    fc.tuple(fc.constantFrom('abs','ceil','floor','exp','sqrt','ln','log2','log10','sgn','sort','sort_desc','scalar','vector','absent','timestamp','round','-','day_of_week','hour','minute','month','year','days_in_month','day_of_month','day_of_year','deg','rad','sin','cos','tan','asin','acos','atan','sinh','cosh','tanh','asinh','acosh','atanh'), tie('e')).map(([f,e]) => f === '-' ? `-(${e})` : `${f}(${e})`),
    fc.tuple(tie('e'), lit).map(([e, l]) => `round(${e}, ${l})`),
    fc.tuple(tie('e'), lit, lit).map(([e, a, b]) => `clamp(${e}, ${a}, ${b})`),
    fc.tuple(tie('e'), lit).map(([e, a]) => `clamp_min(${e}, ${a})`),
    fc.tuple(lit, tie('e')).map(([q, e]) => `histogram_quantile(${q}, ${e})`),
    tie('e').map((e) => `histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])) * on() group_left scalar(${e}))`),
    tie('e').map((e) => `label_replace(${e}, "x", "$1-$2", "pod", "(.)(.*)")`),
    tie('e').map((e) => `label_join(${e}, "x", "/", "pod", "code")`),
    tie('e').map((e) => `max_over_time((${e})[5m:30s])`),
    tie('e').map((e) => `rate((${e})[5m:1m])`),
    fc.constant('time()'), fc.constant('pi()'),
  ),
})).e;

describe('random differential', () => {
  let proc: ChildProcess | null = null;
  const dir = mkdtempSync(path.join(tmpdir(), 'rollout-sim-fz-'));
  afterAll(() => { if (proc?.pid !== undefined) proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); });
  it('agrees', async () => {
    const store = buildStore();
    let om = '';
    writeOpenMetrics(store, (c) => (om += c));
    writeFileSync(path.join(dir, 'e.om'), om);
    spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'e.om'), path.join(dir, 'data')]);
    const reloaded = parseOpenMetrics(om);
    if (!reloaded.ok) throw new Error('x');
    const port = await freePort();
    writeFileSync(path.join(dir, 'p.yml'), 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n');
    proc = spawn('prometheus', [`--config.file=${path.join(dir, 'p.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, '--storage.tsdb.retention.time=100y', `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (;;) { if (await fetch(`${base}/-/ready`).then((r) => r.ok, () => false)) break; await new Promise((r) => setTimeout(r, 200)); }
    if (process.env.QS) {
      for (const q of process.env.QS.split(';;')) {
        const t = Number(process.env.T);
        const res = (await (await fetch(`${base}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: q, time: String(t / 1000) }) })).json()) as any;
        const ours = evaluateInstant(reloaded.store, q, t);
        console.log(q, '\n  prom:', JSON.stringify(res.data?.result ?? res.error).slice(0, 400), '\n  ours:', JSON.stringify(ours.ok ? ours.data.result : ours.error).slice(0, 400));
      }
      return;
    }
    const samples = fc.sample(fc.tuple(gen, fc.integer({ min: -20, max: 260 })), { numRuns: Number(process.env.N ?? 1500), seed: Number(process.env.SEED ?? 1) });
    let bad = 0, n = 0, errs = 0;
    for (const [q, k] of samples) {
      const t = T0 + k * 15_000 + (k % 3 === 0 ? 7_000 : 0);
      const body = new URLSearchParams({ query: q, time: String(t / 1000) });
      const res = (await (await fetch(`${base}/api/v1/query`, { method: 'POST', body })).json()) as any;
      const ours = evaluateInstant(reloaded.store, q, t);
      n++;
      let d = '';
      if (res.status !== 'success') { errs++; d = ours.ok ? `prom error ${res.error}, ours ok` : (ours.error === res.error ? '' : `msg: ${res.error} ≠ ${ours.error}`); }
      else if (!ours.ok) d = `ours error ${ours.error}`;
      else d = diff(res.data, ours.data);
      if (d) { bad++; if (bad <= 25) console.log(`${q} @${k}: ${d}`); }
    }
    console.log(`random: ${n - bad}/${n} agree (${errs} prom errors)`);
  }, 600_000);
});
