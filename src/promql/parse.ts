/**
 * PromQL parsing: the lezer grammar (`@prometheus-io/lezer-promql`, the one Prometheus' UI uses) builds
 * the syntax tree, which is walked into the typed AST of ast.ts. The grammar is Prometheus 3.x's; what
 * 2.42 does not accept (limitk, fill(), anchored, quoted metric names, duration arithmetic, ...) is
 * rejected here with 2.42's message. Lexical errors come from the 2.42 lexer port (lexer.ts) so their
 * wording and position match Prometheus: `1:34: parse error: unclosed left parenthesis`. Long binary
 * chains, which lezer cannot take whole, are cut and joined by parse-chains.ts.
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
import type { LexResult } from './lexer.js';
import { CHAIN_LIMIT, findChains, joinChain } from './parse-chains.js';
import type { Chain, ChainOperator } from './parse-chains.js';
import { depthOf, shiftPositions, substitute } from './parse-splice.js';
import { tokenError, unexpectedAt } from './syntax-errors.js';
import { Walker, children } from './walker.js';

/**
 * The deepest tree checked and evaluated: both recurse, and V8's stack ends near 3 500 levels (Go's
 * grows, so Prometheus has no such limit). 2 000-term chains parse and evaluate.
 */
export const MAX_DEPTH = 2048;

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

/**
 * Parses without the cache, cutting chains of more than `chainLimit` operators (tests compare a low
 * limit, which cuts nearly every chain, against lezer parsing chains whole).
 */
export function parseWithChainLimit(query: string, chainLimit: number): ParseResult {
  try {
    return { ok: true, expr: parseOrThrow(query, chainLimit) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ok: false, error: formatParseError(query, e) };
  }
}

function parseOrThrow(query: string, limit = CHAIN_LIMIT): Expr {
  const lexed = lex(query);
  if (lexed.tokens.every((t) => t.kind === 'COMMENT' || t.kind === 'EOF') && !lexed.error) {
    throw new ParseError(0, 'no expression found in input');
  }
  const expr = parsePiece(query, lexed, limit);
  const depth = depthOf(expr);
  if (depth > MAX_DEPTH) {
    throw new ParseError(0, `query nests ${depth} levels deep (a chain of n operators is n levels); rollout-sim evaluates at most ${MAX_DEPTH}: split it, e.g. into several sums`);
  }
  checkAST(expr, query);
  return expr;
}

/**
 * The AST of `text` (a query, or one operand of a long chain), positions relative to `text`, not yet
 * type-checked. Long chains are parsed apart and stand in the lezer parse as a placeholder selector;
 * the first error by position wins, as in Prometheus' left-to-right parse.
 */
function parsePiece(text: string, lexed: LexResult, limit: number): Expr {
  const chains = findChains(text, lexed, limit);
  if (chains.length === 0) return lezerParse(text, lexed);
  const whole = chains[0] as Chain;
  if (chains.length === 1 && !lexed.error && whole.start === firstTokenAt(lexed) && whole.end === text.length) {
    return parseChain(text, lexed, whole, limit);
  }
  let outer: Expr | ParseError;
  const holed = punchHoles(text, chains);
  try {
    outer = lezerParse(holed, lexed);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    outer = e;
  }
  const parts = new Map<number, Expr>();
  for (const c of chains) {
    try {
      parts.set(c.start, parseChain(text, lexed, c, limit));
    } catch (e) {
      if (outer instanceof ParseError && e instanceof ParseError && firstOf(outer, e, lexed) === outer) throw outer;
      throw e;
    }
  }
  if (outer instanceof ParseError) throw outer;
  return substitute(outer, parts);
}

/**
 * Which error 2.42's left-to-right parse meets first: the earlier syntax error; a syntax error inside a
 * chain before a semantic error of the text around it (raised when the enclosing construct is reduced,
 * after its contents); a lexical error before a syntax error found where the lexer had stopped;
 * otherwise the earlier one.
 */
function firstOf(outer: ParseError, inner: ParseError, lexed: LexResult): ParseError {
  const lexAt = lexed.error?.at;
  if (outer.syntax === 'lexical' && lexAt !== undefined && typeof inner.syntax === 'object' && inner.syntax.at >= lexAt) return outer;
  if (outer.syntax === undefined && inner.syntax !== undefined) return inner;
  return outer.pos <= inner.pos ? outer : inner;
}

const firstTokenAt = (lexed: LexResult): number => lexed.tokens.find((t) => t.kind !== 'COMMENT')?.pos ?? 0;

/**
 * `text` with each chain replaced by a selector `x` padded with spaces to the chain's length, so every
 * position stays put; substitute() finds the placeholders by where they start.
 */
function punchHoles(text: string, chains: readonly Chain[]): string {
  let out = '';
  let at = 0;
  for (const c of chains) {
    out += text.slice(at, c.start) + 'x'.padEnd(c.end - c.start, ' ');
    at = c.end;
  }
  return out + text.slice(at);
}

/** A chain of `text`: each operand parsed as a piece of its own, the operators from `x <op> x` skeletons. */
function parseChain(text: string, lexed: LexResult, chain: Chain, limit: number): Expr {
  const operands: Expr[] = [];
  const operators: ChainOperator[] = [];
  for (let k = 0; k <= chain.ops.length; k++) {
    const from = k === 0 ? chain.start : (chain.ops[k - 1] as { rhs: number }).rhs;
    const to = k === chain.ops.length ? chain.end : (chain.ops[k] as { at: number }).at;
    operands.push(parseOperand(text, lexed, from, to, limit));
    if (k < chain.ops.length) operators.push(parseOperator(text, lexed, chain.ops[k] as { at: number; rhs: number }));
  }
  return joinChain(operands, operators);
}

function parseOperand(text: string, lexed: LexResult, from: number, to: number, limit: number): Expr {
  const piece = text.slice(from, to);
  const pieceLexed = lex(piece);
  if (pieceLexed.tokens.every((t) => t.kind === 'COMMENT' || t.kind === 'EOF') && !pieceLexed.error) throw unexpectedAt(lexed, to);
  try {
    return shiftPositions(parsePiece(piece, pieceLexed, limit), from);
  } catch (e) {
    throw e instanceof ParseError ? placeError(e, from, lexed) : e;
  }
}

/**
 * An error of a piece that starts at `from` of the text `lexed` was made from: moved there, and a
 * syntax error described again with the text's tokens (the real next token, the enclosing context).
 */
function placeError(e: ParseError, from: number, lexed: LexResult): ParseError {
  if (e.syntax === undefined || e.syntax === 'lexical') return new ParseError(e.pos + from, e.msg, e.syntax);
  return unexpectedAt(lexed, e.syntax.at + from, e.syntax.fallback);
}

const operatorCache = new Map<string, ChainOperator>();

/** `+`, `> bool`, `/ on(pod) group_left(x)`: parsed once per spelling as `x <op> x`; errors placed in `text`. */
function parseOperator(text: string, lexed: LexResult, op: { at: number; rhs: number }): ChainOperator {
  const spelling = text.slice(op.at, op.rhs);
  let o = operatorCache.get(spelling);
  if (o === undefined) {
    const skeleton = `x ${spelling} x`;
    let e: Expr;
    try {
      e = lezerParse(skeleton, lex(skeleton));
    } catch (err) {
      throw err instanceof ParseError ? placeError(err, op.at - 2, lexed) : err;
    }
    if (e.kind !== 'binary') throw new ParseError(op.at, `unexpected ${spelling.trim()}`);
    o = { op: e.op, returnBool: e.returnBool, matching: e.matching };
    if (operatorCache.size >= 200) operatorCache.clear();
    operatorCache.set(spelling, o);
  }
  // check.ts settles a set operator's cardinality on the node's own matching: never share one.
  return { ...o, matching: o.matching && { ...o.matching } };
}

/**
 * lezer over `holed` (the text, with long chains cut out if any; `lexed` is the text's tokens).
 * 3.x's grammar no longer knows holt_winters, nor numbers like `5.`: it parses same-length stand-ins,
 * and the walker reads names and numbers from `holed`.
 */
function lezerParse(holed: string, lexed: LexResult): Expr {
  const pieces: string[] = [];
  let at = 0;
  const replace = (pos: number, s: string): void => {
    pieces.push(holed.slice(at, pos), s);
    at = pos + s.length;
  };
  for (const t of lexed.tokens) {
    if (holed.slice(t.pos, t.pos + t.val.length) !== t.val) continue; // inside a hole
    if (t.kind === 'IDENTIFIER' && t.val === 'holt_winters') replace(t.pos, 'day_of_month');
    if (t.kind === 'NUMBER' && /^\d+\.$/.test(t.val)) replace(t.pos + t.val.length - 1, ' ');
  }
  const tree = parser.parse(pieces.join('') + holed.slice(at));
  let firstErr: SyntaxNode | null = null;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError && (!firstErr || n.from < firstErr.from)) firstErr = n.node;
    },
  });
  const errNode = firstErr as SyntaxNode | null;
  const early = tokenError(lexed) ?? lexed.error;
  const earlyAt = early && 'at' in early ? early.at : early?.pos;
  if (early && (!errNode || (earlyAt as number) <= errNode.from)) throw new ParseError(early.pos, early.msg, 'lexical');
  if (errNode) throw unexpectedAt(lexed, errNode.from);
  const top = children(tree.topNode)[0];
  if (!top) throw new ParseError(0, 'no expression found in input');
  return new Walker(holed, lexed).expr(top);
}
