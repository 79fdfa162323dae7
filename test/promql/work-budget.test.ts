/**
 * Issue 14, item 3 (bound the work): each hostile query ends within its budget with the right
 * result or a refusal naming the limit (exit 2 from `simulate query`); a nested subquery costs
 * what Prometheus makes it cost, its inner expression evaluated once over the widened range.
 * No timing is asserted: a query that ran unbounded would fail this file by its timeout.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { MetricStore } from '../../src/metrics/store.js';
import { MAX_QUERY_SAMPLES, MAX_RUN_QUERY_SAMPLES, evaluateInstant, parsePromQL, queryCost, runWork } from '../../src/promql/index.js';
import { RUN_BUDGET_MESSAGE, WorkBudget, book, budgetFor } from '../../src/promql/budget.js';
import { Evaluator } from '../../src/promql/eval.js';

const HOUR = 3_600_000;

/** `pods` counters scraped every 15 s for an hour, each growing at its own uneven rate. */
function counters(pods: number): MetricStore {
  const store = createMetricStore();
  for (let p = 0; p < pods; p++) {
    const ref = store.seriesRef({ __name__: 'x_total', pod: `p${p}` });
    let v = 0;
    for (let t = 0; t <= HOUR; t += 15_000) store.append(ref, t, (v += ((t / 15_000) * (p + 3)) % 11));
  }
  return store;
}

/** The same series as OpenMetrics text, for `simulate query`. */
function openMetrics(pods: number): string {
  const lines = ['# TYPE x counter'];
  for (let p = 0; p < pods; p++) {
    let v = 0;
    for (let t = 0; t <= HOUR; t += 15_000) lines.push(`x_total{pod="p${p}"} ${(v += ((t / 15_000) * (p + 3)) % 11)} ${t / 1000}`);
  }
  return [...lines, '# EOF', ''].join('\n');
}

async function query(q: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const files: Record<string, string> = { 'x.om': openMetrics(10) };
  const io: CliIO = {
    stdout: (s) => void (out += s), stderr: (s) => void (err += s), listDir: () => [], clock: () => 0, env: {}, isTTY: false,
    readFile: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error(`ENOENT ${p}`);
      return t;
    },
  };
  const code = await dispatch(['query', 'x.om', q, '--time', '3600', '--output', 'json'], io);
  return { code, out, err };
}

const costOf = (q: string, scrapeMs = 15_000): number => {
  const r = parsePromQL(q);
  if (!r.ok) throw new Error(r.error);
  return queryCost(r.expr, scrapeMs);
};

describe('simulate query under the per-evaluation budget', () => {
  it('count_over_time(sum(rate(x[30m]))[16m:1ms]) is refused with exit 2 naming MAX_QUERY_SAMPLES', async () => {
    const r = await query('count_over_time(sum(rate(x_total[30m]))[16m:1ms])');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`error: execution: query refused by rollout-sim's work budget: one evaluation may touch at most 50,000,000 samples (MAX_QUERY_SAMPLES, the figure of Prometheus' --query.max-samples): narrow a range, lengthen a subquery's step or select fewer series\n`);
  });

  it('the same query at a 100 ms step is within budget and counts its 9 601 steps', async () => {
    const r = await query('count_over_time(sum(rate(x_total[30m]))[16m:100ms])');
    expect(r).toEqual({ code: 0, err: '', out: '{"resultType":"vector","result":[{"metric":{},"value":[3600,"9601"]}]}\n' });
  });

  it('two years of 1 s subquery steps are refused before the first step is taken', () => {
    const budget = new WorkBudget(MAX_QUERY_SAMPLES);
    const r = evaluateInstant(counters(1), 'max_over_time(x_total[2y:1s])', HOUR, { budget });
    expect(r).toMatchObject({ ok: false, errorType: 'execution', error: expect.stringContaining('MAX_QUERY_SAMPLES') });
    expect(budget.used).toBe(63_072_001); // the steps are charged up front: nothing was evaluated
  });

  it('one year of them is refused once the steps taken use up the rest', () => {
    const budget = new WorkBudget(MAX_QUERY_SAMPLES);
    const r = evaluateInstant(counters(1), 'max_over_time(x_total[1y:1s])', HOUR, { budget });
    expect(r).toMatchObject({ ok: false, errorType: 'execution', error: expect.stringContaining('MAX_QUERY_SAMPLES') });
    expect(budget.used).toBe(MAX_QUERY_SAMPLES + 1);
  });
});

describe('nested subqueries', () => {
  const NESTED = 'max_over_time(max_over_time(rate(x_total[5m])[2m:10s])[3m:20s])';
  const INNER = 'max_over_time(rate(x_total[5m])[2m:10s])';

  it('give what evaluating the inner subquery at each outer step gives', () => {
    const store = counters(3);
    const t = HOUR - 7_000;
    const nested = evaluateInstant(store, NESTED, t);
    // The outer window (t − 3m, t] at 20 s steps: max over the inner subquery's instant answers.
    const want = new Map<string, number>();
    for (let s = Math.ceil((t - 180_000) / 20_000) * 20_000; s <= t; s += 20_000) {
      const r = evaluateInstant(store, INNER, s);
      if (!r.ok || r.data.resultType !== 'vector') throw new Error(JSON.stringify(r));
      for (const e of r.data.result) want.set(e.metric.pod as string, Math.max(want.get(e.metric.pod as string) ?? -Infinity, Number(e.value[1])));
    }
    expect(want.size).toBe(3);
    expect(nested.ok && nested.data.resultType === 'vector' && nested.data.result.map((e) => [e.metric.pod, Number(e.value[1])])).toEqual([...want.entries()]);
  });

  it('evaluate the inner expression once over the widened range, not once per outer step', () => {
    const store = counters(3);
    const parsed = parsePromQL('max_over_time(max_over_time(rate(x_total[5m])[10m:1s])[10m:1s])');
    if (!parsed.ok) throw new Error(parsed.error);
    const budget = new WorkBudget(MAX_QUERY_SAMPLES);
    new Evaluator(store, HOUR, { budget }).evaluate(parsed.expr, HOUR);
    // 1 201 inner times (20 min at 1 s) × 3 series × (≤ 21 points + lookup), plus both subqueries'
    // steps and gathered samples (SUBQUERY_SAMPLE_COST each): 601 outer steps, and 601 inner steps
    // at each of them, each step 1 + 3 series × 10.
    const once = 1201 * 3 * 22;
    const gathered = 601 * 31 + 601 * 601 * 31;
    expect(budget.used).toBeLessThanOrEqual(once + gathered);
    expect(budget.used).toBeGreaterThan(gathered);
    // Re-evaluated per outer step it would have read 601 × 601 × 3 windows: 23 M samples, not 79 k.
    expect(601 * 601 * 3 * 21).toBeGreaterThan(100 * (budget.used - gathered));
    // The static estimate counts the same things per series.
    expect(costOf('max_over_time(max_over_time(rate(x_total[5m])[10m:1s])[10m:1s])')).toBe(11 * 601 + 11 * 601 * 601 + 1201 * 21);
  });
});

describe('the run-wide budget', () => {
  it('books each evaluation to its store; a spent store refuses further queries naming MAX_RUN_QUERY_SAMPLES', () => {
    const store = counters(2);
    const other = counters(2);
    const first = evaluateInstant(store, 'sum(rate(x_total[1h]))', HOUR);
    expect(first.ok).toBe(true);
    expect(runWork(store)).toBe(2 * (241 + 1));
    expect(runWork(other)).toBe(0);
    // What is left of the run's budget is the next evaluation's limit, and running out names the run's.
    const b = budgetFor(store, 1_000, 500);
    expect(b).not.toBeNull();
    expect(() => b?.charge(500 - 484 + 1)).toThrow();
    if (b) book(store, b);
    expect(budgetFor(store, 1_000, 500)).toBeNull();
  });

  it('at the real limits: 50 000 measurements of a 242-sample query over 20 series stop at the run budget', () => {
    const store = counters(20);
    let refusedAt = -1;
    let refusal = '';
    for (let i = 0; i < 50_000; i++) {
      const r = evaluateInstant(store, 'sum(rate(x_total[1h]))', HOUR);
      if (!r.ok) {
        refusedAt = i;
        refusal = r.error;
        break;
      }
    }
    const perEvaluation = 20 * 242;
    expect(refusedAt).toBe(Math.floor(MAX_RUN_QUERY_SAMPLES / perEvaluation));
    expect(refusal).toBe(RUN_BUDGET_MESSAGE);
    expect(refusal).toContain('MAX_RUN_QUERY_SAMPLES');
    expect(evaluateInstant(store, '1 + 1', HOUR)).toEqual({ ok: false, errorType: 'execution', error: RUN_BUDGET_MESSAGE, limit: true });
    expect(evaluateInstant(counters(1), '1 + 1', HOUR).ok).toBe(true);
  });
});

describe('queryCost', () => {
  it('counts per series what the evaluator charges', () => {
    expect(costOf('x')).toBe(1);
    expect(costOf('rate(x[5m])')).toBe(21);
    expect(costOf('sum(rate(x[5m])) / sum(rate(y[5m]))')).toBe(42);
    expect(costOf('count_over_time(sum(rate(x[30m]))[16m:1ms])')).toBe(11 * 960_001 + 960_001 * 121);
    expect(costOf('x[5m:]')).toBe(11 * 21 + 21);
    expect(costOf('rate(x[5m])', 1_000)).toBe(301);
  });
});
