/**
 * src/go's float formatting against Go's table (src/strconv/ftoa_test.go, precision -1) and fmt's
 * documented `%f`.
 */
import { describe, expect, it } from 'vitest';
import { formatGoFixed6, formatGoFloat, goFloatSpecial } from '../../src/go/index.js';
import type { GoFloatFormat } from '../../src/go/index.js';

const below1e23 = 99999999999999974834176;
const above1e23 = 100000000000000008388608;

describe('formatGoFloat (strconv.FormatFloat(v, fmt, -1, 64))', () => {
  it.each([
    [1, 'g', '1'], [20, 'g', '20'], [1234567.8, 'g', '1.2345678e+06'], [200000, 'g', '200000'], [2000000, 'g', '2e+06'],
    [0, 'g', '0'], [-1, 'g', '-1'], [12, 'g', '12'], [123456700, 'g', '1.234567e+08'], [32, 'g', '32'],
    [1e23, 'e', '1e+23'], [1e23, 'f', '100000000000000000000000'], [1e23, 'g', '1e+23'],
    [below1e23, 'e', '9.999999999999997e+22'], [below1e23, 'f', '99999999999999970000000'], [below1e23, 'g', '9.999999999999997e+22'],
    [above1e23, 'e', '1.0000000000000001e+23'], [above1e23, 'f', '100000000000000010000000'], [above1e23, 'g', '1.0000000000000001e+23'],
    [5e-324, 'g', '5e-324'], [-5e-324, 'g', '-5e-324'],
    [NaN, 'g', 'NaN'], [Infinity, 'g', '+Inf'], [-Infinity, 'g', '-Inf'],
    [2.2250738585072012e-308, 'g', '2.2250738585072014e-308'], [2.2250738585072011e-308, 'g', '2.225073858507201e-308'],
    [383260575764816448, 'g', '3.8326057576481645e+17'], [498484681984085570, 'f', '498484681984085570'],
    [-5.8339553793802237e23, 'g', '-5.8339553793802237e+23'],
    // layout edges: 'g' switches at exponent -5 and 6; 'e' pads the exponent to two digits; -0 keeps its sign
    [0.0001, 'g', '0.0001'], [0.00001, 'g', '1e-05'], [123456, 'g', '123456'], [1e100, 'g', '1e+100'],
    [1.5e-7, 'e', '1.5e-07'], [1.5e-7, 'f', '0.00000015'], [0, 'e', '0e+00'], [-0, 'g', '-0'], [-0, 'f', '-0'],
    [0.1, 'f', '0.1'], [123.25, 'f', '123.25'], [-2e22, 'f', '-20000000000000000000000'],
  ] as const)('%s %s ⇒ %s', (v, fmt, want) => {
    expect(formatGoFloat(v, fmt as GoFloatFormat)).toBe(want);
  });
});

describe('formatGoFixed6 (fmt %f)', () => {
  it.each([
    [Math.PI, '3.141593'], [1e6, '1000000.000000'], [1.5, '1.500000'], [-2, '-2.000000'],
    [1e30, '1000000000000000019884624838656.000000'], [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ])('%s ⇒ %s', (v, want) => {
    expect(formatGoFixed6(v)).toBe(want);
  });

  it('differs from Go (kept) on an exact tie at the seventh decimal: rounds up where Go rounds to even', () => {
    expect(formatGoFixed6(0.0078125)).toBe('0.007813'); // Go: 0.007812
  });
});

describe('goFloatSpecial', () => {
  it("spells NaN and the infinities as Go does, and nothing else", () => {
    expect([NaN, Infinity, -Infinity, 0, -0, 1].map(goFloatSpecial)).toEqual(['NaN', '+Inf', '-Inf', undefined, undefined, undefined]);
  });
});
