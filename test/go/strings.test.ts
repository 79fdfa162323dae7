/**
 * src/go's UTF-8 view of strings, Go's string order and Go's float64 → int64 conversion, with the
 * values Go gives (`len(s)`, `[]byte(s)`, `string(b)`, `a < b`, `int64(f)` on amd64).
 */
import { describe, expect, it } from 'vitest';
import { cmpBytes, compareCodePoints, floatToInt64, utf8Decode, utf8Encode, utf8Length } from '../../src/go/index.js';

describe('UTF-8', () => {
  it('measures and encodes as Go stores strings', () => {
    expect(['', 'héllo', '€', '😀'].map(utf8Length)).toEqual([0, 6, 3, 4]);
    expect(utf8Encode('a€😀')).toEqual([0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(utf8Encode('\ud800')).toEqual([0xef, 0xbf, 0xbd]); // a lone surrogate is stored as U+FFFD
  });

  it('decodes, turning each invalid byte into U+FFFD', () => {
    expect(utf8Decode([0xc3, 0xa9])).toBe('é');
    expect(utf8Decode([0x61, 0xff, 0x62])).toBe('a\ufffdb');
    expect(utf8Decode([0xe2, 0x82])).toBe('\ufffd\ufffd');
  });
});

describe("Go's string order", () => {
  const pairs: Array<[string, string, number]> = [
    ['a', 'b', -1], ['Z', 'a', -1], ['ab', 'a', 1], ['', '', 0], ['\uffff', '😀', -1], ['😀', '\ue000', 1], ['é', 'z', 1],
  ];
  it.each(pairs)('%j vs %j: sign %d in both comparators', (a, b, sign) => {
    expect(Math.sign(cmpBytes(a, b))).toBe(sign);
    expect(compareCodePoints(a, b)).toBe(sign);
  });

  it('they differ only on lone surrogates, text no Go string holds', () => {
    expect(Math.sign(cmpBytes('\ud800', '\ue000'))).toBe(1);
    expect(compareCodePoints('\ud800', '\ue000')).toBe(-1);
  });
});

describe('floatToInt64 (int64(f) on amd64)', () => {
  it('truncates toward zero; NaN, ±Inf and overflow give -2^63', () => {
    expect([0.5, -2.9, 1e15 + 0.5, 2 ** 62].map(floatToInt64)).toEqual([0n, -2n, 1000000000000000n, 2n ** 62n]);
    expect([NaN, Infinity, -Infinity, 2 ** 63, -(2 ** 64)].map(floatToInt64)).toEqual(Array(5).fill(-(2n ** 63n)));
    expect(floatToInt64(-(2 ** 63))).toBe(-(2n ** 63n));
  });
});
