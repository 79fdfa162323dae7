/**
 * Reading AnalysisTemplate conditions for display: the numeric threshold of a simple
 * comparison (to draw on a sparkline), which dashboard series a metric's query measures, and
 * measurement values as numbers. Display only: judging measurements is the analysis core's job.
 */

export type CompareOp = '<' | '<=' | '>' | '>=';
/** The dashboard series a threshold can be drawn on. */
export type SeriesKind = 'errorRate' | 'p99' | 'taskSuccess';

export interface SimpleComparison {
  readonly op: CompareOp;
  readonly value: number;
  /** The number as written in the condition (`0.015`), for display. */
  readonly literal: string;
}

const NUMBER = String.raw`(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)`;
const RESULT = String.raw`result(?:\[0\])?`;
const RESULT_FIRST = new RegExp(String.raw`^\s*${RESULT}\s*(<=|>=|<|>)\s*${NUMBER}\s*$`);
const NUMBER_FIRST = new RegExp(String.raw`^\s*${NUMBER}\s*(<=|>=|<|>)\s*${RESULT}\s*$`);
const FLIP: Record<CompareOp, CompareOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NEGATE: Record<CompareOp, CompareOp> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/**
 * A condition of the form `result[0] < 0.015` (or `0.015 > result[0]`), else undefined.
 *
 * Example: parseSimpleComparison('result[0] >= 0.93') → {op: '>=', value: 0.93, literal: '0.93'};
 * parseSimpleComparison('len(result) == 0 || result[0] < 0.05') → undefined.
 */
export function parseSimpleComparison(condition: string | undefined): SimpleComparison | undefined {
  if (condition === undefined) return undefined;
  const a = RESULT_FIRST.exec(condition);
  if (a !== null) return { op: a[1] as CompareOp, value: Number(a[2]), literal: a[2] as string };
  const b = NUMBER_FIRST.exec(condition);
  if (b !== null) return { op: FLIP[b[2] as CompareOp], value: Number(b[1]), literal: b[1] as string };
  return undefined;
}

/**
 * The comparison a *good* value satisfies: a successCondition as written, a failureCondition
 * negated. Example: {failureCondition: 'result[0] > 0.05'} → {op: '<=', value: 0.05, ...}.
 */
export function goodComparison(metric: { readonly successCondition?: string | undefined; readonly failureCondition?: string | undefined }): SimpleComparison | undefined {
  const success = parseSimpleComparison(metric.successCondition);
  if (success !== undefined) return success;
  const failure = parseSimpleComparison(metric.failureCondition);
  return failure === undefined ? undefined : { ...failure, op: NEGATE[failure.op] };
}

/** Example: negate('<') === '>='. */
export function negate(op: CompareOp): CompareOp {
  return NEGATE[op];
}

/** Example: holds(0.02, '<', 0.015) === false. */
export function holds(v: number, op: CompareOp, bound: number): boolean {
  return op === '<' ? v < bound : op === '<=' ? v <= bound : op === '>' ? v > bound : v >= bound;
}

/** Example: prettyOp('>=') === '≥'. */
export function prettyOp(op: CompareOp): string {
  return op === '<=' ? '≤' : op === '>=' ? '≥' : op;
}

/**
 * Which dashboard series a metric measures, from its query (then its name), or undefined.
 *
 * Example: a query over `http_requests_total{code=~"5.."}` → 'errorRate';
 * `histogram_quantile(0.99, …)` → 'p99'; `agent_task_outcomes_total` → 'taskSuccess'.
 */
export function seriesKindOf(metric: { readonly name: string; readonly query: string | null }): SeriesKind | undefined {
  const q = metric.query ?? '';
  if (/agent_task_outcomes_total/.test(q)) return 'taskSuccess';
  if (/histogram_quantile|_duration_|latency/.test(q)) return 'p99';
  if (/code|status|5\.\.|error/.test(q)) return 'errorRate';
  if (q !== '') return undefined;
  if (/task|quality|success/i.test(metric.name)) return 'taskSuccess';
  if (/latency|p99|duration/i.test(metric.name)) return 'p99';
  if (/error/i.test(metric.name)) return 'errorRate';
  return undefined;
}

/**
 * The first number of a measurement's display value, or undefined.
 *
 * Example: firstNumber('[0.020024318671242793]') === 0.020024318671242793; firstNumber('0.5') === 0.5;
 * firstNumber('[]') === undefined; firstNumber('0/40 failed') === undefined.
 */
export function firstNumber(value: string): number | undefined {
  const m = /^\s*\[?\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:[,\]]|$)/.exec(value);
  return m === null ? undefined : Number(m[1]);
}
