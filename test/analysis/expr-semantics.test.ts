/**
 * Focused behaviour of the condition language beyond the oracle lines: Go typing of values,
 * built-ins, Argo's helpers, folding/short-circuit rules and run-time error texts taken from
 * expr v1.17.8's sources (`vm/runtime`, `builtin/lib.go`, `checker`).
 */
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  evalCondition,
  float64Vector,
  formatValue,
  goInt,
  goTypeName,
  resultTypeOf,
  runProgram,
} from '../../src/analysis/expr/index.js';
import type { ExprValue } from '../../src/analysis/expr/index.js';

/** Runs a condition and renders the outcome as `<Go type> <%v>` or `compile: ...` / `run: ...`. */
function run(condition: string, result: ExprValue = null): string {
  const compiled = compileCondition(condition, resultTypeOf(result));
  if (!compiled.ok) return `compile: ${compiled.error}`;
  const ran = runProgram(compiled.program, result);
  return ran.ok ? `${goTypeName(ran.value)} ${formatValue(ran.value)}` : `run: ${ran.error}`;
}

const vec = float64Vector;

describe('numbers keep Go types', () => {
  it.each<[string, ExprValue, string]>([
    ['1 + 2 * 3', null, 'int 7'],
    ['7 / 2', null, 'float64 3.5'],
    ['result / 2', goInt(7), 'float64 3.5'],
    ['1 / 0', null, 'float64 +Inf'],
    ['result % 2', goInt(7), 'int 1'],
    ['result % 0', goInt(7), 'run: runtime error: integer divide by zero'],
    ['7 % 0', null, 'compile: integer divide by zero'],
    ['result % 2', 7, 'compile: invalid operation: % (mismatched types float64 and int)'],
    ['2 ** 10', null, 'float64 1024'],
    ['result ^ 2', goInt(3), 'float64 9'],
    ['9223372036854775807 + 1', null, 'int -9223372036854775808'],
    ['result + 1', goInt(3, 'int64'), 'int 4'],
    ['-result', goInt(3, 'int64'), 'int64 -3'],
    ['result == 1', 1, 'bool true'],
    ['0.1 + 0.2 == 0.3', null, 'bool false'],
    ['string(1000000.0) + " " + string(0.0001) + " " + string(0.00001)', null, 'string 1e+06 0.0001 1e-05'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('Argo helpers', () => {
  it.each<[string, ExprValue, string]>([
    ['asInt("42")', null, 'int64 42'],
    ['asInt(2.9)', null, 'int64 2'],
    ['asInt(result)', NaN, 'int64 -9223372036854775808'],
    ['asInt("9223372036854775808")', null, 'run: strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    ['asInt(result)', { a: true }, 'run: asInt() not supported on map[string]interface {} map[a:true]'],
    ['asFloat("1e-3")', null, 'float64 0.001'],
    ['asFloat("inf")', null, 'float64 +Inf'],
    ['asFloat(true)', null, 'run: asFloat() not supported on bool true'],
    ['isNaN(1)', null, 'bool false'],
    ['isInf(1 / 0)', null, 'bool true'],
    ['isNaN(len(result))', vec([1]), 'run: interface conversion: interface {} is int, not float64'],
    ['isNaN(result.x)', {}, 'run: interface conversion: interface {} is nil, not float64'],
    ['isNaN(1, 2)', null, 'compile: too many arguments to call isNaN'],
    ['isNil(42)', vec([]), 'bool false'],
    ['default(nil, 7)', null, 'int 7'],
    ['default(result, 7)', vec([]), '[]float64 []'],
    ['default(result, 7)', 0.5, 'float64 0.5'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('short-circuits and folding', () => {
  it.each<[string, ExprValue, string]>([
    ['len(result) == 0 || result[0] < 0.01', vec([]), 'bool true'],
    ['result[0] > 0.01 or len(result) == 0', vec([]), 'run: index out of range: 0 (array length is 0)'],
    ['result[0] > 1 || true', vec([]), 'bool true'],
    ['result.x && true', {}, '<nil> <nil>'],
    ['result.x || false', {}, '<nil> <nil>'],
    ['result.x && result.y', { x: true, y: 'no' }, 'string no'],
    ['result.x && result.y', { y: true }, 'run: interface conversion: interface {} is nil, not bool'],
    ['!result.x', {}, 'run: interface conversion: interface {} is nil, not bool'],
    ['result.x ? 1 : 2', {}, 'run: interface conversion: interface {} is nil, not bool'],
    ['result ?? 0.5', null, 'float64 0.5'],
    ['result?.a.b', {}, 'run: cannot fetch b from <nil>'],
    ['result.a?.b', {}, '<nil> <nil>'],
    ['result.a.b', {}, 'run: cannot fetch b from <nil>'],
    ['result in 0..100000000', goInt(5), 'bool true'],
    ['result in 0..100000000', 5, 'run: memory budget exceeded'],
    ['filter(result, # > 5)[0]', vec([1]), 'run: reflect: slice index out of range'],
    ['first(filter(result, # > 5))', vec([1]), '<nil> <nil>'],
    ['result.x contains "a"', {}, 'bool false'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('collections and built-ins', () => {
  it.each<[string, ExprValue, string]>([
    ['result[-1]', vec([1, 2]), 'float64 2'],
    ['result[-3]', vec([1, 2]), 'run: index out of range: -1 (array length is 2)'],
    ['result[1:]', vec([1, 2, 3]), '[]float64 [2 3]'],
    ['result[5:9]', vec([1, 2, 3]), '[]float64 []'],
    ['"héllo"[1:3]', null, 'string é'],
    ['len("héllo")', null, 'int 6'],
    ['1..3', null, '[]int [1 2 3]'],
    ['3..1', null, '[]int []'],
    ['map(result, {# * 2})', vec([1, 2]), '[]interface {} [2 4]'],
    ['map(result, #index)', vec([5, 6]), '[]interface {} [0 1]'],
    ['filter(result, #index > 0)', vec([5, 6]), 'compile: unknown pointer #index'],
    ['filter(result, .ok)', [{ ok: true }, { ok: false }], '[]interface {} [map[ok:true]]'],
    ['count(result)', [true, false, true], 'int 2'],
    ['one(result, # > 1)', vec([1, 2, 3]), 'bool false'],
    ['sum(result)', vec([0.95, 0.99]), 'float64 1.94'],
    ['sum(result)', vec([]), 'int 0'],
    ['sum(["a"])', null, 'run: invalid operation: string + int'],
    ['find(result, # > 1)', vec([1, 2, 3]), 'float64 2'],
    ['findIndex(result, # > 5)', vec([1]), '<nil> <nil>'],
    ['findLast(result, # < 3)', vec([1, 2, 3]), 'float64 2'],
    ['reduce(result, #acc + #, 10)', vec([1, 2, 3]), 'float64 16'],
    ['reduce([], #acc)', null, 'run: reflect: slice index out of range'],
    ['all(result, {# * 2})', vec([1]), 'compile: predicate should return boolean (got float64)'],
    ['all(result.x, # > 0)', {}, 'run: reflect: call of reflect.Value.Len on zero Value'],
    ['max(result)', vec([]), '<nil> <nil>'],
    ['max(1, 2.5, 2)', null, 'float64 2.5'],
    ['min(result)', vec([3, 1, 2]), 'float64 1'],
    ['max(["a"])', null, 'run: invalid argument for max (type string)'],
    ['mean(result)', vec([]), 'float64 0'],
    ['median([4, 1, 3, 2])', null, 'float64 2.5'],
    ['abs(-3)', null, 'int 3'],
    ['ceil(result)', goInt(2), 'float64 2'],
    ['round(-2.5)', null, 'float64 -3'],
    ['int("7")', null, 'int 7'],
    ['int("7.5")', null, 'run: invalid operation: int(7.5)'],
    ['float("abc")', null, 'run: invalid operation: float(abc)'],
    ['string([1, 2.5, "a", nil])', null, 'string [1 2.5 a <nil>]'],
    ['string(result)', { b: 1, a: [1, 'x'] }, 'string map[a:[1 x] b:1]'],
    ['type(result)', goInt(1, 'int64'), 'string int'],
    ['type(1..2)', null, 'string array'],
    ['len(nil)', null, 'compile: invalid argument for len (type %!s(<nil>))'],
    ['len(result)', 0.5, 'compile: invalid argument for len (type float64)'],
    ['first(result)', vec([]), '<nil> <nil>'],
    ['last(result)', vec([1, 2]), 'float64 2'],
    ['get(result, 5)', vec([1]), '<nil> <nil>'],
    ['take(result, 2)', vec([1, 2, 3]), '[]float64 [1 2]'],
    ['keys(result)', { b: 1, a: 2 }, '[]interface {} [a b]'],
    ['reverse([1, 2, 3])', null, '[]interface {} [3 2 1]'],
    ['uniq([1, 1.0, 2])', null, '[]interface {} [1 2]'],
    ['concat([1], result)', vec([2]), '[]interface {} [1 2]'],
    ['flatten([[1, [2]], 3])', null, '[]interface {} [1 2 3]'],
    ['sort(result, "desc")', vec([1, 3, 2]), '[]interface {} [3 2 1]'],
    ['bitand(6, 3) + bitshl(1, 3) + bitnot(0)', null, 'int 9'],
    ['now()', null, 'compile: builtin now is not supported by rollout-sim'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('strings', () => {
  it.each<[string, ExprValue, string]>([
    ['upper(result) + lower("AB")', 'ab', 'string ABab'],
    ['upper(result)', 1, 'compile: cannot use float64 as argument (type string) to call upper '],
    ['upper(nil)', null, 'compile: cannot use nil as argument (type string) to call upper'],
    ['trim("  x  ") + trim("xxyxx", "x")', null, 'string xy'],
    ['split("a,b,c", ",")', null, '[]string [a b c]'],
    ['split("a,b,c", ",", 2)', null, '[]string [a b,c]'],
    ['join(split("a,b", ","), "-")', null, 'string a-b'],
    ['replace("aaa", "a", "b", 2)', null, 'string bba'],
    ['indexOf("héllo", "l")', null, 'int 3'],
    ['hasPrefix(result, "ab") && hasSuffix(result, "bc")', 'abc', 'bool true'],
    ['result matches "^a.c$"', 'abc', 'bool true'],
    ['result matches "("', 'a', 'compile: error parsing regexp: missing closing ): `(`'],
    ['result startsWith "a" && result endsWith "c" && result contains "b"', 'abc', 'bool true'],
    ['result < "b"', 'abc', 'bool true'],
    ['"successful" in result', { successful: false }, 'bool true'],
    ['1 in result', { a: 1 }, 'compile: cannot use int as type string in map key'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('equality follows runtime.Equal', () => {
  it.each<[string, ExprValue, string]>([
    ['result == [0, 1]', vec([0, 1]), 'bool true'],
    ['0..1 == result', vec([0, 1]), 'bool false'],
    ['result == result', vec([NaN]), 'bool false'],
    ['result == {"a": 1}', { a: 1 }, 'bool false'],
    ['result == {"a": 1.0}', { a: 1 }, 'bool true'],
    ['result == nil', vec([]), 'bool false'],
    ['nil == nil', null, 'bool true'],
    ['result == "x"', 1, 'compile: invalid operation: == (mismatched types float64 and string)'],
  ])('%s with %o', (condition, result, expected) => {
    expect(run(condition, result)).toBe(expected);
  });
});

describe('evalCondition (Argo)', () => {
  it('requires a bool', () => {
    expect(evalCondition('result < 0.01', 0.004)).toEqual({ ok: true });
    expect(evalCondition('len(result)', vec([1, 2]))).toEqual({ error: 'expected bool, but got int' });
    expect(evalCondition('result', null)).toEqual({ error: 'expected bool, but got <nil>' });
    expect(evalCondition('asInt("1")', null)).toEqual({ error: 'expected bool, but got int64' });
    expect(evalCondition('split("a", ",")', null)).toEqual({ error: 'expected bool, but got []string' });
  });

  it('returns errors as values for deeply nested input', () => {
    expect(evalCondition('('.repeat(50_000) + 'true' + ')'.repeat(50_000), null)).toEqual({
      error: 'expression is too deeply nested',
    });
  });
});

describe('optimizer passes that change behaviour', () => {
  it('turns `int in a..b` into two comparisons, also after folding the left side', () => {
    expect(run('(1 + 2) in 0..100000000')).toBe('bool true');
    expect(run('result in 0..100000000', goInt(-1))).toBe('bool false');
  });
});
