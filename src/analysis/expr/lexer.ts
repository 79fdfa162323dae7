/**
 * Lexer of expr v1.17.8 (`parser/lexer`), state machine for state machine, so that odd inputs
 * tokenize (and fail) the way the Go library does: `<<` is two `<` operators, `=` alone is an
 * operator token, `not in` is two tokens, `1..2` is a number, a range and a number.
 */
import { formatRuneU, goQuote } from '../../go/index.js';
import { UnescapeError, unescape } from './unescape.js';

export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Operator' | 'Bracket' | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
}

/** A lexing or parsing error; the message is expr's `file.Error.Message`. */
export class SyntaxError extends Error {}

/**
 * Go's `Token.String()`: `Kind("value")`, or just the kind when the value is empty.
 *
 * @example tokenString({ kind: 'Operator', value: '<' }) // 'Operator("<")'; an EOF token prints 'EOF'
 */
export function tokenString(t: Token): string {
  return t.value === '' ? t.kind : `${t.kind}(${goQuote(t.value)})`;
}

const KEYWORD_OPERATORS = new Set([
  'in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else',
]);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);
const EOF = '';

/** Go's `unicode.IsSpace`. */
function isSpace(r: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(r);
}

/** expr's `IsAlphaNumeric`: `_`, `$`, Unicode letters and digits. */
function isAlphaNumeric(r: string): boolean {
  return r !== EOF && (r === '_' || r === '$' || /^[\p{L}\p{Nd}]$/u.test(r));
}

function isDigit(r: string): boolean {
  return r >= '0' && r <= '9' && r.length === 1;
}

/**
 * Splits a condition into tokens (the last one is EOF). Throws {@link SyntaxError} with expr's
 * message on the first lexing error.
 *
 * @example tokenize('result[0] < 0.01').map(tokenString)
 * // ['Identifier("result")', 'Bracket("[")', 'Number("0")', 'Bracket("]")', 'Operator("<")', 'Number("0.01")', 'EOF']
 */
export function tokenize(source: string): Token[] {
  return new Lexer(Array.from(source)).run();
}

class Lexer {
  private start = 0;
  private end = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly src: readonly string[]) {}

  run(): Token[] {
    for (;;) {
      const r = this.next();
      if (r === EOF) {
        this.tokens.push({ kind: 'EOF', value: '' });
        return this.tokens;
      }
      this.root(r);
    }
  }

  private root(r: string): void {
    if (isSpace(r)) this.commit();
    else if (r === "'" || r === '"') this.string(r);
    else if (r === '`') this.rawString();
    else if (isDigit(r)) {
      this.backup();
      this.number();
    }
    else if (r === '?') this.emitAfter('Operator', '.?');
    else if (r === '/') this.slash();
    else if (r === '#') this.pointer();
    else if (r === '|') this.emitAfter('Operator', '|');
    else if (r === ':') this.emitAfter('Operator', ':');
    else if ('([{)]}'.includes(r)) this.emit('Bracket');
    else if (',;%+-^'.includes(r)) this.emit('Operator');
    else if ('&!=*<>'.includes(r)) this.emitAfter('Operator', '&=*');
    else if (r === '.') this.dot();
    else if (isAlphaNumeric(r)) this.identifier();
    else throw new SyntaxError(`unrecognized character: ${formatRuneU(r)}`);
  }

  private next(): string {
    const r = this.src[this.end];
    this.end++;
    return r ?? EOF;
  }

  private backup(): void {
    this.end--;
  }

  private peek(): string {
    return this.src[this.end] ?? EOF;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(r)) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private word(): string {
    return this.src.slice(this.start, this.end).join('');
  }

  private commit(): void {
    this.start = this.end;
  }

  private emit(kind: TokenKind, value = this.word()): void {
    this.tokens.push({ kind, value });
    this.commit();
  }

  private emitAfter(kind: TokenKind, optional: string): void {
    this.accept(optional);
    this.emit(kind);
  }

  /** Scans a number from the current position (Go's `scanNumber`). */
  private number(): void {
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    const end = this.end;
    if (this.accept('.')) {
      if (this.peek() === '.') {
        this.end = end; // `1..2`: the dots belong to the range operator
        this.emit('Number');
        return;
      }
      this.acceptRun(digits);
    }
    if (this.accept('eE')) {
      this.accept('+-');
      this.acceptRun(digits);
    }
    if (isAlphaNumeric(this.peek())) {
      this.next();
      throw new SyntaxError(`bad number syntax: ${goQuote(this.word())}`);
    }
    this.emit('Number');
  }

  private dot(): void {
    if (isDigit(this.peek())) {
      this.number();
      return;
    }
    this.emitAfter('Operator', '.');
  }

  private identifier(): void {
    while (isAlphaNumeric(this.peek())) this.next();
    const word = this.word();
    if (word === 'not') {
      this.notOperator();
      return;
    }
    this.emit(KEYWORD_OPERATORS.has(word) ? 'Operator' : 'Identifier');
  }

  /** `not` is an operator; `not in`, `not matches`, ... are two operator tokens. */
  private notOperator(): void {
    this.emit('Operator');
    while (this.peek() === ' ') this.next();
    this.commit();
    const end = this.end;
    while (isAlphaNumeric(this.peek())) this.next();
    if (NEGATABLE.has(this.word())) this.emit('Operator');
    else this.end = end;
  }

  private slash(): void {
    if (this.accept('/')) {
      for (let r = this.next(); r !== EOF && r !== '\n'; r = this.next());
      this.commit();
    } else if (this.accept('*')) {
      for (;;) {
        const r = this.next();
        if (r === EOF) throw new SyntaxError('unclosed comment');
        if (r === '*' && this.accept('/')) break;
      }
      this.commit();
    } else {
      this.emit('Operator');
    }
  }

  private pointer(): void {
    this.emitAfter('Operator', '#');
    while (isAlphaNumeric(this.peek())) this.next();
    if (this.word() !== '') this.emit('Identifier');
  }

  private rawString(): void {
    for (let r = this.next(); r !== '`'; r = this.next()) {
      if (r === EOF) throw new SyntaxError('literal not terminated');
    }
    this.emit('String', this.src.slice(this.start + 1, this.end - 1).join(''));
  }

  private string(quote: string): void {
    for (let ch = this.next(); ch !== quote; ) {
      if (ch === '\n' || ch === EOF) throw new SyntaxError('literal not terminated');
      ch = ch === '\\' ? this.escape(quote) : this.next();
    }
    try {
      this.emit('String', unescape(this.word()));
    } catch (e) {
      throw e instanceof UnescapeError ? new SyntaxError(e.message) : e;
    }
  }

  /** Validates an escape the way the Go lexer does (the value is decoded by {@link unescape}). */
  private escape(quote: string): string {
    const ch = this.next();
    if ('abfnrtv\\'.includes(ch) && ch !== EOF) return this.next();
    if (ch === quote) return this.next();
    if (ch >= '0' && ch <= '7' && ch.length === 1) return this.digits(ch, 8, 3);
    if (ch === 'x') return this.digits(this.next(), 16, 2);
    if (ch === 'u') return this.digits(this.next(), 16, 4);
    if (ch === 'U') return this.digits(this.next(), 16, 8);
    throw new SyntaxError('invalid char escape');
  }

  private digits(first: string, base: number, count: number): string {
    let ch = first;
    let n = count;
    while (n > 0 && ch.length === 1 && /^[0-9a-fA-F]$/.test(ch) && parseInt(ch, 16) < base) {
      ch = this.next();
      n--;
    }
    if (n > 0) throw new SyntaxError('invalid char escape');
    return ch;
  }
}
