/** Go's `time.ParseDuration` as Argo's `DurationString.Duration()` uses it, errors word for word. */
import { describe, expect, it } from 'vitest';
import { goParseDuration } from '../../../src/analysis/run/go-duration.js';

describe('goParseDuration', () => {
  it('parses what Go parses, to milliseconds', () => {
    const ms = (s: string) => { const r = goParseDuration(s); return r.ok ? r.ms : r.error; };
    expect(['0', '-0', '10s', '1h30m', '1.5h', '.5s', '1.s', '250ms', '1500us', '2µs', '-5s', '+5s', '1m0.5s'].map(ms)).toEqual(
      [0, 0, 10_000, 5_400_000, 5_400_000, 500, 1000, 250, 2, 0, -5000, 5000, 60_500],
    );
  });

  it("refuses what Go refuses, with Go's message", () => {
    const err = (s: string) => { const r = goParseDuration(s); return r.ok ? r.ms : r.error; };
    expect(['', '10', '1d', 'soon', '.s', '-', '5 m', ' 5m', '1e3s', '3000000h', '5µ'].map(err)).toEqual([
      'time: invalid duration ""',
      'time: missing unit in duration "10"',
      'time: unknown unit "d" in duration "1d"',
      'time: invalid duration "soon"',
      'time: invalid duration ".s"',
      'time: invalid duration "-"',
      'time: unknown unit " m" in duration "5 m"',
      'time: invalid duration " 5m"',
      'time: unknown unit "e" in duration "1e3s"',
      'time: invalid duration "3000000h"',
      'time: unknown unit "\\xc2\\xb5" in duration "5\\xc2\\xb5"',
    ]);
  });
});
