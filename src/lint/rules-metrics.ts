/**
 * The metrics the manifest rules read: every template's metrics as written (referenced or not),
 * each with the versions a run would measure (args substituted) — a field written as
 * `{{args.window}}` only parses once substituted, so a rule tries the written text first, then each
 * substituted one.
 */
import type { Node } from '../analysis/expr/ast.js';
import { parse } from '../analysis/expr/parser.js';
import type { AnalysisMetric, AnalysisTemplate } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import type { Expr } from '../promql/ast.js';
import { parsePromQL } from '../promql/parse.js';
import { measuredMetrics } from './analyses.js';

/** One template metric: as written, and as the runs of the file's workloads would measure it. */
export interface TemplateMetric {
  readonly template: AnalysisTemplate;
  readonly index: number;
  readonly written: AnalysisMetric;
  readonly measured: readonly AnalysisMetric[];
}

/** Example: a file with template `errors` (one metric) used by one canary step → one TemplateMetric with one measured version. */
export function templateMetrics(scenario: Scenario): TemplateMetric[] {
  const measured = scenario.workloads.flatMap((w) => measuredMetrics(scenario, w));
  return scenario.analysisTemplates.flatMap((template) => template.metrics.map((written, index) => ({
    template, index, written,
    measured: measured.filter((m) => m.template === template && m.index === index).map((m) => m.metric),
  })));
}

/** The first of the texts that parses as PromQL. Example: ['x[{{args.w}}]', 'x[5m]'] → the tree of `x[5m]`. */
export function firstQuery(texts: readonly (string | undefined)[]): Expr | undefined {
  for (const t of texts) {
    if (t === undefined) continue;
    const p = parsePromQL(t);
    if (p.ok) return p.expr;
  }
  return undefined;
}

/** The first of the texts that parses as a condition. Example: ['result[0] < {{args.max}}', 'result[0] < 0.05'] → the second's tree. */
export function firstCondition(texts: readonly (string | undefined)[]): Node | undefined {
  for (const t of texts) {
    if (t === undefined || t.trim() === '') continue;
    try {
      return parse(t);
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Every node of a condition tree, depth first. Example: `len(result) == 0` → [binary, builtin len, ident result, int 0]. */
export function nodesOf(n: Node | undefined): Node[] {
  if (n === undefined) return [];
  const kids = ((): (Node | undefined)[] => {
    switch (n.k) {
      case 'unary': case 'chain': case 'predicate': return [n.node];
      case 'binary': return [n.left, n.right];
      case 'member': return [n.node, n.prop];
      case 'slice': return [n.node, n.from, n.to];
      case 'call': return [n.callee, ...n.args];
      case 'builtin': return n.args;
      case 'seq': case 'array': return n.nodes;
      case 'cond': return [n.cond, n.a, n.b];
      case 'let': return [n.value, n.expr];
      case 'map': return n.pairs.flatMap((p) => [p.key, p.value]);
      default: return [];
    }
  })();
  return [n, ...kids.flatMap(nodesOf)];
}

/** Every sub-expression of a query, depth first. Example: `a or vector(0)` → [binary, a, call vector, 0]. */
export function exprsOf(e: Expr): Expr[] {
  const kids = ((): Expr[] => {
    switch (e.kind) {
      case 'matrixSelector': return [e.vs];
      case 'subquery': case 'unary': case 'paren': return [e.expr];
      case 'call': return [...e.args];
      case 'aggregate': return e.param === null ? [e.expr] : [e.expr, e.param];
      case 'binary': return [e.lhs, e.rhs];
      default: return [];
    }
  })();
  return [e, ...kids.flatMap(exprsOf)];
}
