/** civilFromDays against JavaScript's own UTC calendar, over leap years, centuries and negatives. */
import { describe, expect, it } from 'vitest';
import { civilFromDays } from '../../src/model/civil-date.js';

describe('civilFromDays', () => {
  it('the worked examples', () => {
    expect([civilFromDays(0), civilFromDays(-1), civilFromDays(19723)]).toEqual([[1970, 1, 1], [1969, 12, 31], [2024, 1, 1]]);
  });

  it('agrees with Date.UTC day by day across 1899–2101 (leap days, 1900 and 2100 not leap, 2000 leap)', () => {
    for (let days = -25567; days <= 47482; days++) {
      const dt = new Date(days * 86_400_000);
      const want: [number, number, number] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
      const got = civilFromDays(days);
      if (got[0] !== want[0] || got[1] !== want[1] || got[2] !== want[2]) expect([days, got]).toEqual([days, want]);
    }
  });
});
