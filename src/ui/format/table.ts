/** Folding a fixed-width text table (like the verdict table) to a narrow terminal. Pure. */
import { maxOf } from '../../model/numbers.js';

interface Column {
  readonly start: number;
  readonly end: number;
}

/** Column spans from a separator line of `─` runs. Example: '──  ───' → [{0,2}, {4,7}]. */
function columnsOf(separator: string): Column[] {
  return [...separator.matchAll(/─+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Lines of a table whose second line is its `─` separator, refolded to `width` columns: when too
 * wide, the columns after the first are split into several tables, each repeating the first column.
 *
 * Example: foldTable(['a  bb  ccc', '─  ──  ───', '1  22  333'], 7) →
 * ['a  bb', '─  ──', '1  22', '', 'a  ccc', '─  ───', '1  333'].
 */
export function foldTable(lines: readonly string[], width: number): string[] {
  const cols = columnsOf(lines[1] ?? '');
  const widest = maxOf(lines.map((l) => l.length), 0);
  const [key, ...rest] = cols;
  if (widest <= width || key === undefined || rest.length === 0) return [...lines];
  const groups: Column[][] = [];
  let used = key.end;
  for (const c of rest) {
    const w = c.end - c.start + 2;
    const group = groups[groups.length - 1];
    if (group !== undefined && group.length > 0 && used + w <= width) group.push(c);
    else {
      groups.push([c]);
      used = key.end;
    }
    used += w;
  }
  const cut = (line: string, c: Column): string => line.padEnd(widest).slice(c.start, c.end);
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (i > 0) out.push('');
    for (const line of lines) out.push([cut(line, key), ...g.map((c) => cut(line, c))].join('  ').trimEnd());
  });
  return out;
}
