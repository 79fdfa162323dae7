/**
 * A port of Prometheus 2.42's PromQL lexer (promql/parser/lex.go). The lezer grammar builds the tree;
 * this lexer exists to reproduce 2.42's *lexical* errors exactly ("unclosed left parenthesis",
 * "bad number or duration syntax", ...) and to describe the token at a syntax error the way the Go
 * parser does (`unexpected <op:*>`, `unexpected end of input`).
 *
 *   lex('rate(x[5m] offset 1x)').error ⇒ {pos: 18, msg: 'bad number or duration syntax: "1"'}
 */
import { formatRuneU, goQuoteControlsOnly, goQuoteRuneBasic, isNotAsciiControl } from '../go/index.js';

export type TokKind =
  | 'EOF' | 'IDENTIFIER' | 'METRIC_IDENTIFIER' | 'NUMBER' | 'DURATION' | 'STRING' | 'COMMENT'
  | 'PUNCT' | 'OPERATOR' | 'AGGREGATOR' | 'KEYWORD';

export interface Token {
  readonly kind: TokKind;
  readonly pos: number;
  readonly val: string;
}

export interface LexResult {
  readonly tokens: Token[];
  /** `at`: where the offending token starts (a `)` error is reported just after the parenthesis). */
  readonly error: { pos: number; msg: string; at: number } | null;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
export const AGGREGATORS = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile',
]);
const KEYWORDS = new Set(['offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'start', 'end']);

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);

/** Describes a token as Go's Item.desc() does, for "unexpected ..." messages. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'EOF': return 'end of input';
    case 'IDENTIFIER': return `identifier ${goQuoteControlsOnly(t.val)}`;
    case 'METRIC_IDENTIFIER': return `metric identifier ${goQuoteControlsOnly(t.val)}`;
    case 'OPERATOR': return `<op:${t.val}>`;
    case 'AGGREGATOR': return `<aggr:${t.val}>`;
    case 'KEYWORD': return `<${t.val}>`;
    case 'PUNCT': return goQuoteControlsOnly(t.val);
    default: {
      const kind = t.kind.toLowerCase();
      const chars = [...t.val];
      return chars.length > 10 ? `${kind} ${goQuoteControlsOnly(chars.slice(0, 10).join(''))}...` : `${kind} ${goQuoteControlsOnly(t.val)}`;
    }
  }
}

/** Tokenizes a PromQL expression; stops at the first lexical error. */
export function lex(input: string): LexResult {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;
  const peek = (): string => input[pos] ?? '';
  const next = (): string => input[pos++] ?? '';
  const accept = (set: string): boolean => {
    const c = peek();
    if (c !== '' && set.includes(c)) {
      pos++;
      return true;
    }
    return false;
  };
  const emit = (kind: TokKind): void => {
    tokens.push({ kind, pos: start, val: input.slice(start, pos) });
    start = pos;
  };
  const fail = (msg: string, at = start): LexResult => ({ tokens, error: { pos: start, msg, at } });

  const scanNumber = (): boolean => {
    let digits = '0123456789';
    if (accept('0') && accept('xX')) digits = '0123456789abcdefABCDEF';
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept('eE')) {
      accept('+-');
      while (accept('0123456789'));
    }
    return !isAlnum(peek());
  };
  const acceptRemainingDuration = (): boolean => {
    if (!accept('smhdwy')) return false;
    accept('s');
    while (accept('0123456789')) {
      while (accept('0123456789'));
      if (!accept('smhdw')) return false;
      accept('s');
    }
    return !isAlnum(next());
  };

  /** Go's lexEscape: validates one escape sequence after the backslash. */
  const lexEscape = (quote: string): string | null => {
    let ch = next();
    let n: number;
    let base: number;
    let max: number;
    if ('abfnrtv\\'.includes(ch) && ch !== '' || ch === quote) return null;
    if (ch >= '0' && ch <= '7') [n, base, max] = [3, 8, 255];
    else if (ch === 'x' || ch === 'u' || ch === 'U') {
      [n, base, max] = ch === 'x' ? [2, 16, 255] : ch === 'u' ? [4, 16, 0x10ffff] : [8, 16, 0x10ffff];
      ch = next();
    } else if (ch === '') return 'escape sequence not terminated';
    else return `unknown escape sequence ${formatRuneU(ch, isNotAsciiControl)}`;
    let x = 0;
    for (; n > 0; n--) {
      const d = ch === '' ? 16 : parseInt(ch, 16);
      if (Number.isNaN(d) || d >= base) return ch === '' ? 'escape sequence not terminated' : `illegal character ${formatRuneU(ch, isNotAsciiControl)} in escape sequence`;
      x = x * base + d;
      ch = next();
    }
    if (ch !== '') pos--;
    if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    return null;
  };

  const lexString = (quote: string): string | null => {
    for (;;) {
      const c = next();
      if (c === '' && quote === '`') return 'unterminated raw string';
      if (quote !== '`' && (c === '' || c === '\n')) return 'unterminated quoted string';
      if (c === '\\' && quote !== '`') {
        const err = lexEscape(quote);
        if (err) return err;
        continue;
      }
      if (c === quote) return null;
    }
  };

  for (;;) {
    if (braceOpen) {
      if (peek() === '#') {
        while (peek() !== '' && peek() !== '\n' && peek() !== '\r') pos++;
        emit('COMMENT');
        continue;
      }
      const c = next();
      if (c === '') return fail('unexpected end of input inside braces');
      if (isSpace(c)) { start = pos; continue; }
      if (isAlpha(c)) {
        while (isAlnum(peek())) pos++;
        emit('IDENTIFIER');
      } else if (c === ',') emit('PUNCT');
      else if (c === '"' || c === "'" || c === '`') {
        const err = lexString(c);
        if (err) return fail(err);
        emit('STRING');
      } else if (c === '=') {
        if (peek() === '~') {
          pos++;
          emit('OPERATOR');
        } else emit('PUNCT');
      } else if (c === '!') {
        const nc = next();
        if (nc !== '~' && nc !== '=') return fail(`unexpected character after '!' inside braces: ${goQuoteRuneBasic(nc)}`);
        emit('OPERATOR');
      } else if (c === '{') return fail(`unexpected left brace '{'`);
      else if (c === '}') {
        emit('PUNCT');
        braceOpen = false;
      } else return fail(`unexpected character inside braces: ${goQuoteRuneBasic(c)}`);
      continue;
    }
    if (peek() === '#') {
      while (peek() !== '' && peek() !== '\n' && peek() !== '\r') pos++;
      emit('COMMENT');
      continue;
    }
    const c = next();
    if (c === '') {
      if (parenDepth !== 0) return fail('unclosed left parenthesis');
      if (bracketOpen) return fail('unclosed left bracket');
      emit('EOF');
      return { tokens, error: null };
    }
    if (isSpace(c)) {
      while (isSpace(peek())) pos++;
      start = pos;
    } else if (c === ',' || c === '*' || c === '/' || c === '%' || c === '+' || c === '-' || c === '^' || c === '@') {
      emit(c === ',' ? 'PUNCT' : 'OPERATOR');
    } else if (c === '=') {
      if (peek() === '=') {
        pos++;
        emit('OPERATOR');
      } else if (peek() === '~') return fail(`unexpected character after '=': '~'`);
      else emit('PUNCT');
    } else if (c === '!') {
      const nc = next();
      if (nc !== '=') return fail(`unexpected character after '!': ${goQuoteRuneBasic(nc)}`);
      emit('OPERATOR');
    } else if (c === '<' || c === '>') {
      if (peek() === '=') pos++;
      emit('OPERATOR');
    } else if (isDigit(c) || (c === '.' && isDigit(peek()))) {
      pos--;
      if (scanNumber()) emit('NUMBER');
      else if (acceptRemainingDuration()) {
        pos--;
        emit('DURATION');
      } else return fail(`bad number or duration syntax: ${goQuoteControlsOnly(input.slice(start, pos))}`);
    } else if (c === '"' || c === "'" || c === '`') {
      const err = lexString(c);
      if (err) return fail(err);
      emit('STRING');
    } else if (isAlpha(c) || c === ':') {
      if (!bracketOpen) {
        while (isAlnum(peek()) || peek() === ':') pos++;
        const word = input.slice(start, pos);
        const lower = word.toLowerCase();
        if (lower === 'inf' || lower === 'nan') emit('NUMBER');
        else if (OPERATOR_WORDS.has(lower)) emit('OPERATOR');
        else if (AGGREGATORS.has(lower)) emit('AGGREGATOR');
        else if (KEYWORDS.has(lower)) emit('KEYWORD');
        else emit(word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
      } else {
        if (gotColon) return fail(`unexpected colon ${goQuoteRuneBasic(c)}`);
        emit('PUNCT');
        gotColon = true;
      }
    } else if (c === '(') {
      emit('PUNCT');
      parenDepth++;
    } else if (c === ')') {
      emit('PUNCT');
      parenDepth--;
      if (parenDepth < 0) {
        tokens.pop();
        return fail(`unexpected right parenthesis ')'`, pos - 1);
      }
    } else if (c === '{') {
      emit('PUNCT');
      braceOpen = true;
    } else if (c === '[') {
      if (bracketOpen) return fail(`unexpected left bracket '['`);
      gotColon = false;
      emit('PUNCT');
      while (isSpace(peek())) pos++;
      start = pos;
      bracketOpen = true;
      if (scanNumber()) return fail('missing unit character in duration');
      if (!acceptRemainingDuration()) return fail(`bad duration syntax: ${goQuoteControlsOnly(input.slice(start, pos))}`);
      pos--;
      emit('DURATION');
    } else if (c === ']') {
      if (!bracketOpen) return fail(`unexpected right bracket ']'`);
      emit('PUNCT');
      bracketOpen = false;
    } else return fail(`unexpected character: ${goQuoteRuneBasic(c)}`);
  }
}
