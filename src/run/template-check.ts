/**
 * Before a run: every AnalysisTemplate's PromQL queries and conditions must at least parse
 * (DESIGN §11: malformed PromQL and conditions are bad input, exit 2, not a surprise an hour
 * into a simulation). `{{args.x}}` placeholders are tried with a few stand-ins (a label value, a
 * number, a duration) so a query is only rejected when no value could make it parse.
 * `simulate analyze` does not use this: there, an unparseable condition is what you came to see.
 */
import { parse } from '../analysis/expr/parser.js';
import type { AnalysisTemplate } from '../model/rollout.js';
import { parsePromQL } from '../promql/index.js';
import { costProblems, type RunShape } from './template-cost.js';

export interface TemplateProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
}

const STAND_INS = ['x', '1', '5m'];
const PLACEHOLDER = /\{\{\s*args\.[^}]*\}\}/g;
const HAS_PLACEHOLDER = /\{\{\s*args\./;

/** Example: 'rate(x[{{args.w}}])' parses with '5m' → undefined; 'sum(rate(x[5m])' → the parse error. */
function firstError(text: string, check: (s: string) => string | undefined): string | undefined {
  if (!HAS_PLACEHOLDER.test(text)) return check(text);
  const contextual = text.replace(PLACEHOLDER, (_m, at: number) => standInFor(text, at));
  let first = check(contextual);
  if (first === undefined) return undefined;
  for (const v of STAND_INS) {
    const err = check(text.replace(PLACEHOLDER, v));
    if (err === undefined) return undefined;
    first ??= err;
  }
  return first;
}

/** A plausible value for the placeholder at `at`: a duration inside [ ], a label value in quotes, else a number. */
function standInFor(text: string, at: number): string {
  const before = text.slice(0, at).trimEnd().at(-1);
  if (before === '[' || before === ':') return '5m';
  if (before === '"' || before === "'" || before === '`') return 'x';
  return '1';
}

const promqlError = (q: string): string | undefined => {
  const r = parsePromQL(q);
  return r.ok ? undefined : r.error;
};

const conditionError = (c: string): string | undefined => {
  try {
    parse(c);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

/** Parse problems of every template; with the run's shape, also queries past the work budgets (template-cost.ts). */
export function checkTemplates(templates: readonly AnalysisTemplate[], shape?: RunShape): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const t of templates) {
    if (shape !== undefined) problems.push(...costProblems(t, shape));
    t.metrics.forEach((m, i) => {
      const at = { file: m.source.file, line: m.source.line, column: m.source.column };
      const report = (field: string, what: string, error: string | undefined): void => {
        if (error !== undefined) problems.push({ ...at, path: `${t.kind}/${t.name} spec.metrics[${i}].${field}`, message: `${what} does not parse: ${error}` });
      };
      const query = m.provider.prometheus?.query;
      if (query !== undefined) report('provider.prometheus.query', 'the PromQL query', firstError(query, promqlError));
      // A stand-in's PromQL comes from the Scenario's spec.providers.metrics; the message names it.
      const standIn = m.provider.standIn;
      if (standIn?.query !== undefined) report(`provider.${standIn.provider}`, 'the PromQL that spec.providers.metrics maps to it', firstError(standIn.query, promqlError));
      for (const [col, q] of Object.entries(standIn?.fields ?? {})) report(`provider.${standIn?.provider ?? ''}`, `the PromQL that spec.providers.metrics maps to its column ${col}`, firstError(q, promqlError));
      if (m.successCondition !== undefined && m.successCondition.trim() !== '') report('successCondition', 'successCondition', firstError(m.successCondition, conditionError));
      if (m.failureCondition !== undefined && m.failureCondition.trim() !== '') report('failureCondition', 'failureCondition', firstError(m.failureCondition, conditionError));
    });
  }
  return problems;
}
