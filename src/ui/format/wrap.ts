/**
 * Word wrap for the terminal, of text that may carry colour codes: greedy, breaking only at spaces,
 * and a line never starts with the space it broke at (ink's own wrap keeps that space when a line
 * fills the width exactly, which indents the next line by one).
 */
import { stripVTControlCharacters } from 'node:util';

/**
 * Example: wordWrap('aaa bbb ccc', 7) → ['aaa bbb', 'ccc']; wordWrap('x — the end', 3) → ['x —', 'the', 'end'];
 * a plain word longer than the width is cut into pieces of the width: wordWrap('abcdefg h', 3) →
 * ['abc', 'def', 'g h'] (a coloured one stays whole: cutting it could split a colour code).
 */
export function wordWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let col = 0;
  for (const word of text.split(' ').flatMap((w) => cut(w, width))) {
    const w = stripVTControlCharacters(word).length;
    if (col === 0 && line === '') {
      line = word;
      col = w;
    } else if (col + 1 + w <= width) {
      line += ' ' + word;
      col += 1 + w;
    } else {
      lines.push(line);
      line = word;
      col = w;
    }
  }
  lines.push(line);
  return lines;
}

/** A plain word longer than the width, in pieces of the width. Example: cut('abcdefg', 3) → ['abc', 'def', 'g']. */
function cut(word: string, width: number): string[] {
  if (word.length <= width || width < 1 || stripVTControlCharacters(word) !== word) return [word];
  const pieces: string[] = [];
  for (let i = 0; i < word.length; i += width) pieces.push(word.slice(i, i + width));
  return pieces;
}
