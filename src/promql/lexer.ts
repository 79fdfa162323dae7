/**
 * A port of Prometheus 2.42's PromQL lexer (promql/parser/lex.go). The lezer grammar builds the tree;
 * this lexer exists to reproduce 2.42's *lexical* errors exactly ("unclosed left parenthesis",
 * "bad number or duration syntax", ...) and to describe the token at a syntax error the way the Go
 * parser does (`unexpected <op:*>`, `unexpected end of input`). Like Go's, it is a set of state
 * functions — statements, inside braces, numbers/durations, words, range durations — over a shared
 * cursor (lexer-scanner.ts); each returns the result when lexing stops, undefined to go on.
 *
 *   lex('rate(x[5m] offset 1x)').error ⇒ {pos: 18, msg: 'bad number or duration syntax: "1"'}
 */
import { goQuoteControlsOnly, goQuoteRuneBasic } from '../go/index.js';
import { Scanner, isAlnum, isAlpha, isDigit, isSpace } from './lexer-scanner.js';
import type { LexResult, Token } from './lexer-scanner.js';

export type { LexResult, TokKind, Token } from './lexer-scanner.js';

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
export const AGGREGATORS = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile',
]);
const KEYWORDS = new Set(['offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'start', 'end']);

/** What a state function returns: the final result when lexing stops, undefined to go on. */
type Stop = LexResult | undefined;

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
  const s = new Scanner(input);
  for (;;) {
    const stop = s.braceOpen ? lexInsideBraces(s) : lexStatement(s);
    if (stop !== undefined) return stop;
  }
}

/** Go's lexStatements: one token outside label braces, dispatched on its first character. */
function lexStatement(s: Scanner): Stop {
  if (s.peek() === '#') {
    s.comment();
    return undefined;
  }
  const c = s.next();
  if (c === '') return lexEnd(s);
  if (isSpace(c)) {
    s.skipWhile(isSpace);
    s.ignore();
  } else if (',*/%+-^@'.includes(c)) s.emit(c === ',' ? 'PUNCT' : 'OPERATOR');
  else if (c === '=') return lexEquals(s);
  else if (c === '!') return lexBang(s, '=', `unexpected character after '!'`);
  else if (c === '<' || c === '>') {
    s.accept('=');
    s.emit('OPERATOR');
  } else if (isDigit(c) || (c === '.' && isDigit(s.peek()))) return lexNumberOrDuration(s);
  else if (c === '"' || c === "'" || c === '`') return lexString(s, c);
  else if (isAlpha(c) || c === ':') return s.bracketOpen ? lexColon(s, c) : lexWord(s);
  else if (c === '(') {
    s.emit('PUNCT');
    s.parenDepth++;
  } else if (c === ')') return lexCloseParen(s);
  else if (c === '{') {
    s.emit('PUNCT');
    s.braceOpen = true;
  } else if (c === '[') return lexRangeDuration(s);
  else if (c === ']') return lexCloseBracket(s);
  else return s.fail(`unexpected character: ${goQuoteRuneBasic(c)}`);
  return undefined;
}

/** Go's lexInsideBraces: label names, matchers, strings and commas up to the closing `}`. */
function lexInsideBraces(s: Scanner): Stop {
  if (s.peek() === '#') {
    s.comment();
    return undefined;
  }
  const c = s.next();
  if (c === '') return s.fail('unexpected end of input inside braces');
  if (isSpace(c)) s.ignore();
  else if (isAlpha(c)) {
    s.skipWhile(isAlnum);
    s.emit('IDENTIFIER');
  } else if (c === ',') s.emit('PUNCT');
  else if (c === '"' || c === "'" || c === '`') return lexString(s, c);
  else if (c === '=') s.emit(s.accept('~') ? 'OPERATOR' : 'PUNCT');
  else if (c === '!') return lexBang(s, '~=', `unexpected character after '!' inside braces`);
  else if (c === '{') return s.fail(`unexpected left brace '{'`);
  else if (c === '}') {
    s.emit('PUNCT');
    s.braceOpen = false;
  } else return s.fail(`unexpected character inside braces: ${goQuoteRuneBasic(c)}`);
  return undefined;
}

/** End of input: fine unless a `(` or `[` is still open. */
function lexEnd(s: Scanner): LexResult {
  if (s.parenDepth !== 0) return s.fail('unclosed left parenthesis');
  if (s.bracketOpen) return s.fail('unclosed left bracket');
  s.emit('EOF');
  return { tokens: s.tokens, error: null };
}

/** `==` or `=`; `=~` is only valid inside braces. */
function lexEquals(s: Scanner): Stop {
  if (s.peek() === '~') return s.fail(`unexpected character after '=': '~'`);
  s.emit(s.accept('=') ? 'OPERATOR' : 'PUNCT');
  return undefined;
}

/** `!` must be followed by one of `allowed` (`!=` everywhere, `!~` inside braces). */
function lexBang(s: Scanner, allowed: string, error: string): Stop {
  const nc = s.next();
  if (!allowed.includes(nc) || nc === '') return s.fail(`${error}: ${goQuoteRuneBasic(nc)}`);
  s.emit('OPERATOR');
  return undefined;
}

/** Go's lexNumberOrDuration, from the first digit: a number unless a unit follows, then a duration. */
function lexNumberOrDuration(s: Scanner): Stop {
  s.pos--;
  if (s.scanNumber()) s.emit('NUMBER');
  else if (s.acceptRemainingDuration()) {
    s.pos--;
    s.emit('DURATION');
  } else return s.fail(`bad number or duration syntax: ${goQuoteControlsOnly(s.text())}`);
  return undefined;
}

/** A quoted string after its opening quote. */
function lexString(s: Scanner, quote: string): Stop {
  const err = s.string(quote);
  if (err) return s.fail(err);
  s.emit('STRING');
  return undefined;
}

/**
 * Go's lexKeywordOrIdentifier: a word made of letters, digits, `_` and `:`, classified by what it spells.
 * `Inf`/`NaN` are numbers; `and`, `sum`, `offset` are an operator, an aggregator, a keyword; `a:b` is a
 * metric identifier.
 */
function lexWord(s: Scanner): Stop {
  s.skipWhile((c) => isAlnum(c) || c === ':');
  const word = s.text();
  const lower = word.toLowerCase();
  if (lower === 'inf' || lower === 'nan') s.emit('NUMBER');
  else if (OPERATOR_WORDS.has(lower)) s.emit('OPERATOR');
  else if (AGGREGATORS.has(lower)) s.emit('AGGREGATOR');
  else if (KEYWORDS.has(lower)) s.emit('KEYWORD');
  else s.emit(word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
  return undefined;
}

/** Inside `[...]` a letter or `:` is the subquery colon, as in Go (which emits COLON for either); only one. */
function lexColon(s: Scanner, c: string): Stop {
  if (s.gotColon) return s.fail(`unexpected colon ${goQuoteRuneBasic(c)}`);
  s.emit('PUNCT');
  s.gotColon = true;
  return undefined;
}

/** `)`; one too many is reported just after it, with the token dropped. */
function lexCloseParen(s: Scanner): Stop {
  s.emit('PUNCT');
  s.parenDepth--;
  if (s.parenDepth >= 0) return undefined;
  s.tokens.pop();
  return s.fail(`unexpected right parenthesis ')'`, s.pos - 1);
}

/** Go's lexDuration after `[`: the range (or subquery range) must be a duration with a unit. */
function lexRangeDuration(s: Scanner): Stop {
  if (s.bracketOpen) return s.fail(`unexpected left bracket '['`);
  s.gotColon = false;
  s.emit('PUNCT');
  s.skipWhile(isSpace);
  s.ignore();
  s.bracketOpen = true;
  if (s.scanNumber()) return s.fail('missing unit character in duration');
  if (!s.acceptRemainingDuration()) return s.fail(`bad duration syntax: ${goQuoteControlsOnly(s.text())}`);
  s.pos--;
  s.emit('DURATION');
  return undefined;
}

/** `]` closes the range brackets. */
function lexCloseBracket(s: Scanner): Stop {
  if (!s.bracketOpen) return s.fail(`unexpected right bracket ']'`);
  s.emit('PUNCT');
  s.bracketOpen = false;
  return undefined;
}
