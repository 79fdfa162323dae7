/**
 * Walks the lezer syntax tree of a PromQL query into the typed AST (ast.ts), applying the checks
 * Prometheus 2.42's grammar actions make while parsing (unknown functions, regex compilation, ranges
 * only on selectors, offset/@ placement, duration literals) and rejecting newer syntax lezer accepts.
 *
 *   new Walker(query, lex(query)).expr(tree.topNode.firstChild) ⇒ {kind: 'binary', op: '/', ...}
 */
import type { SyntaxNode } from '@lezer/common';
import { formatGoFixed6, numError } from '../go/index.js';
import { METRIC_NAME } from '../metrics/labels.js';
import type { LabelMatcher, MatchType } from '../metrics/store.js';
import { FUNCTIONS } from './ast.js';
import type { AggregateOp, AtModifier, BinaryOp, Expr, PosRange, VectorMatching, VectorSelector } from './ast.js';
import { ParseError } from './errors.js';
import type { LexResult } from './lexer.js';
import { parseDuration, parseNumber, unquote } from './literals.js';
import { compileAnchored } from './regex.js';
import { unexpectedAt } from './syntax-errors.js';

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-', Eql: '==', Neq: '!=',
  Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', And: 'and', Or: 'or', Unless: 'unless',
};
const MATCH_OPS: Record<string, MatchType> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const NOT_IN_242: Record<string, string> = {
  AnchoredExpr: 'anchored', SmoothedExpr: 'smoothed', FillModifier: 'fill', TrimUpper: '</', TrimLower: '>/',
};

export const children = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
};

export class Walker {
  constructor(private readonly q: string, private readonly lexed: LexResult) {}

  private text(n: SyntaxNode): string {
    return this.q.slice(n.from, n.to);
  }
  private pos(n: SyntaxNode): PosRange {
    return { start: n.from, end: n.to };
  }

  expr(n: SyntaxNode): Expr {
    const kids = children(n);
    const kid = (i: number): SyntaxNode => kids[i] as SyntaxNode;
    switch (n.name) {
      case 'ParenExpr': return { kind: 'paren', expr: this.expr(kid(0)), pos: this.pos(n) };
      case 'NumberDurationLiteral': return this.number(n);
      case 'StringLiteral': return { kind: 'string', value: this.string(n), pos: this.pos(n) };
      case 'VectorSelector': return this.vectorSelector(n, kids);
      case 'MatrixSelector': case 'SubqueryExpr': case 'OffsetExpr': case 'StepInvariantExpr':
        return this.postfix(n, kid(0), kids);
      case 'UnaryExpr': {
        const op = this.text(kid(0)) === '-' ? '-' : '+';
        const inner = this.expr(kid(1));
        if (inner.kind === 'number') {
          return { kind: 'number', value: op === '-' ? -inner.value : inner.value, pos: { start: n.from, end: inner.pos.end } };
        }
        return { kind: 'unary', op, expr: inner, pos: this.pos(n) };
      }
      case 'BinaryExpr': return this.binary(n, kids);
      case 'FunctionCall': return this.call(n, kids);
      case 'AggregateExpr': return this.aggregate(n, kids);
      default: {
        const what = NOT_IN_242[n.name];
        throw what ? unexpectedAt(this.lexed, this.findWord(n, what)) : unexpectedAt(this.lexed, n.from);
      }
    }
  }

  private findWord(n: SyntaxNode, word: string): number {
    const i = this.q.toLowerCase().indexOf(word, n.from);
    return i >= 0 ? i : n.from;
  }

  /**
   * Range, subquery, offset and @ bind tighter than unary minus in 2.42 (`-x[5m]` is `-(x[5m])`);
   * lezer attaches them to the unary expression, so they are pushed inside it here.
   */
  private postfix(n: SyntaxNode, innerNode: SyntaxNode, kids: SyntaxNode[]): Expr {
    if (innerNode.name === 'UnaryExpr') {
      const [opNode, operand] = children(innerNode) as [SyntaxNode, SyntaxNode];
      const inner = this.postfix(n, operand, kids);
      return { kind: 'unary', op: this.text(opNode) === '-' ? '-' : '+', expr: inner, pos: { start: innerNode.from, end: n.to } };
    }
    const inner = this.expr(innerNode);
    switch (n.name) {
      case 'MatrixSelector': return this.matrix(n, inner, kids);
      case 'SubqueryExpr': {
        const range = this.duration(kids[1] as SyntaxNode);
        const step = kids[2] ? this.duration(kids[2]) : 0;
        return { kind: 'subquery', expr: inner, rangeMs: range, stepMs: step, offsetMs: 0, at: null, pos: this.pos(n) };
      }
      case 'OffsetExpr': return this.offset(inner, kids);
      default: return this.at(inner, kids);
    }
  }

  private number(n: SyntaxNode): Expr {
    const raw = this.text(n);
    const sign = raw[0] === '-' || raw[0] === '+' ? raw[0] : '';
    let body = raw.slice(sign.length).trim();
    const full = this.lexed.tokens.find((t) => t.pos === n.from + raw.length - body.length);
    if (full?.kind === 'NUMBER') body = full.val;
    const tok = this.lexed.tokens.find((t) => t.pos === n.from + raw.length - body.length);
    if (tok && tok.kind !== 'NUMBER') throw unexpectedAt(this.lexed, tok.pos);
    const v = parseNumber(body);
    if (v === null) throw new ParseError(n.from, `error parsing number: ${numError('ParseFloat', body, 'invalid syntax')}`);
    return { kind: 'number', value: sign === '-' ? -v : v, pos: this.pos(n) };
  }

  private string(n: SyntaxNode): string {
    const raw = this.text(n);
    const v = unquote(raw);
    if (v === null) throw new ParseError(n.from, `error unquoting string ${JSON.stringify(raw)}: invalid syntax`);
    return v;
  }

  /** A duration inside [...] or after offset: 2.42 accepts only a duration literal with units. */
  private duration(n: SyntaxNode, context = 'subquery selector'): number {
    const kids = children(n);
    const lit = kids[0];
    const tok = this.lexed.tokens.find((t) => t.pos >= n.from && t.kind !== 'COMMENT');
    if (!tok || tok.kind !== 'DURATION') throw unexpectedAt(this.lexed, tok?.pos ?? n.from, ` in ${context}, expected duration`);
    if (kids.length !== 1 || !lit || lit.name !== 'NumberDurationLiteralInDurationContext' || lit.from !== tok.pos) {
      throw unexpectedAt(this.lexed, tok.pos + tok.val.length);
    }
    const ms = parseDuration(tok.val);
    if (typeof ms === 'string') throw new ParseError(tok.pos, ms);
    if (ms === 0) throw new ParseError(tok.pos, 'duration must be greater than 0');
    return ms;
  }

  private vectorSelector(n: SyntaxNode, kids: SyntaxNode[]): VectorSelector {
    let name = '';
    const matchers: LabelMatcher[] = [];
    for (const k of kids) {
      if (k.name === 'Identifier') name = this.text(k);
      else if (k.name === 'LabelMatchers') {
        for (const m of children(k)) {
          if (m.name !== 'UnquotedLabelMatcher') throw unexpectedAt(this.lexed, m.from, ' in label matching, expected identifier or "}"');
          const [ln, op, str] = children(m);
          if (!ln || !op || !str) throw unexpectedAt(this.lexed, m.to);
          const type = MATCH_OPS[op.firstChild?.name ?? ''] as MatchType;
          matchers.push(makeMatcher(this.text(ln), type, this.string(str), ln.from));
        }
      }
    }
    if (name !== '') matchers.push(makeMatcher(METRIC_NAME, '=', name, n.from));
    return { kind: 'vectorSelector', name, matchers, offsetMs: 0, at: null, pos: this.pos(n) };
  }

  private matrix(n: SyntaxNode, inner: Expr, kids: SyntaxNode[]): Expr {
    const bracket = this.q.indexOf('[', inner.pos.end);
    const range = this.duration(kids[1] as SyntaxNode, 'range');
    if (inner.kind !== 'vectorSelector') throw new ParseError(bracket, 'ranges only allowed for vector selectors');
    if (inner.offsetMs !== 0) throw new ParseError(bracket, 'no offset modifiers allowed before range');
    if (inner.at) throw new ParseError(bracket, 'no @ modifiers allowed before range');
    return { kind: 'matrixSelector', vs: inner, rangeMs: range, pos: this.pos(n) };
  }

  private offset(inner: Expr, kids: SyntaxNode[]): Expr {
    let d = kids[2] as SyntaxNode;
    let sign = 1;
    for (let dk = children(d); dk[0]?.name === 'UnaryOp'; dk = children(d)) {
      if (this.text(dk[0]) === '-') sign = -sign;
      d = dk[dk.length - 1] as SyntaxNode;
    }
    const ms = sign * this.duration(d, 'offset');
    const target = inner.kind === 'matrixSelector' ? inner.vs : inner;
    if (target.kind !== 'vectorSelector' && target.kind !== 'subquery') {
      throw new ParseError(inner.pos.start, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    }
    if (target.offsetMs !== 0) throw new ParseError(inner.pos.start, 'offset may not be set multiple times');
    target.offsetMs = ms;
    return inner;
  }

  private at(inner: Expr, kids: SyntaxNode[]): Expr {
    const v = kids[2] as SyntaxNode;
    let at: AtModifier;
    if (v.name === 'AtModifierPreprocessors') at = { kind: this.text(v).toLowerCase().startsWith('start') ? 'start' : 'end' };
    else {
      const num = this.number(v);
      const ts = num.kind === 'number' ? num.value : NaN;
      if (!Number.isFinite(ts) || Math.abs(ts) >= 9.223372036854776e18) {
        throw new ParseError(inner.pos.start, `timestamp out of bounds for @ modifier: ${formatGoFixed6(ts)}`);
      }
      at = { kind: 'ts', ms: Math.round(ts * 1000) };
    }
    const target = inner.kind === 'matrixSelector' ? inner.vs : inner;
    if (target.kind !== 'vectorSelector' && target.kind !== 'subquery') {
      throw new ParseError(inner.pos.start, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    }
    if (target.at) throw new ParseError(inner.pos.start, '@ <timestamp> may not be set multiple times');
    target.at = at;
    return inner;
  }

  private binary(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const lhsNode = kids[0] as SyntaxNode;
    const rhsNode = kids[kids.length - 1] as SyntaxNode;
    const opNode = kids[1] as SyntaxNode;
    const op = BINARY_OPS[opNode.name];
    if (!op) throw unexpectedAt(this.lexed, opNode.from);
    let returnBool = false;
    let matching: VectorMatching = { card: 'one-to-one', labels: [], on: false, include: [] };
    for (const k of kids.slice(2, -1)) {
      if (k.name === 'BoolModifier') returnBool = true;
      else if (k.name === 'MatchingModifierClause') matching = this.matching(k);
      else throw unexpectedAt(this.lexed, k.from);
    }
    let lhs = this.expr(lhsNode);
    const rhs = this.expr(rhsNode);
    // 2.42 lexes `-2 ^ 2` as unary minus applied to `2 ^ 2`; lezer folds the sign into the literal.
    if (op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^[-+]/.test(this.text(lhsNode)) && lhs.kind === 'number') {
      const sign = this.text(lhsNode)[0] === '-' ? '-' : '+';
      lhs = { kind: 'number', value: Math.abs(lhs.value), pos: { start: lhs.pos.start + 1, end: lhs.pos.end } };
      if (Object.is(lhs.value, 0) && sign === '+') lhs = { ...lhs, value: 0 };
      const pow: Expr = { kind: 'binary', op, lhs, rhs, returnBool, matching, pos: { start: lhs.pos.start, end: rhs.pos.end } };
      return { kind: 'unary', op: sign, expr: pow, pos: this.pos(n) };
    }
    return { kind: 'binary', op, lhs, rhs, returnBool, matching, pos: this.pos(n) };
  }

  private matching(n: SyntaxNode): VectorMatching {
    const kids = children(n);
    const on = kids[0]?.name === 'On';
    const labels = this.groupingLabels(kids[1] as SyntaxNode);
    let card: VectorMatching['card'] = 'one-to-one';
    let include: string[] = [];
    if (kids[2]) {
      card = kids[2].name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
      if (kids[3]) include = this.groupingLabels(kids[3]);
    }
    return { card, labels, on, include };
  }

  private groupingLabels(n: SyntaxNode): string[] {
    return children(n).map((k) => {
      if (k.name !== 'LabelName') throw unexpectedAt(this.lexed, k.from, ' in grouping opts, expected label');
      return this.text(k);
    });
  }

  private call(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const ident = kids[0] as SyntaxNode;
    const name = this.text(ident);
    const args = children(kids[1] as SyntaxNode).map((a) => this.expr(a));
    if (!FUNCTIONS[name]) throw new ParseError(ident.from, `unknown function with name "${name}"`);
    return { kind: 'call', func: name, args, pos: { start: n.from, end: n.to } };
  }

  private aggregate(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const opNode = kids[0] as SyntaxNode;
    const op = this.text(opNode).toLowerCase();
    if (op === 'limitk' || op === 'limit_ratio') throw new ParseError(opNode.from, `unknown function with name "${op}"`);
    let grouping: string[] = [];
    let without = false;
    let body: SyntaxNode | null = null;
    for (const k of kids.slice(1)) {
      if (k.name === 'AggregateModifier') {
        const mk = children(k);
        without = mk[0]?.name === 'Without';
        grouping = this.groupingLabels(mk[mk.length - 1] as SyntaxNode);
      } else body = k;
    }
    const args = body ? children(body).map((a) => this.expr(a)) : [];
    const withParam = ['topk', 'bottomk', 'count_values', 'quantile'].includes(op);
    if (args.length === 0) throw new ParseError(n.from, 'no arguments for aggregate expression provided');
    const want = withParam ? 2 : 1;
    if (args.length !== want) {
      throw new ParseError(n.from, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
    }
    return {
      kind: 'aggregate', op: op as AggregateOp, expr: args[want - 1] as Expr, param: withParam ? (args[0] as Expr) : null,
      grouping, without, pos: this.pos(n),
    };
  }
}

function makeMatcher(name: string, type: MatchType, value: string, pos: number): LabelMatcher {
  if (type === '=') return { name, type, value, matches: (v) => v === value };
  if (type === '!=') return { name, type, value, matches: (v) => v !== value };
  const c = compileAnchored(value);
  if (!c.ok) throw new ParseError(pos, c.error);
  const re = c.re;
  return type === '=~' ? { name, type, value, matches: (v) => re.test(v) } : { name, type, value, matches: (v) => !re.test(v) };
}
