/**
 * Parser behaviour and error messages (Prometheus 2.42 wording and `line:col` positions).
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { evaluateInstant, parsePromQL } from '../../src/promql/index.js';
import { formatGoFloat } from '../../src/go/index.js';
import { formatValue, toArgoValue } from '../../src/promql/format.js';

const store = createMetricStore();
const x = store.seriesRef({ __name__: 'x', pod: 'a' });
store.append(x, 0, 1);

function errorOf(q: string): string {
  const r = parsePromQL(q);
  return r.ok ? 'OK' : r.error;
}

function scalar(q: string): string {
  const r = evaluateInstant(store, q, 1000);
  if (!r.ok || r.data.resultType !== 'scalar') throw new Error(`${q}: ${JSON.stringify(r)}`);
  return r.data.result[1];
}

describe('parsePromQL errors', () => {
  it.each([
    ['sum(rate(x[5m])', '1:16: parse error: unclosed left parenthesis'],
    ['x)', '1:3: parse error: unexpected right parenthesis \')\''],
    ['x[5m', '1:5: parse error: unclosed left bracket'],
    ['x{a="b"', '1:8: parse error: unexpected end of input inside braces'],
    ['x{a="b}', '1:5: parse error: unterminated quoted string'],
    ['x[5]', '1:3: parse error: missing unit character in duration'],
    ['rate(x[5m] offset 1x)', '1:19: parse error: bad number or duration syntax: "1"'],
    ['x $ 1', '1:3: parse error: unexpected character: \'$\''],
    ['', '1:1: parse error: no expression found in input'],
    ['# only a comment', '1:1: parse error: no expression found in input'],
    ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['x + bool x', '1:3: parse error: bool modifier can only be used on comparison operators'],
    ['limitk(2, x)', '1:1: parse error: unknown function with name "limitk"'],
    ['mad_over_time(x[5m])', '1:1: parse error: unknown function with name "mad_over_time"'],
    ['sum(x) offset 5m', '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['x offset 5m offset 1m', '1:1: parse error: offset may not be set multiple times'],
    ['x offset 5m [5m]', '1:13: parse error: no offset modifiers allowed before range'],
    ['rate(sum(x)[5m])', '1:12: parse error: ranges only allowed for vector selectors'],
    ['topk("a", x)', '1:6: parse error: expected type scalar in aggregation parameter, got string'],
    ['count_values(1, x)', '1:14: parse error: expected type string in aggregation parameter, got scalar'],
    ['rate(x)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['histogram_quantile(0.9, x[5m])', '1:25: parse error: expected type instant vector in call to function "histogram_quantile", got range vector'],
    ['{code=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['x{code=~"5(.."}', '1:3: parse error: error parsing regexp: missing closing ): `^(?:5(..)$`'],
    ['x{code=~"*"}', '1:3: parse error: error parsing regexp: missing argument to repetition operator: `*`'],
    ['clamp_max(x, "a")', '1:14: parse error: expected type scalar in call to function "clamp_max", got string'],
    ['x[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['round(x, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['vector()', '1:1: parse error: expected 1 argument(s) in call to "vector", got 0'],
    ['sum()', '1:1: parse error: no arguments for aggregate expression provided'],
    ['x and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['1 + on(a) x', '1:1: parse error: vector matching only allowed between instant vectors'],
    ['x{__name__="y"}', '1:1: parse error: metric name must not be set twice: "x" or "y"'],
    ['x[0s]', '1:3: parse error: duration must be greater than 0'],
    ['1 2', '1:3: parse error: unexpected number "2"'],
    ['x == ', '1:6: parse error: unexpected end of input'],
  ])('%s ⇒ %s', (q, msg) => {
    expect(errorOf(q)).toBe(msg);
  });

  it('prefixes API errors like Prometheus and classifies run-time errors as execution', () => {
    expect(evaluateInstant(store, '1 > 2', 0)).toEqual({
      ok: false, errorType: 'bad_data',
      error: 'invalid parameter "query": 1:3: parse error: comparisons between scalars must use BOOL modifier',
    });
    const r = evaluateInstant(store, 'label_replace(x, "a", "$1", "pod", "(")', 1000);
    expect(r).toEqual({ ok: false, errorType: 'execution', error: 'invalid regular expression in label_replace(): (' });
  });
});

describe('parsePromQL accepts 2.42 syntax', () => {
  it.each([
    ['-2 ^ 2', '-4'], ['2 ^ 3 ^ 2', '512'], ['-5 % 3', '-2'], ['5.5 % -2', '1.5'], ['010', '8'], ['0x10 + 1e-3', '16.001'],
    ['1 + 2 * 3', '7'], ['(1 + 2) * 3', '9'], ['2 * -3 ^ 2', '-18'], ['Inf', '+Inf'], ['-inf', '-Inf'], ['NaN', 'NaN'],
    ['1 == bool 1', '1'], ['2 <= bool 1', '0'], ['0 * -1', '-0'], ['1 / 0', '+Inf'], ['time()', '1'],
    ['scalar(x)', '1'], ['SUM(x) > bool 0 * 0 + 1', 'NaN'],
  ])('%s = %s', (q, v) => {
    if (q.startsWith('SUM')) {
      expect(parsePromQL(q).ok).toBe(true);
      return;
    }
    expect(scalar(q)).toBe(v);
  });

  it('parses holt_winters, @, subqueries and comments', () => {
    for (const q of ['holt_winters(x[10m], 0.5, 0.5)', 'x @ 100', 'x @ start()', 'max_over_time(x[10m:1m] offset 1m)', 'x # comment\n+ 1']) {
      expect(parsePromQL(q).ok, q).toBe(true);
    }
  });
});

describe('value formatting', () => {
  it('formats like Prometheus', () => {
    expect([0.5, 1.5e-7, -9.5e-7, 1e21, 2.0000000000001235e21, 0.000001, 999999999999999900000, -0, NaN, Infinity, -Infinity].map(formatValue))
      .toEqual(['0.5', '1.5e-07', '-9.5e-07', '1e+21', '2.0000000000001235e+21', '0.000001', '999999999999999900000', '-0', 'NaN', '+Inf', '-Inf']);
    expect([1e21, 1.5e-7, 123.25, -2e22].map((v) => formatGoFloat(v, 'f'))).toEqual(['1000000000000000000000', '0.00000015', '123.25', '-20000000000000000000000']);
  });

  it('hands Argo what its prometheus provider would', () => {
    expect(toArgoValue({ resultType: 'vector', result: [] })).toEqual({ ok: true, value: [] });
    expect(toArgoValue({ resultType: 'vector', result: [{ metric: {}, value: [1, 'NaN'] }, { metric: {}, value: [1, '+Inf'] }] }))
      .toEqual({ ok: true, value: [NaN, Infinity] });
    expect(toArgoValue({ resultType: 'scalar', result: [1, '0.25'] })).toEqual({ ok: true, value: 0.25 });
    expect(toArgoValue({ resultType: 'string', result: [1, 'x'] }).ok).toBe(false);
  });
});

describe('resource guard', () => {
  it('refuses subqueries with millions of steps instead of stalling', () => {
    const r = evaluateInstant(store, 'max_over_time(x[1y:1s])', 1000);
    expect(r).toEqual({ ok: false, errorType: 'execution', limit: true, error: expect.stringContaining("query refused by rollout-sim's work budget: one evaluation may touch at most 50,000,000 samples (MAX_QUERY_SAMPLES") });
  });
});
