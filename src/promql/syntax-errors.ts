/**
 * Describing a syntax error the way Prometheus 2.42's yacc parser does. The lezer tree only says *where*
 * parsing stopped; the 2.42 token stream (lexer.ts) says *what* was there and what came before it,
 * which picks the grammar's error context:
 *
 *   `sum by (pod) rate(x[5m])` ⇒ 1:14: unexpected identifier "rate" in aggregation
 *   `x{a}`                     ⇒ 1:4:  unexpected "}" in label matching, expected label matching operator
 *   `x offset`                 ⇒ 1:9:  unexpected end of input in offset, expected duration
 *   `rate(x[5m],)`             ⇒ 1:11: trailing commas not allowed in function call args
 */
import { goQuote, numError } from '../go/index.js';
import { ParseError } from './errors.js';
import { describeToken } from './lexer.js';
import type { LexResult, Token } from './lexer.js';
import { parseDuration, parseNumber } from './literals.js';

const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);

/** Errors 2.42 raises while reducing a single token (bad number or duration), as lexer-like errors. */
export function tokenError(lexed: LexResult): { pos: number; msg: string } | null {
  for (const [i, t] of lexed.tokens.entries()) {
    if (t.kind === 'NUMBER' && parseNumber(t.val) === null) {
      return { pos: t.pos, msg: `error parsing number: ${numError('ParseFloat', t.val, 'invalid syntax')}` };
    }
    const before = lexed.tokens[i - 1];
    const inDurationContext = before && ['[', ':', 'offset', '-'].includes(before.val.toLowerCase());
    if (t.kind === 'DURATION' && inDurationContext) {
      const d = parseDuration(t.val);
      if (typeof d === 'string') return { pos: t.pos, msg: d };
    }
  }
  return null;
}

function context(tokens: readonly Token[], i: number): string {
  const prev = (k: number): Token | undefined => tokens[i - k];
  const p1 = prev(1);
  if (!p1) return '';
  // Inside braces: the last "{" before the token is unclosed.
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.val === '}' && t.kind === 'PUNCT') depth++;
    if (t.val === '{' && t.kind === 'PUNCT') {
      if (depth === 0) {
        if (p1.kind === 'IDENTIFIER') return ' in label matching, expected label matching operator';
        if (MATCH_OPS.has(p1.val)) return ' in label matching, expected string';
        if (p1.kind === 'STRING') return ' in label matching, expected "," or "}"';
        return ' in label matching, expected identifier or "}"';
      }
      depth--;
    }
  }
  const wordLike = p1.kind === 'IDENTIFIER' || p1.kind === 'AGGREGATOR' || p1.kind === 'KEYWORD' || /^[a-z]/i.test(p1.val);
  if (wordLike && p1.val !== '(' && groupingOpen(tokens, i - 1)) return ' in grouping opts, expected "," or ")"';
  const lower = p1.val.toLowerCase();
  if (p1.kind === 'KEYWORD' && (lower === 'by' || lower === 'without')) return ' in grouping opts, expected "("';
  if (p1.kind === 'KEYWORD' && lower === 'offset') return ' in offset, expected duration';
  if (p1.val === '-' && prev(2)?.val.toLowerCase() === 'offset') return ' in offset, expected duration';
  if (p1.val === '@' || (p1.kind === 'KEYWORD' && (lower === 'start' || lower === 'end') && prev(2)?.val === '@')) {
    return ' in @, expected timestamp';
  }
  if (p1.val === ':' && p1.kind === 'PUNCT') return ' in subquery selector, expected duration or "]"';
  if (p1.kind === 'DURATION' && prev(2)?.val === ':') return ' in subquery selector, expected "]"';
  if (p1.kind === 'DURATION' && prev(2)?.val === '[') return ' in subquery or range, expected ":" or "]"';
  if ((p1.val === '(' || p1.val === ',') && groupingOpen(tokens, i)) return ' in grouping opts, expected label';
  if (p1.kind === 'AGGREGATOR') return ' in aggregation';
  if (p1.val === ')' && groupingCloses(tokens, i - 1)) return ' in aggregation';
  if (insideAggregation(tokens, i)) return ' in aggregation';
  return '';
}

/** Is token i inside `by (` / `without (` / `on (` ... `)`? */
function groupingOpen(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 1; k--) {
    const t = tokens[k] as Token;
    if (t.val === '(') {
      const kw = (tokens[k - 1] as Token).val.toLowerCase();
      return ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(kw);
    }
    if (t.val !== ',' && t.kind !== 'IDENTIFIER' && t.kind !== 'KEYWORD' && t.kind !== 'AGGREGATOR') return false;
  }
  return false;
}

/** Is token i anywhere inside an aggregation's argument list (`sum(... here ...)`)? yacc's error
 *  recovery unwinds to the innermost aggregation, so its context names it. */
function insideAggregation(tokens: readonly Token[], i: number): boolean {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.kind !== 'PUNCT') continue;
    if (t.val === ')') depth++;
    else if (t.val === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const before = tokens[k - 1];
      if (before?.kind === 'AGGREGATOR' || (before?.val === ')' && groupingCloses(tokens, k - 1))) return true;
    }
  }
  return false;
}

/** Does the `)` at index j close a `by (...)` / `without (...)` list? */
function groupingCloses(tokens: readonly Token[], j: number): boolean {
  for (let k = j - 1; k >= 1; k--) {
    const t = tokens[k] as Token;
    if (t.val === '(') {
      return ['by', 'without'].includes((tokens[k - 1] as Token).val.toLowerCase()) && tokens[k - 2]?.kind === 'AGGREGATOR';
    }
    if (t.val === ')') return false;
  }
  return false;
}

/** The 2.42-style error for a syntax error found by lezer at offset `pos`. */
export function unexpectedAt(lexed: LexResult, pos: number, fallbackContext = ''): ParseError {
  const syntax = { at: pos, fallback: fallbackContext };
  const tokens = lexed.tokens.filter((t) => t.kind !== 'COMMENT');
  let i = tokens.findIndex((t) => t.pos + t.val.length > pos || t.kind === 'EOF');
  if (i < 0) i = tokens.length - 1;
  const tok = tokens[i] ?? { kind: 'EOF' as const, pos, val: '' };
  const first = tokens[0];
  if (first && first.kind === 'OPERATOR' && first.val !== '-' && first.val !== '+') {
    // and/or/unless double as metric names in 2.42's grammar; the error is at what follows.
    const bad = /^(and|or|unless)$/i.test(first.val) ? (tokens[1] ?? first) : first;
    return new ParseError(bad.pos, `unexpected ${describeToken(bad)}`, syntax);
  }
  const p1 = tokens[i - 1];
  if (tok.val === ')' && p1?.val === ',' && !groupingOpen(tokens, i - 1)) {
    return new ParseError(p1.pos, 'trailing commas not allowed in function call args', syntax);
  }
  const isLabel = p1 !== undefined && groupingOpen(tokens, i - 1);
  if (tok.val === '(' && !isLabel && (p1?.kind === 'IDENTIFIER' || p1?.kind === 'METRIC_IDENTIFIER')) {
    return new ParseError(p1.pos, `unknown function with name ${goQuote(p1.val)}`, syntax);
  }
  return new ParseError(tok.pos, `unexpected ${describeToken(tok)}${context(tokens, i) || fallbackContext}`, syntax);
}
