/**
 * What a sweep keeps of one seed: a few numbers read from the Summaries of its two arms (never
 * re-derived), compact enough to hold for every seed (quantiles need every value) and to ship
 * between threads and machines as a plain array.
 */
import type { Outcome, SummaryFields } from '../model/events.js';

/** The run as written, when the scenario configures a regression. */
export interface RegressedArm {
  readonly outcome: Outcome;
  readonly inEffect: boolean;
  readonly caught: boolean;
  /** The Summary's falseRollback: aborted, but the healthy twin had aborted by then too (or nothing was in effect). */
  readonly falseRollback: boolean;
  readonly detectedAfter: number | null;
  readonly promotedAfter: number | null;
  readonly harmed: number;
}

/** The same seed with every regression removed (run/twin.ts): the healthy release. */
export interface HealthyArm {
  readonly outcome: Outcome;
  readonly promotedAfter: number | null;
  readonly abortedAfter: number | null;
}

export interface SeedRecord {
  /** Null when the scenario configures no regression (the run itself is the healthy arm). */
  readonly regressed: RegressedArm | null;
  readonly healthy: HealthyArm;
}

const OUTCOMES: readonly Outcome[] = ['promoted', 'aborted', 'incomplete'];

/** The record of one seed from its Summaries. */
export function recordOf(regressed: SummaryFields | null, healthy: SummaryFields): SeedRecord {
  return {
    regressed: regressed === null ? null : {
      outcome: regressed.outcome, inEffect: regressed.regressionInEffect, caught: regressed.caught, falseRollback: regressed.falseRollback,
      detectedAfter: regressed.detectedAfter, promotedAfter: regressed.promotedAfter, harmed: regressed.harmedRequests,
    },
    healthy: { outcome: healthy.outcome, promotedAfter: healthy.promotedAfter, abortedAfter: healthy.abortedAfter },
  };
}

/** Fields of the wire form, in order (null: absent). */
type Wire = (number | null)[];
const flag = (b: boolean): number => (b ? 1 : 0);

/**
 * The record as a flat array for a partial result or a thread message: healthy outcome,
 * promotedAfter, abortedAfter, then (when regressed) outcome, inEffect, caught, falseRollback,
 * detectedAfter, promotedAfter, harmed. Outcomes are indices of promoted/aborted/incomplete.
 * Example: {regressed: null, healthy: {outcome: 'promoted', promotedAfter: 600000, abortedAfter: null}}
 * → [0, 600000, null].
 */
export function encodeRecord(r: SeedRecord): Wire {
  const h = r.healthy;
  const head: Wire = [OUTCOMES.indexOf(h.outcome), h.promotedAfter, h.abortedAfter];
  const g = r.regressed;
  if (g === null) return head;
  return [...head, OUTCOMES.indexOf(g.outcome), flag(g.inEffect), flag(g.caught), flag(g.falseRollback), g.detectedAfter, g.promotedAfter, g.harmed];
}

/** The inverse of encodeRecord; undefined for anything that is not one (a corrupt partial). */
export function decodeRecord(w: unknown): SeedRecord | undefined {
  if (!Array.isArray(w) || (w.length !== 3 && w.length !== 10)) return undefined;
  if (!w.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)))) return undefined;
  const a = w as Wire;
  const outcome = (i: number): Outcome | undefined => OUTCOMES[a[i] ?? -1];
  const ms = (i: number): number | null => a[i] ?? null;
  const ho = outcome(0);
  if (ho === undefined) return undefined;
  const healthy: HealthyArm = { outcome: ho, promotedAfter: ms(1), abortedAfter: ms(2) };
  if (a.length === 3) return { regressed: null, healthy };
  const ro = outcome(3);
  if (ro === undefined) return undefined;
  const regressed: RegressedArm = {
    outcome: ro, inEffect: a[4] === 1, caught: a[5] === 1, falseRollback: a[6] === 1,
    detectedAfter: ms(7), promotedAfter: ms(8), harmed: a[9] ?? 0,
  };
  return { regressed, healthy };
}
