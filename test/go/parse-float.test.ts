/**
 * src/go's ParseFloat against Go's own table (src/strconv/atof_test.go): each input with the value Go
 * returns, printed as Go's FormatFloat(v, 'g', -1, 64) prints it, or Go's error. Rows where a copy
 * differs from Go are listed apart, pinned to what the copy does today (see the functions' docs).
 */
import { describe, expect, it } from 'vitest';
import { formatGoFloat, parseGoFloat, parseGoFloatLenient } from '../../src/go/index.js';

type Row = readonly [input: string, goOut: string, goErr?: 'syntax' | 'range'];

/** Rows of Go's atoftests both readings agree with (inputs with `_` are below: only parseGoFloat takes them). */
const GO_ATOF: readonly Row[] = [
  ['', '0', 'syntax'], ['1', '1'], ['+1', '1'], ['1x', '0', 'syntax'], ['1.1.', '0', 'syntax'],
  ['1e23', '1e+23'], ['1E23', '1e+23'], ['100000000000000000000000', '1e+23'], ['1e-100', '1e-100'],
  ['123456700', '1.234567e+08'], ['99999999999999974834176', '9.999999999999997e+22'],
  ['100000000000000000000001', '1.0000000000000001e+23'], ['100000000000000016777216', '1.0000000000000003e+23'],
  ['-1', '-1'], ['-0.1', '-0.1'], ['-0', '-0'], ['1e-20', '1e-20'], ['625e-3', '0.625'],
  // hexadecimal
  ['0x1p0', '1'], ['0x1p1', '2'], ['0x1p-1', '0.5'], ['0x1ep-1', '15'], ['-0x1ep-1', '-15'],
  ['0x1p-200', '6.223015277861142e-61'], ['0x1p200', '1.6069380442589903e+60'], ['0x1fFe2.p0', '131042'],
  ['0x1fFe2.P0', '131042'], ['-0x2p3', '-16'], ['0x0.fp4', '15'], ['0x0.fp0', '0.9375'],
  ['0x1e2', '0', 'syntax'], ['1p2', '0', 'syntax'],
  // zeros
  ['0', '0'], ['0e0', '0'], ['-0e0', '-0'], ['+0e0', '0'], ['0e+01234567890123456789', '0'],
  ['-0.00e-01234567890123456789', '-0'], ['0e347', '0'], ['-0e348', '-0'],
  // NaN and infinities
  ['nan', 'NaN'], ['NaN', 'NaN'], ['NAN', 'NaN'], ['inf', '+Inf'], ['-Inf', '-Inf'], ['+INF', '+Inf'],
  ['-Infinity', '-Inf'], ['+INFINITY', '+Inf'], ['Infinity', '+Inf'],
  // largest float64 and borderline
  ['1.7976931348623157e308', '1.7976931348623157e+308'], ['-1.7976931348623157e308', '-1.7976931348623157e+308'],
  ['0x1.fffffffffffffp1023', '1.7976931348623157e+308'], ['0x1fffffffffffffp+971', '1.7976931348623157e+308'],
  ['1.7976931348623158e308', '1.7976931348623157e+308'], ['1e308', '1e+308'],
  // denormals
  ['1e-305', '1e-305'], ['1e-310', '1e-310'], ['1e-322', '1e-322'], ['5e-324', '5e-324'], ['4e-324', '5e-324'],
  ['3e-324', '5e-324'], ['2e-324', '0'], ['1e-350', '0'], ['1e-400000', '0'], ['1e-4294967296', '0'],
  ['0x2.00000000000000p-1010', '1.8227805048890994e-304'], ['0x1.fffffffffffff0p-1010', '1.8227805048890992e-304'],
  ['0x0.00000000000008p-1022', '0'], ['0x1p-4294967296', '0'],
  // parse errors
  ['1e', '0', 'syntax'], ['1e-', '0', 'syntax'], ['.e-1', '0', 'syntax'], ['1\x00.2', '0', 'syntax'], ['0x', '0', 'syntax'],
  ['0x.', '0', 'syntax'], ['0x1', '0', 'syntax'], ['0x.1', '0', 'syntax'], ['0x1p', '0', 'syntax'], ['0x.1p', '0', 'syntax'],
  ['0x1p+', '0', 'syntax'], ['0x1p-', '0', 'syntax'], ['0x1p+2', '4'], ['0x.1p+2', '0.25'], ['0x1p-2', '0.25'], ['0x.1p-2', '0.015625'],
  // hard decimal cases and round-to-even
  ['2.2250738585072012e-308', '2.2250738585072014e-308'], ['2.2250738585072011e-308', '2.225073858507201e-308'],
  ['4.630813248087435e+307', '4.630813248087435e+307'], ['22.222222222222222', '22.22222222222222'],
  ['0x1.1111111111111p222', '7.18931911124017e+66'], ['0x2.2222222222222p221', '7.18931911124017e+66'],
  ['1.00000000000000011102230246251565404236316680908203125', '1'], ['0x1.00000000000008p0', '1'],
  ['1.00000000000000011102230246251565404236316680908203126', '1.0000000000000002'], ['0x1.00000000000009p0', '1.0000000000000002'],
  ['0x1.00000000000018p0', '1.0000000000000004'],
];

/** Go's out-of-range rows: Go returns ±Inf with ErrRange. */
const GO_RANGE: readonly Row[] = [
  ['1.7976931348623159e308', '+Inf', 'range'], ['-1.7976931348623159e308', '-Inf', 'range'], ['0x1p1024', '+Inf', 'range'],
  ['0x2p1023', '+Inf', 'range'], ['0x.1p1028', '+Inf', 'range'], ['1.797693134862315808e308', '+Inf', 'range'],
  ['0x1.fffffffffffff8p1023', '+Inf', 'range'], ['2e308', '+Inf', 'range'], ['1e309', '+Inf', 'range'], ['-1e400', '-Inf', 'range'],
  ['1e400000', '+Inf', 'range'], ['0x1p2000', '+Inf', 'range'], ['-0x1p2000000000', '-Inf', 'range'], ['1e+4294967296', '+Inf', 'range'],
];

/** Go's underscore rows. */
const GO_UNDERSCORES: readonly Row[] = [
  ['1_23.50_0_0e+1_2', '1.235e+14'], ['-0x1_ep-1', '-15'], ['0x_1_2.3_4_5p+1_2', '74565'],
  ['-_123.5e+12', '0', 'syntax'], ['_123.5e+12', '0', 'syntax'], ['1__23.5e+12', '0', 'syntax'], ['123_.5e+12', '0', 'syntax'],
  ['123._5e+12', '0', 'syntax'], ['123.5_e+12', '0', 'syntax'], ['123.5e_+12', '0', 'syntax'], ['123.5e+1__2', '0', 'syntax'],
  ['123.5e+12_', '0', 'syntax'], ['_0x12.345p+12', '0', 'syntax'], ['0x__12.345p+12', '0', 'syntax'], ['0x12._345p+12', '0', 'syntax'],
  ['0x12.345p_+12', '0', 'syntax'], ['0x12.345p+12_', '0', 'syntax'],
];

const goText = (s: string, out: string, err?: 'syntax' | 'range'): string =>
  err === undefined ? out : `strconv.ParseFloat: parsing ${goQuoteForTest(s)}: ${err === 'syntax' ? 'invalid syntax' : 'value out of range'}`;
/** The inputs above need only `\x00` escaped (strconv.Quote's spelling). */
const goQuoteForTest = (s: string): string => `"${s.replace('\x00', '\\x00')}"`;
const cases = (rows: readonly Row[]): Array<{ s: string; out: string; err: Row[2] }> => rows.map(([s, out, err]) => ({ s, out, err }));
const show = (r: number | string | null): string => (r === null ? 'null' : typeof r === 'string' ? r : formatGoFloat(r, 'g'));

describe('parseGoFloat (strconv.ParseFloat, Go errors)', () => {
  it.each(cases([...GO_ATOF, ...GO_RANGE, ...GO_UNDERSCORES]))('$s ⇒ $out $err', ({ s, out, err }) => {
    expect(show(parseGoFloat(s))).toBe(goText(s, out, err));
  });

  it('refuses a signed NaN, as Go does', () => {
    expect(parseGoFloat('-nan')).toBe('strconv.ParseFloat: parsing "-nan": invalid syntax');
  });

  // Hex floats past 53 bits or whose scale leaves float64: kept as they were (Go's value in the comment).
  it.each([
    ['0x1.000000000000081p0', '1'], // Go 1.0000000000000002
    ['0x1.00000000000000p-1022', '0'], // Go 2.2250738585072014e-308
    ['0x0.00000000000010p-1022', '0'], // Go 5e-324
    ['0x0p1024', 'strconv.ParseFloat: parsing "0x0p1024": invalid syntax'], // Go 0
  ])('differs from Go (kept): %s ⇒ %s', (s, today) => {
    expect(show(parseGoFloat(s))).toBe(today);
  });
});

describe('parseGoFloatLenient (the metrics and PromQL reading)', () => {
  it.each(cases(GO_ATOF))('$s ⇒ $out $err', ({ s, out, err }) => {
    expect(show(parseGoFloatLenient(s))).toBe(err === 'syntax' ? 'null' : out);
  });

  it.each(cases(GO_RANGE))('$s ⇒ $out with no error', ({ s, out }) => {
    expect(show(parseGoFloatLenient(s))).toBe(out);
  });

  it('refuses every underscore, even where Go allows one', () => {
    for (const [s] of GO_UNDERSCORES) expect(parseGoFloatLenient(s)).toBeNull();
  });

  it('accepts a signed NaN (Go does not)', () => {
    expect(parseGoFloatLenient('-nan')).toBeNaN();
    expect(parseGoFloatLenient('+NaN')).toBeNaN();
  });

  // Hex floats at the edges: kept as they were (Go's value in the comment).
  it.each([
    ['0x1.fffffffffffff7p-1010', '1.8227805048890994e-304'], // Go 1.8227805048890992e-304
    ['0x.1fffffffffffffp1027', '+Inf'], // Go 1.7976931348623157e+308
    ['0x1.fffffffffffff7fffp1023', '+Inf'], // Go 1.7976931348623157e+308
    ['0x0p1024', 'NaN'], // Go 0
  ])('differs from Go (kept): %s ⇒ %s', (s, today) => {
    expect(show(parseGoFloatLenient(s))).toBe(today);
  });
});
