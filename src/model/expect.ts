/**
 * A Scenario's `expect:` block: assertions on the Summary of the run (src/model/events.ts
 * SummaryFields), optionally over several seeds with a required count. `simulate check` and
 * `simulate run --expect` grade them (src/run/expect.ts); lessons are graded this way.
 */
import type { Outcome } from './events.js';
import type { Regression } from './scenario.js';

export type BoundOp = '<=' | '<' | '>=' | '>' | '==';

/** A comparison as written: `"<= 1%"` → {op: '<=', value: 0.01, text: '<= 1%'}. */
export interface Bound {
  readonly op: BoundOp;
  readonly value: number;
  readonly text: string;
}

/** The Summary fields an expectation may name, and what each holds. */
export const EXPECT_FIELDS = {
  outcome: 'outcome',
  caught: 'boolean',
  falseRollback: 'boolean',
  regressionInEffect: 'boolean',
  harmedShare: 'percent',
  harmedRequests: 'count',
  detectedAfter: 'duration',
  abortedAfter: 'duration',
  promotedAfter: 'duration',
} as const;

export type ExpectField = keyof typeof EXPECT_FIELDS;

export type Expectation =
  | { readonly field: 'outcome'; readonly want: Outcome }
  | { readonly field: 'caught' | 'falseRollback' | 'regressionInEffect'; readonly want: boolean }
  | { readonly field: 'harmedShare' | 'harmedRequests' | 'detectedAfter' | 'abortedAfter' | 'promotedAfter'; readonly want: Bound };

export interface Expectations {
  /** How many seeds: the scenario's seed and the ones after it (seed, seed + 1, …). */
  readonly seeds: number;
  /** In how many of them each expectation must hold (default: all). */
  readonly atLeast: number;
  /** The Rollout/Deployment whose Summary is graded (default: the one `run` picks). */
  readonly rollout: string | undefined;
  /** In the order written. */
  readonly checks: readonly Expectation[];
  /**
   * The same seeds graded again with the release's regressions replaced by these: what must then
   * hold (e.g. caught: true), so a guard for a healthy release cannot be "delete the analysis".
   */
  readonly whenRegressed?: { readonly regressions: readonly Regression[]; readonly checks: readonly Expectation[] };
}
