/**
 * A source text as the syntax diagnosis reads it: its lines, and the block structure open above
 * any line (from parsing the text above it: that part is what did parse).
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { child, index } from './yaml-path.js';

export interface YamlText {
  readonly text: string;
  /** Offsets at which each line starts. */
  readonly lines: readonly number[];
  readonly prefixes: Map<number, Prefix>;
}

export interface Prefix {
  readonly doc: Document.Parsed | undefined;
  readonly lc: LineCounter;
}

/** Example: yamlText('a\nb').lines gives [0, 2]. */
export function yamlText(text: string): YamlText {
  return { text, lines: lineStarts(text), prefixes: new Map() };
}

/** One open block collection of the part that parsed: its path, the column its items start at. */
export interface Open {
  readonly path: string;
  readonly col: number;
  readonly kind: 'map' | 'seq';
  readonly count: number;
  /** The last item, for "line it up with …": e.g. `"maxSurge" on line 4` or `the list item on line 6`. */
  readonly last: string;
  readonly lastKey: string | undefined;
}

/** The open collections, outermost first, and the key just opened (`steps:` with nothing after it yet). */
export interface Chain {
  readonly opens: Open[];
  readonly openKey: { path: string; col: number } | undefined;
}

/** The path a line would have in `o`: the key it names in a map, the next index in a list. */
export function itemPath(o: Open, content: string, isItem: boolean): string {
  if (isItem || o.kind === 'seq') return index(o.path, o.count);
  return keyPath(o.path, content);
}

/** Example: keyPath('spec', 'replicas: 2') === 'spec.replicas'; keyPath('spec', 'oops') === 'spec'. */
export function keyPath(parent: string, content: string): string {
  const key = /^(["']?)([^"':#]+?)\1\s*:(\s|$)/.exec(content)?.[2];
  return key === undefined ? parent : child(parent, key);
}

/** The block structure open just before line `l` (0-based), from parsing the text above it. */
export function chainBefore(t: YamlText, l: number): Chain {
  const { doc, lc } = parsePrefix(t, l);
  const opens: Open[] = [];
  let node: unknown = doc?.contents;
  let path = '';
  const colOf = (n: unknown): number => lc.linePos((n as { range?: number[] }).range?.[0] ?? 0).col;
  const lineOfNode = (n: unknown): number => lc.linePos((n as { range?: number[] }).range?.[0] ?? 0).line;
  while ((isMap(node) || isSeq(node)) && node.flow !== true && node.items.length > 0 && opens.length < 64) {
    const col = colOf(node);
    if (isMap(node)) {
      const p = node.items[node.items.length - 1];
      if (!isPair(p)) break;
      const key = isScalar(p.key) ? String(p.key.value ?? '') : '';
      opens.push({ path, col, kind: 'map', count: node.items.length, last: `"${key}" on line ${lineOfNode(p.key)}`, lastKey: key });
      path = child(path, key);
      if (isEmpty(p.value)) return { opens, openKey: { path, col: colOf(p.key) } };
      node = p.value;
    } else {
      const it = node.items[node.items.length - 1];
      opens.push({ path, col, kind: 'seq', count: node.items.length, last: `the list item on line ${lineOfNode(it ?? node)}`, lastKey: undefined });
      path = index(path, node.items.length - 1);
      if (isEmpty(it)) return { opens, openKey: { path, col } };
      node = it;
    }
  }
  return { opens, openKey: undefined };
}

/** `key:` with nothing after it (yet): null, or a null scalar. */
function isEmpty(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

/** The text above line `l` parsed (once: the diagnosis asks for the same lines again). */
export function parsePrefix(t: YamlText, l: number): Prefix {
  const known = t.prefixes.get(l);
  if (known !== undefined) return known;
  const lc = new LineCounter();
  const docs = parseAllDocuments(t.text.slice(0, t.lines[l] ?? t.text.length), { lineCounter: lc, uniqueKeys: false, logLevel: 'error' });
  const out = { doc: docs.at(-1), lc };
  t.prefixes.set(l, out);
  return out;
}

export function hasKeyAt(doc: { contents: unknown } | undefined, offset: number): boolean {
  const walk = (n: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    if (isMap(n)) return n.items.some((p) => (isScalar(p.key) && p.key.range?.[0] === offset) || walk(p.value, depth + 1));
    if (isSeq(n)) return n.items.some((it) => walk(it, depth + 1));
    return false;
  };
  return walk(doc?.contents, 0);
}

/** Offsets at which each line starts. Example: lineStarts('a\nb') gives [0, 2]. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** 0-based line of an offset. Example: lineOf(yamlText('a\nb'), 3) === 1. */
export function lineOf(t: YamlText, offset: number): number {
  const lines = t.lines;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line `l` (0-based) without its line break. Example: lineText(yamlText('a\nb'), 1) === 'b'. */
export function lineText(t: YamlText, l: number): string {
  const end = t.lines[l + 1];
  return t.text.slice(t.lines[l] ?? t.text.length, end === undefined ? t.text.length : end - 1).replace(/\r$/, '');
}

/** Offset at which line `l` (0-based) starts. */
export function lineStart(t: YamlText, l: number): number {
  return t.lines[l] ?? t.text.length;
}
