import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../src/model/numbers.js';

describe('maxOf', () => {
  it('is the largest value, never below the floor, for an empty list too', () => {
    expect([maxOf([3, 9, 4], 0), maxOf([], 0), maxOf([-5], -Infinity), maxOf([2, 1], 7)]).toEqual([9, 0, -5, 7]);
  });

  it('takes 300 000 values, where Math.max(...values) overflows the stack', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    values[212_345] = 123_456;
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values, 0)).toBe(123_456);
  });
});

describe('minOf', () => {
  it('is the smallest value, never above the ceiling, for an empty list and 300 000 values too', () => {
    expect([minOf([3, 9, 4], Infinity), minOf([], 5), minOf([2, 8], 1)]).toEqual([3, 5, 1]);
    const values = Array.from({ length: 300_000 }, (_, i) => 1000 + (i % 1000));
    values[212_345] = -7;
    expect(minOf(values, Infinity)).toBe(-7);
  });
});
