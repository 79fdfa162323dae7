/**
 * src/go's quoting against Go's tables (src/strconv/quote_test.go) and fmt's documented `%#U`; the
 * lighter PromQL/metrics variants against what they print today, with Go's output alongside.
 */
import { describe, expect, it } from 'vitest';
import { formatRuneU, goQuote, goQuoteControlsOnly, goQuoteRuneBasic, isGoPrint, isNotAsciiControl } from '../../src/go/index.js';

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['\x07\b\f\r\n\t\v', '"\\a\\b\\f\\r\\n\\t\\v"'],
    ['\\', '"\\\\"'],
    ['\u263a', '"☺"'],
    ['\u{10ffff}', '"\\U0010ffff"'],
    ['\x04', '"\\x04"'],
    ['!\u00a0!\u2000!\u3000!', '"!\\u00a0!\\u2000!\\u3000!"'],
    ['"Fran & Freddie\'s Diner\t☺"', '"\\"Fran & Freddie\'s Diner\\t☺\\""'],
    ['\x7f', '"\\x7f"'],
    ['😀é', '"😀é"'],
  ])('%j ⇒ %s', (s, want) => {
    expect(goQuote(s)).toBe(want);
  });
});

describe('goQuoteControlsOnly (PromQL lexer messages, Labels.String())', () => {
  it('agrees with strconv.Quote on text without rare control or invisible characters', () => {
    for (const s of ['', 'a"b\n', '\\', '\t\r', '\x04', '\x7f', '☺', '"Fran & Freddie\'s Diner\t☺"']) {
      expect(goQuoteControlsOnly(s)).toBe(goQuote(s));
    }
  });

  it.each([
    ['\x07\b\f\v', '"\\x07\\x08\\x0c\\x0b"', '"\\a\\b\\f\\v"'],
    ['!\u00a0!\u2000!', '"!\u00a0!\u2000!"', '"!\\u00a0!\\u2000!"'],
  ])('differs from Go (kept): %j ⇒ %s (Go %s)', (s, today, go) => {
    expect(goQuoteControlsOnly(s)).toBe(today);
    expect(goQuote(s)).toBe(go);
  });
});

describe('formatRuneU (fmt %#U)', () => {
  it.each([
    ['\n', 'U+000A'], ['x', "U+0078 'x'"], ['\u1234', "U+1234 'ሴ'"], ['⌘', "U+2318 '⌘'"], ['@', "U+0040 '@'"],
    ['\u00a0', 'U+00A0'], ['😀', "U+1F600 '😀'"],
  ])('%j ⇒ %s', (ch, want) => {
    expect(formatRuneU(ch)).toBe(want);
  });

  it('with isNotAsciiControl (the PromQL lexer) shows any non-control rune', () => {
    expect(formatRuneU('\u00a0', isNotAsciiControl)).toBe("U+00A0 '\u00a0'"); // Go: U+00A0
    expect(formatRuneU('\x1b', isNotAsciiControl)).toBe('U+001B');
  });
});

describe('goQuoteRuneBasic (the PromQL lexer\'s %q of a rune)', () => {
  it.each([['a', "'a'"], ['\\', "'\\\\'"], ['\n', "'\\n'"], ['\t', "'\\t'"], ["'", "'\\''"], ['☺', "'☺'"]])(
    'matches strconv.QuoteRune: %j ⇒ %s',
    (c, want) => {
      expect(goQuoteRuneBasic(c)).toBe(want);
    },
  );

  it('differs from Go (kept) on other control characters and the end of input', () => {
    expect(goQuoteRuneBasic('\x07')).toBe("'\x07'"); // Go: '\a'
    expect(goQuoteRuneBasic('')).toBe("'\\x00'"); // Go prints its end-of-input rune -1 as '�'
  });
});

describe('isGoPrint and isNotAsciiControl', () => {
  it('follow unicode.IsPrint and "not an ASCII control character"', () => {
    const chars = [' ', 'a', 'é', '\u00a0', '\u2000', '\n', '\x7f', '\u0301', '😀'];
    expect(chars.map(isGoPrint)).toEqual([true, true, true, false, false, false, false, true, true]);
    expect(chars.map(isNotAsciiControl)).toEqual([true, true, true, true, true, false, false, true, true]);
  });
});
