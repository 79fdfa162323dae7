/**
 * Shared by the live-Prometheus tests: the store they query (counters with a reset, a histogram, a
 * gauge, label values for regex probes, a pod whose series end with a staleness marker), starting
 * `prometheus` over its `promtool`-backfilled OpenMetrics export, and comparing API answers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOpenMetrics, writeOpenMetrics } from '../../src/metrics/openmetrics.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { MetricStore } from '../../src/metrics/store.js';

export const T0 = 1767225600_000;
export const STEP = 15_000;
export const END = T0 + 3600_000;
export const GONE_AT = T0 + 40 * 60_000; // pod c's last scrape; a staleness marker follows

const have = (bin: string): boolean => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
export const available = have('promtool') && have('prometheus');

/** Deterministic pseudo-random counts (no Math.random in tests either). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function buildStore(): MetricStore {
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

type Elem = { metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> };
const key = (m: Record<string, string>): string => JSON.stringify(Object.entries(m).sort());
const num = (s: string): number => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));
const close = (a: string, b: string): boolean => {
  const [x, y] = [num(a), num(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};

/** Differences between Prometheus' data and ours, as text (empty when they agree). */
export function diff(want: { resultType: string; result: unknown }, got: { resultType: string; result: unknown }): string {
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

export interface LivePrometheus {
  /** Our store, as built (with staleness markers). */
  readonly store: MetricStore;
  /** Our store re-read from the export (what Prometheus holds: no staleness markers). */
  readonly reloaded: MetricStore;
  /** `promtool tsdb create-blocks-from openmetrics` output when it failed, else ''. */
  readonly promtoolError: string;
  query(q: string, tMs: number): Promise<{ status: string; data: { resultType: string; result: unknown }; errorType?: string; error?: string }>;
  stop(): void;
}

/** Exports a store (default buildStore()) as OpenMetrics, backfills it with promtool and serves it on a free loopback port. */
export async function startPrometheus(build: () => MetricStore = buildStore): Promise<LivePrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rollout-sim-prom-'));
  const store = build();
  let om = '';
  writeOpenMetrics(store, (c) => (om += c));
  const omFile = path.join(dir, 'export.om');
  writeFileSync(omFile, om);
  const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', omFile, path.join(dir, 'data')], { encoding: 'utf8' });
  const promtoolError = blocks.status === 0 ? '' : `${blocks.stderr}${blocks.stdout}`;
  const reloaded = parseOpenMetrics(om);
  if (!reloaded.ok) throw new Error(`re-parsing our export failed: ${reloaded.error} (line ${reloaded.line})`);
  const port = await freePort();
  const cfg = path.join(dir, 'prometheus.yml');
  writeFileSync(cfg, 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n');
  const proc = spawn('prometheus', [
    `--config.file=${cfg}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  const stop = (): void => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/-/ready`).then((r) => r.ok, () => false)) break;
    if (i > 150) {
      stop();
      throw new Error('prometheus did not become ready within 30 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    store, reloaded: reloaded.store, promtoolError, stop,
    query: async (q, tMs) => {
      const body = new URLSearchParams({ query: q, time: String(tMs / 1000) });
      return (await (await fetch(`${base}/api/v1/query`, { method: 'POST', body })).json()) as never;
    },
  };
}
