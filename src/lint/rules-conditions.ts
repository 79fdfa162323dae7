/**
 * The traps of a template's conditions, read off the expr tree (not the text): `result` compared as
 * if it were a number, and `result[0]` read with nothing to catch an empty vector. Every template
 * of the file is checked, referenced or not (an AnalysisTemplate on its own is linted too).
 */
import type { Node } from '../analysis/expr/ast.js';
import type { Scenario } from '../model/scenario.js';
import { exprsOf, firstCondition, firstQuery, nodesOf, templateMetrics, type TemplateMetric } from './rules-metrics.js';
import { error, warning, type Finding } from './types.js';

const FIELDS = ['successCondition', 'failureCondition'] as const;
const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=']);

const isResult = (n: Node): boolean => n.k === 'ident' && n.name === 'result';
const isNumber = (n: Node): boolean => n.k === 'int' || n.k === 'float' || (n.k === 'unary' && n.op === '-' && isNumber(n.node));

/** `result[0]` (or any constant index of result). */
const indexesResult = (n: Node): boolean => n.k === 'member' && isResult(n.node) && (n.prop.k === 'int' || n.prop.k === 'unary');

/** A comparison of bare `result` with a number literal. Example: `result < 0.05` → true; `result[0] < 0.05` → false. */
export function comparesBareResult(tree: Node): boolean {
  return nodesOf(tree).some((n) => n.k === 'binary' && COMPARISONS.has(n.op)
    && ((isResult(n.left) && isNumber(n.right)) || (isNumber(n.left) && isResult(n.right))));
}

/**
 * Whether the condition guards an empty result: `len(result)` (or `default(result…)`) somewhere.
 * Example: `len(result) == 0 || result[0] < 0.05` → true; `result[0] < 0.05` → false.
 */
export function guardsEmpty(tree: Node): boolean {
  return nodesOf(tree).some((n) => {
    const name = n.k === 'builtin' ? n.name : n.k === 'call' && n.callee.k === 'ident' ? n.callee.name : undefined;
    const args = n.k === 'builtin' || n.k === 'call' ? n.args : [];
    return (name === 'len' || name === 'default') && args.some((a) => nodesOf(a).some(isResult));
  });
}

function sourceOf(m: TemplateMetric, field: (typeof FIELDS)[number]) {
  return m.written.sources?.[field] ?? m.written.source;
}

/** `condition-result-not-indexed` (error). Example: successCondition `result < 0.05` → one error. */
function resultNotIndexed(m: TemplateMetric): Finding[] {
  // Only a prometheus result is always a list; datadog, wavefront, web, … hand conditions a number.
  if (m.written.provider.prometheus === undefined) return [];
  return FIELDS.flatMap((field) => {
    const tree = firstCondition([m.written[field], ...m.measured.map((x) => x[field])]);
    if (tree === undefined || !comparesBareResult(tree)) return [];
    return [error('condition-result-not-indexed', sourceOf(m, field), `spec.metrics[${m.index}].${field}`,
      `${field} of metric "${m.written.name}" compares result itself with a number, but a prometheus result is a vector (a list): the comparison never holds as meant`,
      `compare its first value instead: ${(m.written[field] ?? '').replace(/(?<!\()\bresult\b(?!\s*\[)/g, 'result[0]')}`)];
  });
}

/**
 * The guard that keeps an empty result from erring, the right way round for each condition (a
 * success guard passes on no data, a failure guard never fails on it), and what it costs.
 * Example: ('failureCondition', 'result[0] > 0.05') → 'guard it: len(result) > 0 && (result[0] > 0.05) — …'.
 */
function guardFix(field: string, condition: string): string {
  const guard = field === 'successCondition' ? `len(result) == 0 || ${condition}` : `len(result) > 0 && (${condition})`;
  return `guard it: ${guard} — no data then passes, so the analysis no longer notices a canary that gets no traffic; or make the query return 0 for "no errors" (… or on() vector(0)) and keep failing on no traffic`;
}

/**
 * Whether the condition tests a NaN result: `isNaN(…result…)` somewhere.
 * Example: `isNaN(result[0]) || result[0] < 0.05` → true; `result[0] < 0.05` → false.
 */
export function guardsNaN(tree: Node): boolean {
  return nodesOf(tree).some((n) => {
    const name = n.k === 'builtin' ? n.name : n.k === 'call' && n.callee.k === 'ident' ? n.callee.name : undefined;
    const args = n.k === 'builtin' || n.k === 'call' ? n.args : [];
    return name === 'isNaN' && args.some((a) => nodesOf(a).some(isResult));
  });
}

/**
 * `condition-unsafe-empty`: `result[0]` read where the query can give no series or NaN, with
 * nothing to catch it. Empty: no `len(result)` guard and no `or vector(0)` fallback. NaN: the
 * query divides (an error ratio is 0/0 = NaN when the canary has no traffic) and a
 * successCondition has no `isNaN` guard — NaN compares false, so the measurement Fails (a
 * failureCondition on NaN just does not fail, which is the safe way round).
 * Example: `result[0] < 0.05` over `sum(rate(x[5m]))` → one warning (empty); `len(result) == 0 ||
 * result[0] >= 0.95` over `sum(rate(ok[1m])) / sum(rate(all[1m]))` → one warning (NaN).
 */
function unsafeEmpty(m: TemplateMetric): Finding[] {
  const query = m.written.provider.prometheus?.query;
  if (query === undefined) return [];
  const q = firstQuery([query, ...m.measured.map((x) => x.provider.prometheus?.query)]);
  if (q === undefined) return [];
  const fallback = exprsOf(q).some((e) => e.kind === 'binary' && e.op === 'or'
    && exprsOf(e.rhs).some((x) => x.kind === 'call' && x.func === 'vector'));
  const divides = exprsOf(q).some((e) => e.kind === 'binary' && e.op === '/');
  return FIELDS.flatMap((field) => {
    const tree = firstCondition([m.written[field], ...m.measured.map((x) => x[field])]);
    if (tree === undefined || !nodesOf(tree).some(indexesResult)) return [];
    const empty = !fallback && !guardsEmpty(tree);
    const nan = divides && field === 'successCondition' && !guardsNaN(tree);
    if (!empty && !nan) return [];
    const condition = (m.written[field] ?? '').trim();
    const path = `spec.metrics[${m.index}].${field}`;
    if (!empty) {
      return [warning('condition-unsafe-empty', sourceOf(m, field), path,
        `${field} of metric "${m.written.name}" reads result[0] of a ratio, which is NaN (0/0) while the canary has no traffic: NaN compares false, so the measurement Fails, and enough of them abort a healthy release`,
        `guard it: isNaN(result[0]) || ${condition} — no traffic then passes; or keep failing on it on purpose and say so in a comment`)];
    }
    const also = nan ? ', or NaN (0/0) from its ratio' : '';
    return [warning('condition-unsafe-empty', sourceOf(m, field), path,
      `${field} of metric "${m.written.name}" reads result[0], but a quiet canary's query returns no series${also}: the measurement is an Error${nan ? ' or a Failure' : ''}, and enough of them abort a healthy release (scenarios/low-traffic-nan.yaml)`,
      guardFix(field, nan ? `isNaN(result[0]) || ${condition}` : condition))];
  });
}

/** Both condition rules over every template metric of the file. */
export function conditionRules(scenario: Scenario): Finding[] {
  return templateMetrics(scenario).flatMap((m) => [...resultNotIndexed(m), ...unsafeEmpty(m)]);
}
