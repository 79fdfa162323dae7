/**
 * One cell's figures (a grid point of --vary, or a strategy of compare), from its seeds' records
 * taken in seed order: whatever order the records arrived in, the figures are the same bytes.
 */
import { distribution, wilson, type Distribution, type Rate } from './stats.js';
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
  const n = records.length;
  const count = (f: (r: SeedRecord) => boolean): number => records.reduce((k, r) => k + (f(r) ? 1 : 0), 0);
  const healthy: HealthyStats = {
    falseRollback: wilson(count((r) => r.healthy.outcome === 'aborted'), n),
    promoted: wilson(count((r) => r.healthy.outcome === 'promoted'), n),
    promotionTime: distribution(records.map((r) => r.healthy.promotedAfter ?? NaN)),
    incomplete: wilson(count((r) => r.healthy.outcome === 'incomplete'), n),
  };
  const arms = records.map((r) => r.regressed);
  if (n === 0 || arms.some((a) => a === null)) return { seeds: n, regressed: null, healthy };
  const g = arms as NonNullable<SeedRecord['regressed']>[];
  const k = (f: (a: (typeof g)[number]) => boolean): number => g.reduce((c, a) => c + (f(a) ? 1 : 0), 0);
  const inEffect = k((a) => a.inEffect);
  return {
    seeds: n,
    regressed: {
      inEffect,
      detection: wilson(k((a) => a.caught), inEffect),
      missed: wilson(k((a) => a.inEffect && a.outcome === 'promoted'), inEffect),
      falseRollback: wilson(k((a) => a.falseRollback), n),
      timeToDetect: distribution(g.map((a) => a.detectedAfter ?? NaN)),
      harmed: distribution(g.map((a) => a.harmed)),
      promoted: wilson(k((a) => a.outcome === 'promoted'), n),
      incomplete: wilson(k((a) => a.outcome === 'incomplete'), n),
    },
    healthy,
  };
}
