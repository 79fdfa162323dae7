/**
 * Grading a Scenario's `expect:` (model/expect.ts) against the Summaries of its seeds: each
 * expectation holds in some seeds, and passes when it holds in at least `atLeast` of them.
 * Pure: the Summaries come from the runs (grade.ts), the words from here.
 */
import type { SummaryFields } from '../model/events.js';
import type { Bound, Expectation, Expectations } from '../model/expect.js';
import { formatDuration } from '../model/time.js';

export interface ExpectationResult {
  /** The expectation as a person reads it: 'caught: true', 'harmedShare <= 1%'. */
  readonly text: string;
  /** Seeds in which it held, of `total`. */
  readonly held: number;
  readonly total: number;
  readonly required: number;
  readonly passed: boolean;
  /** The measured value per seed, in seed order: 'true', '0.84 %', '6m30s', 'not caught'. */
  readonly measured: readonly string[];
}

/**
 * Each expectation over the Summaries (one per seed, in seed order).
 * Example: {checks: [{field: 'caught', want: true}], atLeast: 2} over three Summaries with caught
 * true, false, true → [{text: 'caught: true', held: 2, total: 3, required: 2, passed: true, measured: ['true', 'false', 'true']}].
 */
export function gradeExpectations(e: Expectations, summaries: readonly SummaryFields[]): ExpectationResult[] {
  return e.checks.map((c) => {
    const measured = summaries.map((s) => valueOf(c, s));
    const held = summaries.filter((s) => holds(c, s)).length;
    return { text: textOf(c), held, total: summaries.length, required: e.atLeast, passed: held >= e.atLeast, measured: measured.map((v) => show(c, v)) };
  });
}

/** Every expectation passed. */
export const allPassed = (results: readonly ExpectationResult[]): boolean => results.every((r) => r.passed);

/**
 * One line per expectation, ✔ or ✖, with what was measured (one seed: the value; several: how
 * many held and the values).
 * Example: '✔ caught: true — measured true'; '✖ harmedShare <= 1% — held in 7 of 10 seeds (need 9): 0.4 %, 1.2 %, …'.
 */
export function formatResult(r: ExpectationResult, ascii = false): string {
  const mark = r.passed ? (ascii ? 'PASS' : '✔') : ascii ? 'FAIL' : '✖';
  if (r.total === 1) return `${mark} ${r.text} — measured ${r.measured[0] ?? ''}`;
  const need = r.required === r.total ? '' : ` (need ${r.required})`;
  const values = r.measured.length <= 12 ? r.measured.join(', ') : `${r.measured.slice(0, 12).join(', ')}, …`;
  return `${mark} ${r.text} — held in ${r.held} of ${r.total} seeds${need}: ${values}`;
}

type Value = string | number | boolean | null;

function valueOf(c: Expectation, s: SummaryFields): Value {
  return s[c.field];
}

function holds(c: Expectation, s: SummaryFields): boolean {
  const v = valueOf(c, s);
  if (typeof c.want !== 'object') return v === c.want;
  return typeof v === 'number' && compare(v, c.want);
}

/** Example: compare(0.004, {op: '<=', value: 0.01}) === true; compare(0.01, {op: '<', value: 0.01}) === false. */
export function compare(v: number, b: Pick<Bound, 'op' | 'value'>): boolean {
  // Summary shares carry 6 decimals: compare at that precision so "<= 1%" holds for 0.01 exactly.
  const eps = 1e-9;
  switch (b.op) {
    case '<=': return v <= b.value + eps;
    case '<': return v < b.value - eps;
    case '>=': return v >= b.value - eps;
    case '>': return v > b.value + eps;
    case '==': return Math.abs(v - b.value) <= eps;
  }
}

function textOf(c: Expectation): string {
  if (typeof c.want === 'object') return `${c.field} ${c.want.text}`;
  return `${c.field}: ${String(c.want)}`;
}

function show(c: Expectation, v: Value): string {
  if (v === null) return c.field === 'detectedAfter' ? 'not caught' : c.field === 'abortedAfter' ? 'not aborted' : c.field === 'promotedAfter' ? 'not promoted' : 'none';
  if (typeof v !== 'number') return String(v);
  if (c.field === 'harmedShare') return `${Number((v * 100).toPrecision(3))} %`;
  if (c.field === 'harmedRequests') return String(v);
  return formatDuration(v);
}
