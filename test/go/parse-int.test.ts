/**
 * src/go's ParseInt / Atoi against Go's tables (src/strconv/atoi_test.go): the value, or the exact text
 * of Go's *NumError.
 */
import { describe, expect, it } from 'vitest';
import { numError, parseGoAtoi, parseGoInt, underscoreOk } from '../../src/go/index.js';

const syntax = (s: string): string => `strconv.ParseInt: parsing "${s}": invalid syntax`;
const range = (s: string): string => `strconv.ParseInt: parsing "${s}": value out of range`;

describe('parseGoInt(s, 10) (strconv.ParseInt(s, 10, 64))', () => {
  it.each([
    ['', syntax('')], ['0', 0n], ['-0', 0n], ['1', 1n], ['-1', -1n], ['12345', 12345n], ['-12345', -12345n],
    ['012345', 12345n], ['-012345', -12345n], ['98765432100', 98765432100n], ['-98765432100', -98765432100n],
    ['9223372036854775807', 9223372036854775807n], ['-9223372036854775807', -9223372036854775807n],
    ['9223372036854775808', range('9223372036854775808')], ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775809', range('9223372036854775809')], ['-9223372036854775809', range('-9223372036854775809')],
    ['18446744073709551616', range('18446744073709551616')], ['12345x', syntax('12345x')], ['0.01', syntax('0.01')],
    ['1_2_3_4_5', syntax('1_2_3_4_5')], ['0x10', syntax('0x10')],
  ] as const)('%j ⇒ %s', (s, want) => {
    expect(parseGoInt(s, 10)).toBe(want);
  });
});

describe('parseGoInt(s, 0) (strconv.ParseInt(s, 0, 64): base prefixes and underscores)', () => {
  it.each([
    ['', syntax('')], ['0', 0n], ['-0', 0n], ['1', 1n], ['-1', -1n], ['12345', 12345n], ['012345', 0o12345n],
    ['-012345', -0o12345n], ['0x12345', 0x12345n], ['-0X12345', -0x12345n], ['12345x', syntax('12345x')],
    ['-12345x', syntax('-12345x')], ['0x', syntax('0x')], ['0X', syntax('0X')], ['0xabcdefg123', syntax('0xabcdefg123')],
    ['123456789abc', syntax('123456789abc')], ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', range('9223372036854775808')], ['-9223372036854775808', -9223372036854775808n],
    ['0x10000000000000000', range('0x10000000000000000')], ['01777777777777777777778', syntax('01777777777777777777778')],
    ['0200000000000000000000', 2n ** 61n], ['0b101', 5n], ['0o17', 15n],
    ['1_2_3_4_5', 12345n], ['0x_1_2_3_4_5', 0x12345n], ['_12345', syntax('_12345')], ['1__2345', syntax('1__2345')],
    ['12345_', syntax('12345_')], ['0x__12345', syntax('0x__12345')],
  ] as const)('%j ⇒ %s', (s, want) => {
    expect(parseGoInt(s, 0)).toBe(want);
  });
});

describe('parseGoAtoi (strconv.Atoi validity)', () => {
  it('is the base-10 value, undefined on any error', () => {
    expect(parseGoAtoi('+7')).toBe(7n);
    expect(parseGoAtoi('-012345')).toBe(-12345n);
    expect(parseGoAtoi('7.0')).toBeUndefined();
    expect(parseGoAtoi('9223372036854775808')).toBeUndefined();
  });
});

describe('numError and underscoreOk', () => {
  it('prints *NumError as Go does, input quoted by strconv.Quote', () => {
    expect(numError('ParseFloat', '1\x00.2', 'invalid syntax')).toBe('strconv.ParseFloat: parsing "1\\x00.2": invalid syntax');
    expect(numError('ParseInt', '0.01', 'invalid syntax')).toBe('strconv.ParseInt: parsing "0.01": invalid syntax');
  });

  it('allows underscores only between digits or after a base prefix', () => {
    expect(['1_000', '0x_1f', '0b_1_0', '-1_0', '1_2.3_4e+1_2'].map(underscoreOk)).toEqual([true, true, true, true, true]);
    expect(['_1', '1_', '1__0', '-_1', '123_.5', '0x1__2'].map(underscoreOk)).toEqual([false, false, false, false, false, false]);
  });
});
