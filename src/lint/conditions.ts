/**
 * Rule `condition-unknown-name`: a successCondition or failureCondition that names something
 * Argo's condition environment does not have (`reslt[0] < 6`). expr-lang refuses to compile it,
 * so every measurement of the metric is an Error and the analysis can never judge the release.
 * The condition is parsed with the project's expr parser (src/analysis/expr) and its names are
 * read off the tree.
 */
import type { Node } from '../analysis/expr/ast.js';
import { BUILTIN_NAMES } from '../analysis/expr/ast.js';
import { ENV_FUNCTIONS } from '../analysis/expr/argo-env.js';
import { parse } from '../analysis/expr/parser.js';
import { didYouMean } from '../scenario/errors.js';
import type { MeasuredMetric } from './analyses.js';
import { warning, type Finding } from './types.js';

/** What a condition may name: `result`, `args` (written as `{{args.x}}`), Argo's helpers, expr's builtins. */
const KNOWN = ['result', 'args', ...Object.keys(ENV_FUNCTIONS), ...BUILTIN_NAMES];

/**
 * The free names of a condition (those no `let` binds), in order, once each. Undefined when it
 * does not parse (the loader reports that as an error).
 *
 * Example: freeNames('reslt[0] < 6') → ['reslt']; freeNames('let x = result[0]; x < asFloat(1)')
 * → ['result', 'asFloat'].
 */
export function freeNames(source: string): string[] | undefined {
  let tree: Node;
  try {
    tree = parse(source);
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const visit = (n: Node | undefined, bound: readonly string[]): void => {
    if (n === undefined) return;
    const all = (...xs: (Node | undefined)[]): void => xs.forEach((x) => visit(x, bound));
    switch (n.k) {
      case 'ident':
        if (!bound.includes(n.name) && n.name !== '$env' && !names.includes(n.name)) names.push(n.name);
        return;
      case 'let':
        visit(n.value, bound);
        visit(n.expr, [...bound, n.name]);
        return;
      case 'unary': case 'chain': case 'predicate':
        return all(n.node);
      case 'binary':
        return all(n.left, n.right);
      case 'member':
        // `$env.x` reads the env by name: x is a name, as an identifier would be.
        if (n.node.k === 'ident' && n.node.name === '$env' && n.prop.k === 'string') return visit({ k: 'ident', name: n.prop.value }, bound);
        return all(n.node, n.prop);
      case 'slice':
        return all(n.node, n.from, n.to);
      case 'call':
        return all(n.callee, ...n.args);
      case 'builtin':
        return all(...n.args);
      case 'seq': case 'array':
        return all(...n.nodes);
      case 'cond':
        return all(n.cond, n.a, n.b);
      case 'map':
        return n.pairs.forEach((p) => all(p.key, p.value));
      default:
        return; // literals, constants and `#` pointers name nothing
    }
  };
  visit(tree, []);
  return names;
}

/**
 * Example: successCondition `reslt[0] < 6` → 'successCondition names "reslt", which Argo's condition
 * environment does not have: every measurement will be an Error' (did you mean "result"?).
 */
export function lintConditions(m: MeasuredMetric): Finding[] {
  const out: Finding[] = [];
  for (const field of ['successCondition', 'failureCondition'] as const) {
    const text = m.metric[field];
    if (text === undefined || text.trim() === '') continue;
    const unknown = (freeNames(text) ?? []).filter((n) => !KNOWN.includes(n));
    for (const name of unknown) {
      const near = didYouMean(name, KNOWN);
      out.push(warning('condition-unknown-name', m.written.sources?.[field] ?? m.written.source, `spec.metrics[${m.index}].${field}`,
        `${field} of metric "${m.written.name}" names "${name}", which Argo's condition environment does not have: every measurement will be an Error`,
        `${near === undefined ? '' : near + ' '}a condition can use result (the query's value), {{args.NAME}}, Argo's helpers (asInt, asFloat, isNaN, isInf, isNil, default) and expr-lang's builtins`));
    }
  }
  return out;
}
