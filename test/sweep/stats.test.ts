import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { quantileSorted } from 'simple-statistics';
import { CellAccumulator, cellStats } from '../../src/sweep/cell-stats.js';
import { shardRange, seedOf, taskAt } from '../../src/sweep/plan.js';
import { decodeRecord, encodeRecord, type SeedRecord } from '../../src/sweep/record.js';
import { distribution, ValueCounts, wilson } from '../../src/sweep/stats.js';

describe('Wilson score interval', () => {
  it('matches the published intervals (e.g. 30/100 → [0.2189, 0.3958])', () => {
    expect(wilson(19, 20)).toEqual({ count: 19, of: 20, rate: 0.95, low: 0.763869, high: 0.991119 });
    expect(wilson(30, 100)).toEqual({ count: 30, of: 100, rate: 0.3, low: 0.218949, high: 0.395849 });
    expect(wilson(1, 2)).toEqual({ count: 1, of: 2, rate: 0.5, low: 0.094531, high: 0.905469 });
  });
  it('stays inside [0, 1] at the edges and is empty with nothing counted', () => {
    expect(wilson(0, 50)).toEqual({ count: 0, of: 50, rate: 0, low: 0, high: 0.071348 });
    expect(wilson(50, 50).low).toBe(0.928652);
    expect(wilson(50, 50).high).toBe(1);
    expect(wilson(0, 0)).toEqual({ count: 0, of: 0, rate: null, low: null, high: null });
  });
});

describe('distribution', () => {
  it('skips absent values and takes simple-statistics quantiles', () => {
    expect(distribution([300, 100, NaN, 200])).toEqual({ n: 3, median: 200, p90: 300, max: 300 });
    expect(distribution([4, 1, 3, 2])).toEqual({ n: 4, median: 2.5, p90: 4, max: 4 });
    expect(distribution([])).toEqual({ n: 0, median: null, p90: null, max: null });
  });
  it('from counts of values: the same quantiles as simple-statistics on the sorted values, ties and all', () => {
    const rng = seedrandom('distribution');
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rng() * 60);
      const domain = 1 + Math.floor(rng() * 12);
      const xs = Array.from({ length: n }, () => Math.floor(rng() * domain) * 10);
      const sorted = [...xs].sort((a, b) => a - b);
      const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
      expect(distribution(xs)).toEqual({ n, median: r6(quantileSorted(sorted, 0.5)), p90: r6(quantileSorted(sorted, 0.9)), max: sorted[n - 1] });
    }
  });
  it('holds one entry per distinct value, however many are added', () => {
    const c = new ValueCounts();
    for (let i = 0; i < 100_000; i++) c.add(i % 7);
    expect(c.distinct).toBe(7);
    expect(c.distribution()).toEqual({ n: 100_000, median: 3, p90: 6, max: 6 });
  });
});

describe('the plan', () => {
  it('cuts the tasks into disjoint slices that cover them once', () => {
    expect([0, 1, 2, 3].map((i) => shardRange(10, i, 4))).toEqual([[0, 2], [2, 5], [5, 7], [7, 10]]);
    expect(shardRange(3, 4, 5)).toEqual([2, 3]);
    expect(shardRange(3, 0, 5)).toEqual([0, 0]);
  });
  it('numbers tasks cell-major and wraps seeds at 2^32', () => {
    const plan = { seeds: 200, baseSeed: 7, horizon: 'decision' as const, specs: [], cells: [] };
    expect(taskAt(plan, 450)).toEqual({ cell: 2, seedIndex: 50 });
    expect(seedOf(7, 3)).toBe(10);
    expect(seedOf(4294967295, 1)).toBe(0);
  });
});

const caught: SeedRecord = {
  regressed: { outcome: 'aborted', inEffect: true, caught: true, falseRollback: false, detectedAfter: 320000, promotedAfter: null, harmed: 14 },
  healthy: { outcome: 'promoted', promotedAfter: 600000, abortedAfter: null },
};
const missed: SeedRecord = {
  regressed: { outcome: 'promoted', inEffect: true, caught: false, falseRollback: false, detectedAfter: null, promotedAfter: 600000, harmed: 90 },
  healthy: { outcome: 'promoted', promotedAfter: 600000, abortedAfter: null },
};

describe('records and cell figures', () => {
  it('round-trips the wire form, and refuses what is not a record', () => {
    expect(encodeRecord(caught)).toEqual([0, 600000, null, 1, 1, 1, 0, 320000, null, 14]);
    expect(decodeRecord(encodeRecord(caught))).toEqual(caught);
    const healthyOnly: SeedRecord = { regressed: null, healthy: { outcome: 'aborted', promotedAfter: null, abortedAfter: 240000 } };
    expect(decodeRecord(encodeRecord(healthyOnly))).toEqual(healthyOnly);
    expect(decodeRecord([0, 1])).toBeUndefined();
    expect(decodeRecord([7, null, null])).toBeUndefined();
    expect(decodeRecord('x')).toBeUndefined();
  });
  it('counts detection among the seeds in effect and false rollbacks among the healthy twins', () => {
    const s = cellStats([caught, missed]);
    expect(s.regressed?.detection).toEqual(wilson(1, 2));
    expect(s.regressed?.missed.count).toBe(1);
    expect(s.regressed?.timeToDetect).toEqual({ n: 1, median: 320000, p90: 320000, max: 320000 });
    expect(s.regressed?.harmed).toEqual({ n: 2, median: 52, p90: 90, max: 90 });
    expect(s.healthy.falseRollback).toEqual({ count: 0, of: 2, rate: 0, low: 0, high: 0.65762 });
    expect(s.healthy.promotionTime.median).toBe(600000);
    expect(cellStats([{ regressed: null, healthy: caught.healthy }]).regressed).toBeNull();
  });
  it('folds records in any order into the same figures, keeping counts rather than records', () => {
    const rng = seedrandom('cells');
    const records: SeedRecord[] = Array.from({ length: 20_000 }, () => {
      const inEffect = rng() < 0.9;
      const caughtIt = inEffect && rng() < 0.8;
      return {
        regressed: { outcome: caughtIt ? 'aborted' : 'promoted', inEffect, caught: caughtIt, falseRollback: false, detectedAfter: caughtIt ? 320_000 * (1 + Math.floor(rng() * 3)) : null, promotedAfter: caughtIt ? null : 660_000, harmed: Math.floor(rng() * 80) },
        healthy: rng() < 0.01 ? { outcome: 'aborted', promotedAfter: null, abortedAfter: 320_000 } : { outcome: 'promoted', promotedAfter: 660_000, abortedAfter: null },
      };
    });
    const shuffled = [...records].sort(() => rng() - 0.5);
    const acc = new CellAccumulator();
    shuffled.forEach((r) => acc.add(r));
    expect(JSON.stringify(acc.stats())).toBe(JSON.stringify(cellStats(records)));
    // The figures as the records give them, counted and sorted here without the accumulator.
    const arms = records.map((r) => r.regressed as NonNullable<SeedRecord['regressed']>);
    const inEffect = arms.filter((a) => a.inEffect).length;
    const sortedHarm = arms.map((a) => a.harmed).sort((a, b) => a - b);
    const detected = arms.flatMap((a) => (a.detectedAfter === null ? [] : [a.detectedAfter])).sort((a, b) => a - b);
    const s = acc.stats();
    expect(s.regressed?.detection).toEqual(wilson(arms.filter((a) => a.caught).length, inEffect));
    expect(s.regressed?.missed).toEqual(wilson(arms.filter((a) => a.inEffect && a.outcome === 'promoted').length, inEffect));
    expect(s.regressed?.harmed).toEqual({ n: 20_000, median: quantileSorted(sortedHarm, 0.5), p90: quantileSorted(sortedHarm, 0.9), max: sortedHarm[19_999] });
    expect(s.regressed?.timeToDetect).toEqual({ n: detected.length, median: quantileSorted(detected, 0.5), p90: quantileSorted(detected, 0.9), max: detected[detected.length - 1] });
    expect(s.healthy.falseRollback).toEqual(wilson(records.filter((r) => r.healthy.outcome === 'aborted').length, 20_000));
    // Three detection times, 80 harm counts, one promotion time: 84 entries for 20 000 seeds.
    expect(acc.distinctValues).toBe(84);
  });
});
