/**
 * Word wrap for the terminal, of text that may carry colour codes: greedy, breaking only at spaces,
 * and a line never starts with the space it broke at (ink's own wrap keeps that space when a line
 * fills the width exactly, which indents the next line by one).
 */
import { stripVTControlCharacters } from 'node:util';

/**
 * Example: wordWrap('aaa bbb ccc', 7) → ['aaa bbb', 'ccc']; wordWrap('x — the end', 3) → ['x —', 'the', 'end'];
 * a word longer than the width stays whole on its own line: wordWrap('abcdef g', 3) → ['abcdef', 'g'].
 */
export function wordWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let col = 0;
  for (const word of text.split(' ')) {
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
