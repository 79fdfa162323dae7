/**
 * The work budget of PromQL evaluation (issue 14: bound the work, not only the inputs). Work is
 * counted in samples touched: one per series an instant selector looks up, every point a range
 * window reads (plus its lookup), one per subquery step and SUBQUERY_SAMPLE_COST per sample a subquery returns. Two
 * limits, documented in the README's "Limits":
 *
 * - MAX_QUERY_SAMPLES for one evaluation, the figure of Prometheus' --query.max-samples default.
 *   Prometheus counts samples held in memory at once; we count all touched, which bounds time as
 *   well as memory: about a second of CPU here (≈ 50 M samples/s).
 * - MAX_RUN_QUERY_SAMPLES for every analysis query of one run together (one MetricStore is one
 *   run: `simulate run`, each seed of a sweep, `analyze --dataset`), so 50 000 measurements of an
 *   expensive query end in seconds rather than half an hour.
 *
 * Both are refusals of ours, not Prometheus errors, and their messages say so.
 *
 *   const b = new WorkBudget(100); b.charge(60); b.charge(60) ⇒ throws EvalError(queryBudgetMessage)
 */
import type { MetricStore } from '../metrics/store.js';
import { EvalError } from './errors.js';

/**
 * What one sample a subquery gathers is charged, in samples. Measured here: a range window reads
 * about 250 M points a second, while a subquery gathers about 5 M samples a second (each is an
 * inner evaluation's answer at one step, filed under its series), so a budget counted in plain
 * samples let subqueries run for minutes; charged ten, the limits below keep their seconds.
 * Example: `count_over_time(x[1h:1s])` over 20 series charges 3 601 steps + 3 601 × 20 lookups +
 * 3 601 × 20 × 10 gathered ≈ 0.8 M.
 */
export const SUBQUERY_SAMPLE_COST = 10;

/** Samples one PromQL evaluation may touch. */
export const MAX_QUERY_SAMPLES = 50_000_000;
/** Samples all the analysis queries of one run (one metric store) may touch together. */
export const MAX_RUN_QUERY_SAMPLES = 200_000_000;

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

export const QUERY_BUDGET_MESSAGE =
  `query refused by rollout-sim's work budget: one evaluation may touch at most ${n(MAX_QUERY_SAMPLES)} samples (MAX_QUERY_SAMPLES, ` +
  `the figure of Prometheus' --query.max-samples): narrow a range, lengthen a subquery's step or select fewer series`;

export const RUN_BUDGET_MESSAGE =
  `query refused by rollout-sim's work budget: the analysis queries of one run may touch at most ${n(MAX_RUN_QUERY_SAMPLES)} samples ` +
  `together (MAX_RUN_QUERY_SAMPLES), and this run's have used them: measure less often (a longer interval or a count) or use a cheaper query`;

/** A refusal by the budget: an execution error to a query, a work limit to a run (run/analysis-query.ts). */
export class BudgetError extends EvalError {}

/** The samples a single evaluation has touched, against its limit. */
export class WorkBudget {
  used = 0;
  constructor(
    private readonly limit: number,
    private readonly message: string = QUERY_BUDGET_MESSAGE,
  ) {}

  /** Adds `samples`; past the limit the evaluation stops with the budget's message. */
  charge(samples: number): void {
    this.used += samples;
    if (this.used > this.limit) throw new BudgetError(this.message);
  }
}

/** Samples touched so far by the queries over each store: the run-wide account, dropped with the store. */
const spent = new WeakMap<MetricStore, number>();

/** Samples the queries over `store` have touched so far (0 for a store never queried). */
export function runWork(store: MetricStore): number {
  return spent.get(store) ?? 0;
}

/**
 * The budget of one more evaluation over `store`: the per-query limit, or what is left of the
 * run's when that is less (then running out names the run's limit). Null when the run's is spent.
 * Example: a fresh store ⇒ a budget of MAX_QUERY_SAMPLES; after 499 999 990 samples ⇒ one of 10.
 */
export function budgetFor(store: MetricStore, queryLimit = MAX_QUERY_SAMPLES, runLimit = MAX_RUN_QUERY_SAMPLES): WorkBudget | null {
  const left = runLimit - runWork(store);
  if (left <= 0) return null;
  return left < queryLimit ? new WorkBudget(left, RUN_BUDGET_MESSAGE) : new WorkBudget(queryLimit);
}

/** Books an evaluation's work (finished or refused) to the store's run. */
export function book(store: MetricStore, budget: WorkBudget): void {
  spent.set(store, runWork(store) + budget.used);
}
