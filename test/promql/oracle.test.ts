/**
 * Differential test against real Prometheus 2.42 answers (../shared/oracles/promql): the dataset is
 * loaded with our OpenMetrics parser and every recorded instant query is re-evaluated.
 * Vectors are compared in order where Prometheus defines it, as sets otherwise (histogram_quantile's
 * output and anything fed by a subquery come from Go map iteration). Values agree within 1e-9 relative.
 */
import { readFileSync, existsSync } from 'node:fs';
import { ORACLES, readOracle } from '../helpers/oracles.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/metrics/dataset.js';
import type { MetricStore } from '../../src/metrics/store.js';
import { evaluateInstant } from '../../src/promql/index.js';

const ORACLE = path.join(ORACLES, 'promql');

interface Case {
  id: string;
  query: string;
  time: number;
  features: string[];
  resultType?: string;
  result?: unknown;
  error?: string;
  errorType?: string;
}

/** Features outside what this evaluator promises; none at the moment. */
const SKIP_FEATURES: Record<string, string> = {};

function num(s: string): number {
  return s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s);
}

function close(a: string, b: string): boolean {
  const [x, y] = [num(a), num(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

type Elem = { metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> };
const metricKey = (m: Record<string, string>): string => JSON.stringify(Object.entries(m).sort());

function sameElem(want: Elem, got: Elem): string | null {
  if (JSON.stringify(want.metric) !== JSON.stringify(got.metric)) return `metric ${JSON.stringify(got.metric)} ≠ ${JSON.stringify(want.metric)}`;
  if (want.value) {
    if (!got.value || got.value[0] !== want.value[0] || !close(want.value[1], got.value[1])) {
      return `value ${JSON.stringify(got.value)} ≠ ${JSON.stringify(want.value)}`;
    }
  }
  if (want.values) {
    const gv = got.values ?? [];
    if (gv.length !== want.values.length) return `${gv.length} points ≠ ${want.values.length}`;
    for (let i = 0; i < gv.length; i++) {
      const [w, g] = [want.values[i] as [number, string], gv[i] as [number, string]];
      if (w[0] !== g[0] || !close(w[1], g[1])) return `point ${i}: ${JSON.stringify(g)} ≠ ${JSON.stringify(w)}`;
    }
  }
  return null;
}

/** Returns null when the answer matches, else a description of the difference. */
function compare(c: Case, store: MetricStore): string | null {
  const res = evaluateInstant(store, c.query, Math.round(c.time * 1000));
  if (c.error !== undefined) {
    if (res.ok) return `expected error ${c.error}, got ${JSON.stringify(res.data).slice(0, 200)}`;
    if (res.errorType !== c.errorType) return `errorType ${res.errorType} ≠ ${c.errorType}`;
    if (res.error !== c.error) return `message "${res.error}" ≠ "${c.error}"`;
    return null;
  }
  if (!res.ok) return `unexpected error ${res.error}`;
  if (res.data.resultType !== c.resultType) return `resultType ${res.data.resultType} ≠ ${c.resultType}`;
  if (c.resultType === 'scalar' || c.resultType === 'string') {
    const [w, g] = [c.result as [number, string], res.data.result as [number, string]];
    const ok = w[0] === g[0] && (c.resultType === 'string' ? w[1] === g[1] : close(w[1], g[1]));
    return ok ? null : `${JSON.stringify(g)} ≠ ${JSON.stringify(w)}`;
  }
  const want = c.result as Elem[];
  const got = res.data.result as Elem[];
  if (want.length !== got.length) return `${got.length} elements ≠ ${want.length}: ${JSON.stringify(got).slice(0, 300)}`;
  const unordered = c.features.includes('subquery') || c.features.includes('histogram_quantile') || c.resultType === 'matrix';
  if (unordered) {
    const byKey = new Map(got.map((e) => [metricKey(e.metric), e]));
    for (const w of want) {
      const g = byKey.get(metricKey(w.metric));
      if (!g) return `missing ${JSON.stringify(w.metric)}`;
      const d = sameElem(w, g);
      if (d) return d;
    }
    return null;
  }
  for (let i = 0; i < want.length; i++) {
    const d = sameElem(want[i] as Elem, got[i] as Elem);
    if (d) return `element ${i}: ${d}`;
  }
  return null;
}

describe('PromQL agrees with Prometheus 2.42 (oracle cases)', () => {
  if (!existsSync(path.join(ORACLE, 'cases.jsonl'))) {
    it('finds the oracle folder', () => {
      throw new Error(`oracle folder missing: ${ORACLE} (vendored oracle data: test/oracles/promql)`);
    });
    return;
  }
  const cases: Case[] = readFileSync(path.join(ORACLE, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);
  const loaded = loadDataset(readOracle('promql/dataset.om'));

  it('loads the dataset', () => {
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.store.seriesCount).toBe(111);
    }
  });

  it('answers every case like Prometheus', () => {
    if (!loaded.ok) throw new Error(`dataset failed to load: ${loaded.error} (line ${loaded.line})`);
    const failures: string[] = [];
    const skipped: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const skip = c.features.find((f) => SKIP_FEATURES[f]);
      if (skip) {
        skipped.push(`${c.id} (${SKIP_FEATURES[skip]})`);
        continue;
      }
      const diff = compare(c, loaded.store);
      if (diff) failures.push(`${c.id}: ${c.query.slice(0, 90)}\n    ${diff}`);
      else passed++;
    }
    console.log(`PromQL oracle: ${passed} passed, ${failures.length} failed, ${skipped.length} skipped of ${cases.length}`);
    if (skipped.length) console.log(`skipped: ${skipped.join(', ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
