/**
 * The cursor under the PromQL lexer (lexer.ts): position, the token being built, the bracket/brace
 * state Prometheus 2.42's lexer carries between tokens, and the scans that read one token's worth of
 * text (numbers, durations, strings and their escapes, comments). Ported from promql/parser/lex.go.
 */
import { formatRuneU, isNotAsciiControl } from '../go/index.js';

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

export const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isAlpha = (c: string): boolean => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
export const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);

export class Scanner {
  readonly tokens: Token[] = [];
  /** Next character to read. `next()` moves it even past the end, as Go's lexer does; callers back up. */
  pos = 0;
  /** Where the token being built starts. */
  start = 0;
  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  /** A `:` was seen inside the current `[...]` (a subquery step may follow one colon only). */
  gotColon = false;

  constructor(readonly input: string) {}

  /** The next character, without consuming it; '' at the end. */
  peek(): string {
    return this.input[this.pos] ?? '';
  }

  /** Consumes and returns the next character; '' at the end (and `pos` still moves, as in Go). */
  next(): string {
    return this.input[this.pos++] ?? '';
  }

  /** Consumes the next character if it is one of `set`. */
  accept(set: string): boolean {
    const c = this.peek();
    if (c !== '' && set.includes(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consumes characters while `pred` holds. */
  skipWhile(pred: (c: string) => boolean): void {
    while (pred(this.peek())) this.pos++;
  }

  /** The text of the token being built. */
  text(): string {
    return this.input.slice(this.start, this.pos);
  }

  /** Ends the token being built as a `kind` token; the next one starts here. */
  emit(kind: TokKind): void {
    this.tokens.push({ kind, pos: this.start, val: this.text() });
    this.start = this.pos;
  }

  /** Drops the text read so far (whitespace) from the next token. */
  ignore(): void {
    this.start = this.pos;
  }

  /** Stops lexing with an error at the current token. */
  fail(msg: string, at = this.start): LexResult {
    return { tokens: this.tokens, error: { pos: this.start, msg, at } };
  }

  /** A `#` comment up to the end of the line. */
  comment(): void {
    this.skipWhile((c) => c !== '' && c !== '\n' && c !== '\r');
    this.emit('COMMENT');
  }

  /**
   * Go's scanNumber: digits (hex after `0x`), an optional fraction and exponent; true when no letter or
   * digit follows, i.e. it is a number and not the start of a duration. `1.5e3)` ⇒ true, `5m` ⇒ false.
   */
  scanNumber(): boolean {
    let digits = '0123456789';
    if (this.accept('0') && this.accept('xX')) digits = '0123456789abcdefABCDEF';
    while (this.accept(digits));
    if (this.accept('.')) while (this.accept(digits));
    if (this.accept('eE')) {
      this.accept('+-');
      while (this.accept('0123456789'));
    }
    return !isAlnum(this.peek());
  }

  /**
   * Go's acceptRemainingDuration, after the leading digits: a unit, then more digit+unit pairs; true when
   * no letter or digit follows. It reads one character too far on success (callers back up). `m30s` ⇒ true.
   */
  acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept('0123456789')) {
      while (this.accept('0123456789'));
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlnum(this.next());
  }

  /** Go's lexString after the opening quote: the error message, or null once the closing quote is read. */
  string(quote: string): string | null {
    for (;;) {
      const c = this.next();
      if (c === '' && quote === '`') return 'unterminated raw string';
      if (quote !== '`' && (c === '' || c === '\n')) return 'unterminated quoted string';
      if (c === '\\' && quote !== '`') {
        const err = this.escape(quote);
        if (err) return err;
        continue;
      }
      if (c === quote) return null;
    }
  }

  /** Go's lexEscape: validates one escape sequence after the backslash; the error message, or null. */
  private escape(quote: string): string | null {
    let ch = this.next();
    let n: number;
    let base: number;
    let max: number;
    if ('abfnrtv\\'.includes(ch) && ch !== '' || ch === quote) return null;
    if (ch >= '0' && ch <= '7') [n, base, max] = [3, 8, 255];
    else if (ch === 'x' || ch === 'u' || ch === 'U') {
      [n, base, max] = ch === 'x' ? [2, 16, 255] : ch === 'u' ? [4, 16, 0x10ffff] : [8, 16, 0x10ffff];
      ch = this.next();
    } else if (ch === '') return 'escape sequence not terminated';
    else return `unknown escape sequence ${formatRuneU(ch, isNotAsciiControl)}`;
    let x = 0;
    for (; n > 0; n--) {
      const d = ch === '' ? 16 : parseInt(ch, 16);
      if (Number.isNaN(d) || d >= base) return ch === '' ? 'escape sequence not terminated' : `illegal character ${formatRuneU(ch, isNotAsciiControl)} in escape sequence`;
      x = x * base + d;
      ch = this.next();
    }
    if (ch !== '') this.pos--;
    if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    return null;
  }
}
