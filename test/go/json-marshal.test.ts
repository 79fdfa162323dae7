/** Go's encoding/json Marshal of decoded JSON: sorted keys, HTML-safe escapes, float64 layout. */
import { describe, expect, it } from 'vitest';
import { goJsonMarshal } from '../../src/go/index.js';

describe('goJsonMarshal', () => {
  it('sorts map keys and escapes <, >, & as Go does', () => {
    expect(goJsonMarshal({ b: 1, a: '<x&y>' })).toBe('{"a":"\\u003cx\\u0026y\\u003e","b":1}');
  });
  it('writes float64 in Go\'s layout: exponent below 1e-6 and from 1e21, e-7 not e-07', () => {
    expect([0.5, 1e-7, 1.5e-7, 1e20, 1e21, 100].map(goJsonMarshal)).toEqual(['0.5', '1e-7', '1.5e-7', '100000000000000000000', '1e+21', '100']);
  });
  it('arrays, null, booleans', () => {
    expect(goJsonMarshal([true, null, 'a'])).toBe('[true,null,"a"]');
  });
});
