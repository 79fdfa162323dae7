/**
 * PromQL parsing: the lezer grammar (`@prometheus-io/lezer-promql`, the one Prometheus' UI uses) builds
 * the syntax tree, which is walked into the typed AST of ast.ts. The grammar is Prometheus 3.x's; what
 * 2.42 does not accept (limitk, fill(), anchored, quoted metric names, duration arithmetic, ...) is
 * rejected here with 2.42's message. Lexical errors come from the 2.42 lexer port (lexer.ts) so their
 * wording and position match Prometheus: `1:34: parse error: unclosed left parenthesis`.
 *
 *   parsePromQL('sum by (pod) (rate(x[5m]))') ⇒ {ok: true, expr: {kind: 'aggregate', op: 'sum', ...}}
 *   parsePromQL('1 > 2') ⇒ {ok: false, error: '1:3: parse error: comparisons between scalars must use BOOL modifier'}
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import type { Expr } from './ast.js';
import { checkAST } from './check.js';
import { ParseError, formatParseError } from './errors.js';
import { lex } from './lexer.js';
import { tokenError, unexpectedAt } from './syntax-errors.js';
import { Walker, children } from './walker.js';

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: string };

const parsed = new Map<string, ParseResult>();

/** Parses a query; results are cached (analysis runs evaluate the same few queries over and over). */
export function parsePromQL(query: string): ParseResult {
  const hit = parsed.get(query);
  if (hit) return hit;
  let res: ParseResult;
  try {
    res = { ok: true, expr: parseOrThrow(query) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    res = { ok: false, error: formatParseError(query, e) };
  }
  if (parsed.size >= 500) parsed.clear();
  parsed.set(query, res);
  return res;
}

function parseOrThrow(query: string): Expr {
  const lexed = lex(query);
  if (lexed.tokens.every((t) => t.kind === 'COMMENT' || t.kind === 'EOF') && !lexed.error) {
    throw new ParseError(0, 'no expression found in input');
  }
  // lezer's grammar (3.x) no longer knows holt_winters, nor numbers like `5.`: parse same-length stand-ins;
  // the walker reads names and numbers from the original text.
  let source = query;
  const replace = (pos: number, text: string): void => {
    source = source.slice(0, pos) + text + source.slice(pos + text.length);
  };
  for (const t of lexed.tokens) {
    if (t.kind === 'IDENTIFIER' && t.val === 'holt_winters') replace(t.pos, 'day_of_month');
    if (t.kind === 'NUMBER' && /^\d+\.$/.test(t.val)) replace(t.pos + t.val.length - 1, ' ');
  }
  const tree = parser.parse(source);
  let firstErr: SyntaxNode | null = null;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && (!firstErr || n.from < firstErr.from)) firstErr = n.node;
    },
  });
  const errNode = firstErr as SyntaxNode | null;
  const early = tokenError(lexed) ?? lexed.error;
  const earlyAt = early && 'at' in early ? early.at : early?.pos;
  if (early && (!errNode || (earlyAt as number) <= errNode.from)) throw new ParseError(early.pos, early.msg);
  if (errNode) throw unexpectedAt(lexed, errNode.from);
  const top = children(tree.topNode)[0];
  if (!top) throw new ParseError(0, 'no expression found in input');
  const expr = new Walker(query, lexed).expr(top);
  checkAST(expr, query);
  return expr;
}

