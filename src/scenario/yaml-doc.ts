/**
 * Parsing YAML text into documents that remember where every node came from, and small, safe
 * helpers to walk them (aliases resolved within a budget, depth bounded, no prototype keys).
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import type { Issues, Pos } from './errors.js';
import { diagnoseSyntax } from './yaml-syntax.js';
import type { SyntaxProblem } from './yaml-syntax.js';
import { child, index } from './yaml-path.js';

export { child, index };

/** One YAML document of one source file. */
export interface SourceDoc {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The document's `contents` (a map for every manifest). */
  readonly root: Node;
  /** Aliases `*x` this document may still expand; guards against "billion laughs" input. */
  aliasBudget: number;
  /** Set when an alias was not expanded because the budget ran out (load.ts reports it). */
  aliasOverflow: boolean;
}

export interface Source {
  readonly file: string;
  readonly text: string;
}

/** Deeper nesting than this is refused (no real manifest comes close). */
export const MAX_DEPTH = 64;
export const ALIAS_BUDGET = 1000;

/**
 * Parses each source into documents. A file's first YAML syntax error is reported in plain words
 * (yaml-syntax.ts) and ends that file: what follows it is the parser recovering, and its
 * documents would only add follow-on errors. Empty documents (`---` with nothing after it) are
 * skipped.
 */
export function parseSources(sources: readonly Source[], issues: Issues): SourceDoc[] {
  const out: SourceDoc[] = [];
  for (const src of sources) {
    issues.addFile(src.file);
    const lines = new LineCounter();
    // Duplicate keys are found below, where their YAML path can be named.
    let docs: Document.Parsed[];
    try {
      docs = parseAllDocuments(src.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    } catch (e) {
      // The yaml library recurses per level of nesting (`{{{{…`, or thousands of indented `a:` lines):
      // a stack overflow is bad input. V8 may report it as a RangeError or, when it strikes while
      // compiling one of the library's regexps, as a SyntaxError with the same words.
      if (!isStackOverflow(e)) throw e;
      issues.add({ file: src.file, line: 1, column: 1 }, '', 'the YAML nests too deeply to read', `no manifest nests more than ${MAX_DEPTH} levels`);
      continue;
    }
    for (const doc of docs) {
      const e = doc.errors[0];
      if (e !== undefined) {
        const p = diagnose(src.text, e, doc.range[0]);
        issues.add(posAt(src.file, lines, p.offset), p.path, p.message, p.suggestion);
        break;
      }
      const root = doc.contents;
      if (root === null || (isScalar(root) && root.value === null)) continue;
      if (reportDuplicateKeys(src.file, lines, root, '', issues, 0)) continue;
      out.push({ file: src.file, doc, lines, root, aliasBudget: ALIAS_BUDGET, aliasOverflow: false });
    }
  }
  return out;
}

/** True for V8's "Maximum call stack size exceeded", whichever error class carries it. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError || (e instanceof Error && e.message.includes('Maximum call stack size exceeded'));
}

/** diagnoseSyntax, or the library's own words where re-parsing the text above overflows the stack. */
function diagnose(text: string, e: YAMLError, docStart: number): SyntaxProblem {
  try {
    return diagnoseSyntax(text, e, docStart);
  } catch (err) {
    if (!isStackOverflow(err)) throw err;
    return { offset: e.pos[0], path: '', message: `invalid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}` };
  }
}

/**
 * Reports every key written twice in one mapping (the YAML spec forbids it; kubectl refuses it),
 * with its path and the first key's line. True when there was one. Aliases are not followed:
 * their anchored node is checked where it is written.
 */
function reportDuplicateKeys(file: string, lines: LineCounter, node: unknown, path: string, issues: Issues, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  let found = false;
  if (isSeq(node)) {
    node.items.forEach((it, i) => {
      found = reportDuplicateKeys(file, lines, it, index(path, i), issues, depth + 1) || found;
    });
  } else if (isMap(node)) {
    const first = new Map<string, Pair>();
    for (const p of pairsOf(node)) {
      const k = keyText(p);
      if (k === undefined) continue;
      const earlier = first.get(k);
      const at = (n: unknown): number => (n as { range?: readonly number[] | null }).range?.[0] ?? 0;
      if (earlier !== undefined) {
        const line = lines.linePos(at(earlier.key)).line;
        issues.add(posAt(file, lines, at(p.key)), child(path, k), `duplicate key "${k}"`, `the first is on line ${line}; YAML keys must be unique`);
        found = true;
      } else first.set(k, p);
      found = reportDuplicateKeys(file, lines, p.value, child(path, k), issues, depth + 1) || found;
    }
  }
  return found;
}

/** Position of a character offset. */
export function posAt(file: string, lines: LineCounter, offset: number): Pos {
  const p = lines.linePos(offset);
  return { file, line: p.line, column: p.col };
}

/** Where a node starts, or undefined for nodes made up by the loader (defaults). */
export function nodePos(sd: SourceDoc, node: unknown): Pos | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  const start = range?.[0];
  return start === undefined ? undefined : posAt(sd.file, sd.lines, start);
}

/** True for an absent value: no node, or an explicit/implicit YAML null (`key:` or `key: null`). */
export function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/**
 * Follows an alias to its anchored node, spending the document's alias budget.
 * Returns undefined when the budget is spent or the anchor is missing.
 */
export function deref(sd: SourceDoc, node: unknown): unknown {
  if (!isAlias(node)) return node;
  if (sd.aliasBudget <= 0) {
    sd.aliasOverflow = true;
    return undefined;
  }
  sd.aliasBudget -= 1;
  return node.resolve(sd.doc) ?? undefined;
}

/** A map key as text (`80: x` gives '80'); undefined for complex keys such as `[a, b]: x`. */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? '' : String(k.value);
  return undefined;
}

/** The pairs of a map, in source order. */
export function pairsOf(map: YAMLMap): Pair[] {
  return map.items.filter((p): p is Pair => isPair(p));
}

/** The value node under `key` in a map node, if present. */
export function getKey(sd: SourceDoc, map: unknown, key: string): unknown {
  const m = deref(sd, map);
  if (!isMap(m)) return undefined;
  for (const p of pairsOf(m)) if (keyText(p) === key) return deref(sd, p.value);
  return undefined;
}

/** A scalar's string value under `key` (numbers are not strings). */
export function getString(sd: SourceDoc, map: unknown, key: string): string | undefined {
  const n = getKey(sd, map, key);
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/**
 * Converts a node to plain JSON-like data for content accepted without validation (a Job's pod
 * spec). Keys are copied onto null-prototype objects, so `__proto__` is just a key; complex keys
 * become their source text. Returns undefined past MAX_DEPTH or when aliases run out.
 *
 * Example: toPlain of the YAML `{a: [1, x]}` is { a: [1, 'x'] }.
 */
export function toPlain(sd: SourceDoc, node: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const n = deref(sd, node);
  if (isScalar(n)) return n.value;
  if (isSeq(n)) return n.items.map((it) => toPlain(sd, it, depth + 1));
  if (isMap(n)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const p of pairsOf(n)) {
      const k = keyText(p) ?? String(p.key);
      out[k] = toPlain(sd, p.value, depth + 1);
    }
    return out;
  }
  return undefined;
}
