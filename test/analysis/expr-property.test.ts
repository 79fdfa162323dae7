/**
 * Properties of the condition language over generated input: arbitrary strings never throw (they
 * compile or return an error value), generated well-formed conditions always terminate with a
 * value or an error (memory and step budgets), and results are deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  evalCondition,
  float64Vector,
  fromJson,
  goInt,
  resultTypeOf,
  runProgram,
} from '../../src/analysis/expr/index.js';
import type { ExprValue } from '../../src/analysis/expr/index.js';

/** Results as Argo's providers produce them. */
const resultArb: fc.Arbitrary<ExprValue> = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer().map((n) => goInt(n)),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.array(fc.double(), { maxLength: 6 }).map(float64Vector),
  fc.json({ depthSize: 'small' }).map((s) => fromJson(JSON.parse(s) as unknown)),
);

const TOKENS = [
  'result', 'result[0]', 'result[-1]', 'result.ok', 'result?.x', '#', '#index', '#acc', '.x', '1', '0', '-1', '0.5', '1e3',
  'NaN', '"a"', "'b'", 'nil', 'true', 'false', '(', ')', '[', ']', '{', '}', ',', ':', ';', '?', '??', '?.', '.', '..', '+',
  '-', '*', '/', '%', '**', '^', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', 'not', 'and', 'or', 'in', 'not in',
  'matches', 'contains', 'startsWith', 'endsWith', '|', 'let x =', 'x', 'if', 'else', 'len(', 'all(', 'any(', 'map(',
  'filter(', 'count(', 'sum(', 'max(', 'mean(', 'first(', 'reduce(', 'isNaN(', 'asInt(', 'asFloat(', 'default(', 'isNil(',
  'string(', 'type(', 'upper(', 'split(', 'abs(', 'round(', 'sort(', '1..3', '0..999999',
];

/** Token soup: mostly malformed, sometimes valid. */
const soupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((ts) => ts.join(' '));

/** Well-typed conditions over a `[]float64` result: nested predicates, ranges, aggregates. */
const typed = fc.letrec<{ arr: string; num: string; bool: string }>((tie) => ({
  arr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant('result'),
    fc.nat(60).map((n) => `(0..${n})`),
    fc.tuple(tie('arr'), tie('num')).map(([a, n]) => `map(${a}, {# * ${n}})`),
    fc.tuple(tie('arr'), tie('num')).map(([a, n]) => `filter(${a}, {# < ${n}})`),
  ),
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '0', '0.5', '-2', 'result[0]', 'result[-1]'),
    tie('arr').map((a) => `len(${a})`),
    fc.tuple(tie('arr'), tie('num')).map(([a, n]) => `count(${a}, {# > ${n}})`),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/', '**'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('first', 'max', 'min', 'mean', 'sum'), tie('arr')).map(([f, a]) => `${f}(${a})`),
    tie('arr').map((a) => `reduce(${a}, #acc + #, 0)`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '==', '!=', '>'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('all', 'any', 'none', 'one'), tie('arr'), tie('num')).map(([f, a, n]) => `${f}(${a}, {# < ${n}})`),
    fc.tuple(tie('bool'), fc.constantFrom('&&', '||', 'and', 'or'), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((b) => `!${b}`),
    fc.tuple(tie('num'), tie('arr')).map(([n, a]) => `(${n} in ${a})`),
  ),
}));

function outcome(source: string, result: ExprValue): unknown {
  const compiled = compileCondition(source, resultTypeOf(result));
  if (!compiled.ok) return { compileError: compiled.error };
  const ran = runProgram(compiled.program, result);
  return ran.ok ? { ok: true } : { runError: ran.error };
}

describe('expr properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), resultArb, (source, result) => {
        expect(() => evalCondition(source, result)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on token soup', () => {
    fc.assert(
      fc.property(soupArb, resultArb, (source, result) => {
        const r = evalCondition(source, result);
        expect('ok' in r || 'error' in r).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('terminates on generated well-typed conditions, deterministically, mostly with a value', () => {
    let ran = 0;
    fc.assert(
      fc.property(typed.bool, fc.array(fc.double(), { maxLength: 30 }), (source, values) => {
        const result = float64Vector(values);
        const first = outcome(source, result);
        expect(first).not.toHaveProperty('compileError');
        if ('ok' in (first as object)) ran++;
        expect(outcome(source, result)).toEqual(first);
      }),
      { numRuns: 1500 },
    );
    expect(ran).toBeGreaterThan(500);
  });

  it('reports errors only as messages (compile errors are strings without position)', () => {
    fc.assert(
      fc.property(soupArb, (source) => {
        const r = compileCondition(source, resultTypeOf(float64Vector([0.5])));
        if (!r.ok) {
          expect(r.error.length).toBeGreaterThan(0);
          expect(r.error).not.toMatch(/\(\d+:\d+\)/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
