/**
 * How far back in time a query reads: the data a world must already have when the query first runs
 * (issue 9: "history before the update"). Pure, from the AST.
 */
import type { Expr } from './ast.js';

/** Prometheus' default lookback: an instant selector sees samples up to 5 minutes old. */
export const LOOKBACK_DELTA_MS = 5 * 60_000;

/**
 * The longest span before the evaluation time any selector of `e` reads, in ms: a range plus its
 * offset, an instant selector's 5 m lookback plus its offset, a subquery's range plus what its
 * inner query reads.
 * Example: `sum(rate(x[10m] offset 5m)) / sum(rate(x[1m]))` → 900000;
 * `max_over_time(rate(x[2m])[30m:1m])` → 1920000; `1 + 1` → 0.
 */
export function lookbackMs(e: Expr): number {
  switch (e.kind) {
    case 'number':
    case 'string':
      return 0;
    case 'vectorSelector':
      return Math.max(0, e.offsetMs) + LOOKBACK_DELTA_MS;
    case 'matrixSelector':
      return Math.max(0, e.vs.offsetMs) + e.rangeMs;
    case 'subquery':
      return Math.max(0, e.offsetMs) + e.rangeMs + lookbackMs(e.expr);
    case 'call':
      return e.args.reduce((m, a) => Math.max(m, lookbackMs(a)), 0);
    case 'aggregate':
      return Math.max(lookbackMs(e.expr), e.param === null ? 0 : lookbackMs(e.param));
    case 'binary':
      return Math.max(lookbackMs(e.lhs), lookbackMs(e.rhs));
    case 'unary':
    case 'paren':
      return lookbackMs(e.expr);
  }
}
