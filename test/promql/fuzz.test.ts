/**
 * Property tests: the evaluator never throws to its caller, whatever the query (random text or random
 * well-formed PromQL), and well-formed queries keep Prometheus' invariants (no duplicate label sets,
 * values formatted as the API does).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { evaluateInstant } from '../../src/promql/index.js';

const store = createMetricStore();
for (const pod of ['a', 'b']) {
  for (const code of ['200', '500']) {
    const r = store.seriesRef({ __name__: 'req_total', pod, code });
    for (let t = 0; t <= 600_000; t += 15_000) store.append(r, t, t / 1000 + (code === '500' ? 1 : 10));
  }
  for (const le of ['0.1', '1', '+Inf']) {
    const r = store.seriesRef({ __name__: 'lat_bucket', pod, le });
    for (let t = 0; t <= 600_000; t += 15_000) store.append(r, t, (t / 1000) * (le === '0.1' ? 1 : le === '1' ? 2 : 3));
  }
}
const gone = store.seriesRef({ __name__: 'req_total', pod: 'c', code: '200' });
store.append(gone, 0, 5);
store.markStale(gone, 15_000);

const selector = fc.constantFrom('req_total', 'req_total{code="500"}', 'req_total{pod=~"a|c"}', 'lat_bucket', '{__name__=~"req.*"}', 'nothing');
const range = fc.constantFrom('[1m]', '[5m]', '[15s]', '[10m:1m]', '[2m] offset 1m');
const scalarLit = fc.constantFrom('0', '1', '-1', '0.5', 'NaN', 'Inf', '2');

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    scalarLit,
    fc.tuple(fc.constantFrom('rate', 'increase', 'irate', 'delta', 'max_over_time', 'changes', 'absent_over_time'), selector, range)
      .map(([f, s, r]) => `${f}(${s}${r})`),
    fc.tuple(fc.constantFrom('sum', 'avg', 'max', 'count', 'stddev', 'group'), fc.constantFrom('', ' by (pod)', ' without (code)'), tie('e'))
      .map(([a, g, e]) => `${a}${g} (${e})`),
    fc.tuple(fc.constantFrom('topk', 'bottomk', 'quantile'), scalarLit, tie('e')).map(([a, p, e]) => `${a}(${p}, ${e})`),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '^', '>', '== bool', 'and', 'or', 'unless', '/ on(pod)', '* ignoring(code) group_left'), tie('e'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(fc.constantFrom('abs', 'sort_desc', 'scalar', 'vector', 'absent', 'timestamp', 'round', 'ln'), tie('e')).map(([f, e]) => `${f}(${e})`),
    tie('e').map((e) => `histogram_quantile(0.9, sum by (le) (${e}))`),
    tie('e').map((e) => `label_replace(${e}, "x", "$1", "pod", "(.)")`),
  ),
})).e;

function check(q: string, t: number): void {
  let res: ReturnType<typeof evaluateInstant> | undefined;
  expect(() => (res = evaluateInstant(store, q, t))).not.toThrow();
  if (!res) return;
  if (!res.ok) {
    expect(['bad_data', 'execution']).toContain(res.errorType);
    expect(res.error).not.toMatch(/internal evaluator error/);
    return;
  }
  if (res.data.resultType === 'vector') {
    const keys = res.data.result.map((e) => JSON.stringify(e.metric));
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of res.data.result) expect(e.value[1]).toMatch(/^(NaN|[+-]Inf|-?\d+(\.\d+)?(e[+-]\d\d+)?)$/);
  }
}

describe('PromQL fuzz', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (q) => check(q, 300_000)), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('sum', '(', ')', 'x', '[5m]', '{', '}', 'a="b"', ',', ' by ', '+', '-', '1', '@', 'offset', ':', '"'), { maxLength: 12 }),
        (parts) => check(parts.join(''), 300_000)),
      { numRuns: 1000 },
    );
  });

  it('evaluates random well-formed queries without internal errors', () => {
    fc.assert(fc.property(expr, fc.integer({ min: -60_000, max: 900_000 }), (q, t) => check(q, t)), { numRuns: 400 });
  });
});
