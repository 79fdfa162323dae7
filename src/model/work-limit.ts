/**
 * A run that reached one of rollout-sim's own work limits (promql/budget.ts) cannot go on
 * faithfully: the refusal is ours, not Prometheus', so turning it into a measurement Error would
 * let our limit decide the verdict (an "abort", even a false rollback, that no real cluster would
 * see). It ends the command instead, exit 2, naming the limit and what to change.
 *
 * Example: a template measuring every 10 s with `sum(count_over_time(x[1h:50ms]))` over 20 series
 * uses up MAX_RUN_QUERY_SAMPLES after about 30 measurements and throws this, never a verdict.
 */
export class WorkLimitError extends Error {
  override readonly name = 'WorkLimitError';
}
