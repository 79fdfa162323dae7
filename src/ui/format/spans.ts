/**
 * Styled text laid out before ink sees it: a line is a list of spans (text in a tone), and a
 * paragraph of spans is wrapped at word boundaries to a width, so a number or a *why* is never
 * cut by ink's `truncate-end` — the caller knows exactly how many lines it takes. Strings here
 * are single-width (the UI's glyphs are). Pure.
 */
import type { Tone } from './glyphs.js';

export interface Span {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

export type Line = readonly Span[];

/** Columns a text takes (code points). Example: textWidth('✔ ok') === 4. */
export function textWidth(text: string): number {
  return [...text].length;
}

/** Example: lineWidth([{text: 'Why '}, {text: 'aborted', tone: 'accent'}]) === 11. */
export function lineWidth(line: Line): number {
  return line.reduce((n, s) => n + textWidth(s.text), 0);
}

/** The plain text of a line (for tests and width checks). Example: plainText([{text: 'a'}, {text: 'b'}]) === 'ab'. */
export function plainText(line: Line): string {
  return line.map((s) => s.text).join('');
}

interface Word {
  readonly parts: Span[];
  width: number;
}

/** Splits spans into words at spaces; a word may span several styles (`14` bold then `(0.02%)`). */
function words(spans: readonly Span[]): Word[] {
  const out: Word[] = [];
  let current: Word | undefined;
  for (const span of spans) {
    const pieces = span.text.split(' ');
    pieces.forEach((piece, i) => {
      if (i > 0) current = undefined; // a space ends the word
      if (piece === '') return;
      if (current === undefined) {
        current = { parts: [], width: 0 };
        out.push(current);
      }
      current.parts.push({ ...span, text: piece });
      current.width += textWidth(piece);
    });
  }
  return out;
}

/** A word split after `n` columns (a word wider than a whole line: the last resort, only an unbroken token is cut). */
function splitWord(w: Word, n: number): [Word, Word] {
  const head: Word = { parts: [], width: 0 };
  const tail: Word = { parts: [], width: 0 };
  for (const part of w.parts) {
    const chars = [...part.text];
    const take = Math.max(0, Math.min(chars.length, n - head.width));
    if (take > 0) head.parts.push({ ...part, text: chars.slice(0, take).join('') });
    if (take < chars.length) tail.parts.push({ ...part, text: chars.slice(take).join('') });
    head.width += take;
    tail.width += chars.length - take;
  }
  return [head, tail];
}

/**
 * Greedy word wrap of styled text to `width`; continuation lines are indented by `indent` spaces.
 * Runs of spaces collapse to one (the layout never relies on them inside a wrapped paragraph).
 * Example: wrapSpans([{text: 'Harmed '}, {text: '14', bold: true}, {text: ' (0.02%) · 1172 to release'}], 20, 2)
 * → 'Harmed 14 (0.02%) ·' / '  1172 to release' (as spans; `14` stays bold).
 */
export function wrapSpans(spans: readonly Span[], width: number, indent = 0): Line[] {
  const pad = ' '.repeat(Math.max(0, Math.min(indent, width - 1)));
  const lines: Span[][] = [];
  let line: Span[] = [];
  let col = 0;
  let empty = true; // no word on this line yet
  const flush = (): void => {
    lines.push(line);
    line = pad === '' ? [] : [{ text: pad }];
    col = pad.length;
    empty = true;
  };
  const place = (w: Word): void => {
    if (!empty) {
      line.push({ text: ' ' });
      col++;
    }
    for (const p of w.parts) line.push(p);
    col += w.width;
    empty = false;
  };
  for (const word of words(spans)) {
    let rest: Word | undefined = word;
    while (rest !== undefined) {
      const room = width - col - (empty ? 0 : 1);
      if (rest.width <= room) {
        place(rest);
        rest = undefined;
      } else if (!empty) {
        flush(); // try it on a line of its own
      } else {
        const [head, tail] = splitWord(rest, Math.max(1, room));
        place(head);
        flush();
        rest = tail.width > 0 ? tail : undefined;
      }
    }
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines.map(merge);
}

/** Adjacent spans of one style joined (fewer ink nodes). */
function merge(line: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of line) {
    const last = out[out.length - 1];
    if (last !== undefined && last.tone === s.tone && last.bold === s.bold) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

/**
 * A plain text cut to `width` at a word boundary, with an ellipsis (a single long word is cut
 * mid-word). Example: truncateWords('weight: canary 20% · stable 80%', 20) === 'weight: canary 20% …';
 * truncateWords('short', 20) === 'short'.
 */
export function truncateWords(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  const chars = [...text].slice(0, width - 1);
  const head = chars.join('');
  const space = head.lastIndexOf(' ');
  // Whole words when that keeps at least half the line; otherwise the word is cut.
  return space >= (width - 1) / 2 ? `${head.slice(0, space + 1)}…` : `${head}…`;
}
