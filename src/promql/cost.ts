/**
 * A query's static cost: the samples one evaluation touches for each series it selects, counted
 * as the evaluator counts them (budget.ts) — one per instant lookup, the points of a range window
 * plus its lookup, and a subquery's steps and returned samples (SUBQUERY_SAMPLE_COST each). It is what a single matching
 * series would cost, so a query whose estimate already exceeds a budget is refused before a run
 * (more series only cost more); the runtime budget is the backstop for the rest.
 *
 * A nested subquery costs what Prometheus makes it cost: its inner expression is evaluated once
 * over the widened range (the outer range plus its own), not once per outer step.
 *
 *   queryCost(parse('rate(x[5m])'), 15_000) ⇒ 21   (20 scrapes in 5 m, and the lookup)
 *   queryCost(parse('count_over_time(sum(rate(x[30m]))[16m:1ms])'), 15_000)
 *     ⇒ 11 × 960 001 + 960 001 × 121 ≈ 127 M
 */
import type { Expr } from './ast.js';
import { SUBQUERY_SAMPLE_COST } from './budget.js';

/** Default step of a subquery without one: the evaluator's (15 s, Prometheus' evaluation_interval). */
const DEFAULT_STEP_MS = 15_000;

/** Samples one evaluation of `e` touches per series, when the store is scraped every `scrapeMs`. */
export function queryCost(e: Expr, scrapeMs: number, defaultStepMs = DEFAULT_STEP_MS): number {
  return cost(e, 1, 0, Math.max(1, scrapeMs), defaultStepMs);
}

/**
 * Cost of `e` evaluated at `points` times spread over `spanMs` (1 and 0 outside any subquery).
 * Example: cost(x, 3, 60_000, …) for a selector x is 3.
 */
function cost(e: Expr, points: number, spanMs: number, scrapeMs: number, defStep: number): number {
  switch (e.kind) {
    case 'number': case 'string': return 0;
    case 'paren': case 'unary': return cost(e.expr, points, spanMs, scrapeMs, defStep);
    case 'vectorSelector': return points;
    case 'matrixSelector': return points * (Math.floor(e.rangeMs / scrapeMs) + 1);
    case 'subquery': {
      const step = e.stepMs || defStep;
      const perOuter = Math.floor(e.rangeMs / step) + 1;
      // The inner times are aligned to the step, so successive outer windows share them.
      const inner = Math.min(points * perOuter, Math.floor((spanMs + e.rangeMs) / step) + 1);
      return (1 + SUBQUERY_SAMPLE_COST) * points * perOuter + cost(e.expr, inner, spanMs + e.rangeMs, scrapeMs, defStep);
    }
    case 'binary': return cost(e.lhs, points, spanMs, scrapeMs, defStep) + cost(e.rhs, points, spanMs, scrapeMs, defStep);
    case 'aggregate': return cost(e.expr, points, spanMs, scrapeMs, defStep) + (e.param === null ? 0 : cost(e.param, points, spanMs, scrapeMs, defStep));
    case 'call': return e.args.reduce((s, a) => s + cost(a, points, spanMs, scrapeMs, defStep), 0);
  }
}
