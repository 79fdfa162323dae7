/**
 * One cell's figures (a grid point of --vary, or a strategy of compare), from its seeds' records:
 * counts and counts of values, so whatever order the records arrive in, the figures are the same bytes.
 */
import { ValueCounts, wilson, type Distribution, type Rate } from './stats.js';
import type { SeedRecord } from './record.js';

export interface RegressedStats {
  /** Seeds whose regression was in effect before the outcome: the detection rate's denominator. */
  readonly inEffect: number;
  /** caught / inEffect. */
  readonly detection: Rate;
  /** Promoted with the regression in effect / inEffect: the regression escaped. */
  readonly missed: Rate;
  /** Aborted but not caught (the Summary's falseRollback) / seeds. */
  readonly falseRollback: Rate;
  /** detectedAfter (ms from the update's start) of the caught seeds. */
  readonly timeToDetect: Distribution;
  /** harmedRequests of every seed. */
  readonly harmed: Distribution;
  readonly promoted: Rate;
  readonly incomplete: Rate;
}

export interface HealthyStats {
  /** Aborted / seeds: every abort of a release without a regression is a false rollback. */
  readonly falseRollback: Rate;
  readonly promoted: Rate;
  /** promotedAfter (ms) of the promoted seeds. */
  readonly promotionTime: Distribution;
  readonly incomplete: Rate;
}

export interface CellStats {
  readonly seeds: number;
  /** Null when the scenario (in this cell) configures no regression. */
  readonly regressed: RegressedStats | null;
  readonly healthy: HealthyStats;
}

/**
 * Example: two seeds, both with a regression in effect, one caught at 320 s with 14 harmed and
 * one promoted at 600 s with 90 harmed; both healthy twins promoted at 600 s →
 * {seeds: 2, regressed: {inEffect: 2, detection: {count: 1, of: 2, rate: 0.5, …}, missed: {count: 1, …},
 * timeToDetect: {n: 1, median: 320000, …}, harmed: {n: 2, median: 52, p90: 90, max: 90}, …},
 * healthy: {falseRollback: {count: 0, of: 2, rate: 0, low: 0, high: 0.65762}, …}}.
 */
export function cellStats(records: readonly SeedRecord[]): CellStats {
  const acc = new CellAccumulator();
  for (const r of records) acc.add(r);
  return acc.stats();
}

/**
 * A cell's figures as its seeds' records arrive, in any order: counts, and each distribution as
 * counts of its values (stats.ts ValueCounts). It keeps no record, so a sweep's memory does not
 * grow with --seeds; the figures are the same bytes as from the records in seed order.
 */
export class CellAccumulator {
  private n = 0;
  private noRegression = false;
  private readonly healthy = { aborted: 0, promoted: 0, incomplete: 0, promotionTime: new ValueCounts() };
  private readonly regressed = { inEffect: 0, caught: 0, missed: 0, falseRollback: 0, promoted: 0, incomplete: 0, timeToDetect: new ValueCounts(), harmed: new ValueCounts() };

  add(r: SeedRecord): void {
    this.n++;
    const h = this.healthy;
    h[r.healthy.outcome]++;
    h.promotionTime.add(r.healthy.promotedAfter ?? NaN);
    const a = r.regressed;
    if (a === null) {
      this.noRegression = true;
      return;
    }
    const g = this.regressed;
    g.inEffect += a.inEffect ? 1 : 0;
    g.caught += a.caught ? 1 : 0;
    g.missed += a.inEffect && a.outcome === 'promoted' ? 1 : 0;
    g.falseRollback += a.falseRollback ? 1 : 0;
    g.promoted += a.outcome === 'promoted' ? 1 : 0;
    g.incomplete += a.outcome === 'incomplete' ? 1 : 0;
    g.timeToDetect.add(a.detectedAfter ?? NaN);
    g.harmed.add(a.harmed);
  }

  /** How many distinct values its distributions hold: what its memory grows with (not the seeds). */
  get distinctValues(): number {
    return this.healthy.promotionTime.distinct + this.regressed.timeToDetect.distinct + this.regressed.harmed.distinct;
  }

  stats(): CellStats {
    const { n, healthy: h, regressed: g } = this;
    const healthy: HealthyStats = {
      falseRollback: wilson(h.aborted, n),
      promoted: wilson(h.promoted, n),
      promotionTime: h.promotionTime.distribution(),
      incomplete: wilson(h.incomplete, n),
    };
    if (n === 0 || this.noRegression) return { seeds: n, regressed: null, healthy };
    return {
      seeds: n,
      regressed: {
        inEffect: g.inEffect,
        detection: wilson(g.caught, g.inEffect),
        missed: wilson(g.missed, g.inEffect),
        falseRollback: wilson(g.falseRollback, n),
        timeToDetect: g.timeToDetect.distribution(),
        harmed: g.harmed.distribution(),
        promoted: wilson(g.promoted, n),
        incomplete: wilson(g.incomplete, n),
      },
      healthy,
    };
  }
}
