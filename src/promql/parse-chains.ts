/**
 * Long binary chains. lezer's LR parser gives up on a few hundred operands in one chain (334 selectors
 * joined by `or`, 1 200 numbers joined by `+`) and reports an invented syntax error, where Prometheus
 * 2.42's yacc parser simply parses them. So a chain of more than CHAIN_LIMIT operators at one level
 * (the whole query, or one argument or parenthesis of it) is cut at its operators, each operand is
 * parsed on its own, and the operands are joined with PromQL's precedence, left-associative as every
 * operator below `^` is (`^` chains, and the unary `-` that binds them, stay inside one operand).
 *
 *   findChains('a + b * c', lex('a + b * c'), 1) ⇒ [{start: 0, end: 9, ops: [{at: 2, rhs: 4}, {at: 6, rhs: 8}]}]
 *   joinChain([a, b, c], ['+', '*'])           ⇒ a + (b * c)
 */
import type { BinaryExpr, BinaryOp, Expr } from './ast.js';
import type { LexResult, Token } from './lexer.js';

/** Chains with more operators than this are split; shorter ones go to lezer whole. */
export const CHAIN_LIMIT = 0;

/** One operator of a chain: where its token starts, and where its right operand starts (after `bool`, `on(…)`, `group_left(…)`). */
export interface ChainOp {
  readonly at: number;
  readonly rhs: number;
}

/** A chain: the text [start, end) of one expression level, and its split points (offsets into the text). */
export interface Chain {
  readonly start: number;
  readonly end: number;
  readonly ops: readonly ChainOp[];
}

const CLOSES: Record<Frame['open'], string> = { '': '', '(': ')', 'list': ')', '{': '}', '[': ']' };
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const SET_WORDS = new Set(['and', 'or', 'unless']);
const BINARY = new Set(['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless']);
/** PromQL precedence (2.42's generated_parser.y): or < and/unless < comparisons < +,- < *,/,%,atan2 (< ^). */
const PRECEDENCE: Record<string, number> = {
  'or': 1, 'and': 2, 'unless': 2, '==': 3, '!=': 3, '>': 3, '<': 3, '>=': 3, '<=': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, 'atan2': 5,
};

/** An open `(`, `{`, `[` or label list (or the whole text, ''): the segment being scanned and its split points. */
interface Frame {
  readonly open: '' | '(' | '{' | '[' | 'list';
  start: number;
  ops: ChainOp[];
  /** The next `+`/`-` is a sign (nothing that ends an operand came before it at this level). */
  expectOperand: boolean;
}

/**
 * The outermost chains of more than `limit` operators in `text`, in order. A level is the whole text or
 * one comma-separated part of a parenthesis (a function argument, an aggregation body, a paren
 * expression); `{…}` and `[…]` hold no operators. Linear in the number of tokens.
 */
export function findChains(text: string, lexed: LexResult, limit: number): Chain[] {
  const found: Chain[] = [];
  const tokens = lexed.tokens.filter((t) => t.kind !== 'COMMENT');
  const stack: Frame[] = [];
  const open = (o: Frame['open'], start: number): void => void stack.push({ open: o, start, ops: [], expectOperand: true });
  const finish = (f: Frame, end: number): void => {
    if (f.ops.length > limit) found.push({ start: f.start, end, ops: f.ops });
  };
  const stop = lexed.error ? lexed.error.at : text.length;
  open('', tokenStart(tokens, 0, stop));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'EOF') break;
    const top = stack[stack.length - 1] as Frame;
    const v = t.val;
    if (t.kind === 'PUNCT' && (v === '(' || v === '{' || v === '[')) {
      // A label list (`by (…)`, `on (…)`, …) holds no expression, nor does anything inside `{…}`, `[…]` or a list.
      const list = v === '(' && (top.open !== '' && top.open !== '(' || LABEL_LISTS.has(tokens[i - 1]?.kind === 'KEYWORD' ? (tokens[i - 1] as Token).val.toLowerCase() : ''));
      open(list ? 'list' : (v as '(' | '{' | '['), tokenStart(tokens, i + 1, stop));
    } else if (t.kind === 'PUNCT' && (v === ')' || v === '}' || v === ']')) {
      if (stack.length === 1) break; // unbalanced: the lexer reports it
      if (CLOSES[top.open] !== v) return []; // `x[5m)`: lezer, parsing whole, describes it
      stack.pop();
      if (top.open === '(') finish(top, t.pos);
      (stack[stack.length - 1] as Frame).expectOperand = false;
    } else if (top.open !== '' && top.open !== '(') {
      continue;
    } else if (t.kind === 'PUNCT' && v === ',') {
      finish(top, t.pos);
      top.start = tokenStart(tokens, i + 1, stop);
      top.ops = [];
      top.expectOperand = true;
    } else if (t.kind === 'OPERATOR' && (v === '+' || v === '-') && top.expectOperand) {
      continue; // a sign: `a + -b`, `- -1`
    } else if (t.kind === 'OPERATOR' && SET_WORDS.has(v.toLowerCase()) && top.expectOperand) {
      top.expectOperand = false; // 2.42 takes `and`/`or`/`unless` where an operand belongs as a metric name
    } else if (t.kind === 'OPERATOR' && BINARY.has(v.toLowerCase())) {
      const after = skipModifiers(tokens, i + 1);
      if (after < 0) return []; // `on` without its list: lezer, parsing whole, describes it
      if (v !== '^') top.ops.push({ at: t.pos, rhs: tokenStart(tokens, after, stop) });
      i = after - 1;
      top.expectOperand = true;
    } else {
      // `offset` and `@` take a (possibly signed) argument; anything else ends or continues an operand.
      top.expectOperand = (t.kind === 'KEYWORD' && v.toLowerCase() === 'offset') || (t.kind === 'OPERATOR' && v === '@');
    }
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const f = stack[k] as Frame;
    if (f.open === '' || f.open === '(') finish(f, stop);
  }
  return outermost(found);
}

/** Where token i starts (or `stop` past the last token), so that a segment begins at its first token. */
function tokenStart(tokens: readonly Token[], i: number, stop: number): number {
  const t = tokens[i];
  return t === undefined || t.kind === 'EOF' ? stop : Math.min(t.pos, stop);
}

/** The token index after an operator's modifiers (`bool`, `on(…)`/`ignoring(…)`, `group_left(…)`/`group_right(…)`); -1 when a list is malformed. */
function skipModifiers(tokens: readonly Token[], i: number): number {
  const word = (k: number): string => (tokens[k]?.kind === 'KEYWORD' ? (tokens[k] as Token).val.toLowerCase() : '');
  const list = (k: number, required: boolean): number => {
    if (tokens[k]?.val !== '(') return required ? -1 : k;
    let j = k + 1;
    while (j < tokens.length && tokens[j]?.val !== ')' && tokens[j]?.kind !== 'EOF') j++;
    return tokens[j]?.val === ')' ? j + 1 : -1;
  };
  let j = i;
  if (word(j) === 'bool') j++;
  if (word(j) === 'on' || word(j) === 'ignoring') j = list(j + 1, true);
  if (j >= 0 && (word(j) === 'group_left' || word(j) === 'group_right')) j = list(j + 1, false);
  return j;
}

/** Drops chains inside another (they are found again when that chain's operand is parsed). */
function outermost(chains: Chain[]): Chain[] {
  const sorted = [...chains].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Chain[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || c.start >= last.end) out.push(c);
  }
  return out;
}

/** The operator of a parsed `x <op> x` skeleton, without its operands: what joinChain needs per operator. */
export type ChainOperator = Omit<BinaryExpr, 'lhs' | 'rhs' | 'pos' | 'kind'>;

/**
 * Joins operands with their operators by precedence, every level left-associative (shunting-yard with
 * explicit stacks, so a chain of any length costs linear time and no recursion).
 * `joinChain([1, 2, 3], [-, *])` ⇒ 1 - (2 * 3); `joinChain([1, 2, 3], [-, -])` ⇒ (1 - 2) - 3.
 */
export function joinChain(operands: readonly Expr[], operators: readonly ChainOperator[]): Expr {
  const values: Expr[] = [operands[0] as Expr];
  const pending: ChainOperator[] = [];
  const reduce = (): void => {
    const rhs = values.pop() as Expr;
    const lhs = values.pop() as Expr;
    const o = pending.pop() as ChainOperator;
    values.push({ kind: 'binary', op: o.op, lhs, rhs, returnBool: o.returnBool, matching: o.matching, pos: { start: lhs.pos.start, end: rhs.pos.end } });
  };
  operators.forEach((o, k) => {
    const p = precedence(o.op);
    while (pending.length > 0 && precedence((pending[pending.length - 1] as ChainOperator).op) >= p) reduce();
    pending.push(o);
    values.push(operands[k + 1] as Expr);
  });
  while (pending.length > 0) reduce();
  return values[0] as Expr;
}

const precedence = (op: BinaryOp): number => PRECEDENCE[op] ?? 6;
