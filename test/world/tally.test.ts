/** The per-version tally's exact latency quantiles, whatever the latencies (its bins grow on demand). */
import { describe, expect, it } from 'vitest';
import { MAX_LATENCY_BIN, VersionTally } from '../../src/world/tally.js';

describe('VersionTally', () => {
  it('gives nearest-rank quantiles in ms', () => {
    const t = new VersionTally();
    for (let ms = 1; ms <= 100; ms++) t.add(ms, false, true, false);
    expect([t.quantileMs(0.5), t.quantileMs(0.99), t.quantileMs(1)]).toEqual([50, 99, 100]);
  });

  it('keeps latencies past its first bins and reads anything past 2 min as 120000', () => {
    const t = new VersionTally();
    for (const ms of [10, 5000, 90_000, 300_000]) t.add(ms, false, true, false);
    expect([0.25, 0.5, 0.75, 1].map((q) => t.quantileMs(q))).toEqual([10, 5000, 90_000, MAX_LATENCY_BIN]);
    expect(new VersionTally().quantileMs(0.99)).toBeNull();
  });
});
