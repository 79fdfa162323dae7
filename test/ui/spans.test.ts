/** Styled word wrap: numbers and reasons wrap whole, styles survive the wrap, only an unbroken token wider than a line is cut. */
import { describe, expect, it } from 'vitest';
import { plainText, truncateWords, wrapSpans } from '../../src/ui/format/spans.js';

describe('wrapSpans', () => {
  it('wraps at spaces with a hanging indent; a styled word keeps its style', () => {
    const lines = wrapSpans([{ text: 'Harmed ' }, { text: '14', bold: true }, { text: ' (0.02%) · 1172 to release' }], 20, 2);
    expect(lines.map(plainText)).toEqual(['Harmed 14 (0.02%) ·', '  1172 to release']);
    expect(lines[0]).toContainEqual({ text: '14', bold: true });
  });

  it('a word exactly as wide as the first line stays whole; wider than any line, it is cut to the room left', () => {
    expect(wrapSpans([{ text: 'abcdef gh' }], 6, 4).map(plainText)).toEqual(['abcdef', '    gh']);
    expect(wrapSpans([{ text: 'x abcdefghij' }], 6, 2).map(plainText)).toEqual(['x', '  abcd', '  efgh', '  ij']);
  });

  it('a no-break space keeps two words together; an empty text is one empty line', () => {
    expect(wrapSpans([{ text: 'a ✖\u00a0Failed' }], 8).map(plainText)).toEqual(['a', '✖\u00a0Failed']);
    expect(wrapSpans([], 10)).toEqual([[]]);
  });
});

describe('truncateWords', () => {
  it('cuts at a word boundary with an ellipsis, mid-word only when a boundary would lose half the line', () => {
    expect(truncateWords('weight: canary 20% · stable 80%', 20)).toBe('weight: canary 20% …');
    expect(truncateWords('update started: agent-canary-rv8mt5frdr', 20)).toBe('update started: …');
    expect(truncateWords('agent-canary-rv8mt5frdr-2-2 failed', 12)).toBe('agent-canar…');
    expect(truncateWords('short', 20)).toBe('short');
  });
});
