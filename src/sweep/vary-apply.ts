/**
 * Applies one cell's --vary values to the scenario's source text, before the loader reads it, so
 * a varied value is validated exactly as a written one. A value whose key exists replaces that
 * node's text in place (every other line, comment and position stays as the user wrote it); a key
 * the document lacks is added through the YAML document model and that file is written out again.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { closest } from '../scenario/errors.js';
import type { Source } from '../scenario/index.js';
import { formatPath, type PathSegment, type VarySpec } from './vary.js';

export interface Assignment {
  readonly spec: VarySpec;
  readonly value: unknown;
}

/** A document and where it came from. */
interface Located {
  readonly source: number;
  readonly doc: Document.Parsed;
  readonly kind: string;
  readonly name: string;
}

/**
 * The sources with the values set, or throws an Error naming the path and what is there instead.
 * Example: applyVary([{file: 's.yaml', text: '…kind: Scenario\nspec:\n  seed: 7\n…'}],
 * [{spec: parseVary('spec.seed=8'), value: 8}]) → the same text with `seed: 8`.
 */
export function applyVary(sources: readonly Source[], assignments: readonly Assignment[]): Source[] {
  if (assignments.length === 0) return [...sources];
  const parsed = sources.map((s) => parseAllDocuments(s.text, { uniqueKeys: false, logLevel: 'error' }));
  const docs: Located[] = parsed.flatMap((ds, source) => ds.map((doc) => ({ source, doc, kind: str(doc.get('kind')), name: str(doc.getIn(['metadata', 'name'])) })));
  const resolved = assignments.map((a) => {
    const target = pick(docs, a.spec);
    const { parent, keys, last } = walk(target.doc, a.spec);
    return { a, target, keys, node: last === undefined ? undefined : nodeAt(parent, last) };
  });
  // A file with a key to add is written out again from the document model, with every value set there.
  const rewritten = new Set(resolved.filter((r) => r.node?.range == null).map((r) => r.target.source));
  for (const r of resolved) if (rewritten.has(r.target.source)) r.target.doc.setIn(r.keys, r.a.value);
  return sources.map((s, i) => {
    if (rewritten.has(i)) return { file: s.file, text: (parsed[i] ?? []).map(String).join('') };
    let text = s.text;
    const here = resolved.filter((r) => r.target.source === i).map((r) => ({ range: r.node?.range as [number, number, number], text: render(r.a.value) }));
    for (const sp of here.sort((x, y) => y.range[0] - x.range[0])) {
      const [from, to] = sp.range;
      // A block value's range ends with its line break: keep it.
      text = text.slice(0, from) + sp.text + (/\s*$/.exec(text.slice(from, to))?.[0] ?? '') + text.slice(to);
    }
    return { file: s.file, text };
  });
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** The one document a spec names (default: the Scenario). */
function pick(docs: readonly Located[], spec: VarySpec): Located {
  const kind = spec.kind ?? 'Scenario';
  const all = docs.filter((d) => d.kind === kind);
  const hits = spec.name === undefined ? all : all.filter((d) => d.name === spec.name);
  if (hits.length === 1) return hits[0] as Located;
  const have = docs.filter((d) => d.kind !== '').map((d) => `${d.kind}/${d.name}`);
  if (hits.length === 0 && spec.name !== undefined && all.length > 0) {
    const near = closest(spec.name, all.map((d) => d.name));
    throw new Error(`--vary ${spec.target}: no ${kind} named "${spec.name}"${near ? ` (did you mean ${kind}/${near}?)` : ''}; the file has ${have.join(', ')}`);
  }
  if (hits.length === 0) {
    const near = closest(kind, [...new Set(docs.map((d) => d.kind))]);
    throw new Error(`--vary ${spec.target}: no ${kind} document${near ? ` (did you mean ${near}?)` : ''}; the file has ${have.join(', ')}`);
  }
  throw new Error(`--vary ${spec.target}: ${hits.length} ${kind} documents (${hits.map((d) => d.name).join(', ')}): name one, e.g. ${kind}/${hits[0]?.name ?? ''}:${formatPath(spec.path)}`);
}

/**
 * Follows the path to the parent of its last segment; every step but the last must exist. The
 * last may be a key the map lacks (it is added). Returns the path as document keys.
 */
function walk(doc: Document.Parsed, spec: VarySpec): { parent: Node; keys: (string | number)[]; last: PathSegment | undefined } {
  let node: unknown = doc.contents;
  const keys: (string | number)[] = [];
  const where = (i: number): string => (i === 0 ? 'the document' : formatPath(spec.path.slice(0, i)));
  for (let i = 0; i < spec.path.length; i++) {
    const seg = spec.path[i] as PathSegment;
    const lastSeg = i === spec.path.length - 1;
    const fail = (why: string): never => {
      throw new Error(`--vary ${spec.target}: ${why}`);
    };
    if ('key' in seg) {
      if (!isMap(node)) fail(`${where(i)} is ${kindOf(node)}, not a map with key "${seg.key}"`);
      const map = node as import('yaml').YAMLMap;
      const present = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => k !== '');
      if (!present.includes(seg.key) && !lastSeg) {
        const near = closest(seg.key, present);
        fail(`${where(i)} has no key "${seg.key}"${near ? ` (did you mean "${near}"?)` : ''}; it has ${present.join(', ') || 'no keys'}`);
      }
      keys.push(seg.key);
      if (lastSeg) return { parent: map, keys, last: seg };
      node = map.get(seg.key, true);
    } else {
      if (!isSeq(node)) fail(`${where(i)} is ${kindOf(node)}, not a list`);
      const seq = node as import('yaml').YAMLSeq;
      let idx: number;
      if ('index' in seg) idx = seg.index;
      else {
        idx = seq.items.findIndex((it) => isMap(it) && String(it.get(seg.where)) === seg.equals);
        if (idx < 0) fail(`${where(i)} has no item with ${seg.where}: ${seg.equals}; it has ${seq.items.map((it) => (isMap(it) ? String(it.get(seg.where)) : '?')).join(', ')}`);
      }
      if (idx >= seq.items.length) fail(`${where(i)} has ${seq.items.length} item${seq.items.length === 1 ? '' : 's'} (indices 0…${seq.items.length - 1}), not [${idx}]`);
      keys.push(idx);
      if (lastSeg) return { parent: seq, keys, last: seg };
      node = seq.items[idx];
    }
  }
  return { parent: node as Node, keys, last: undefined };
}

/** The node at the parent's last segment, if there is one. */
function nodeAt(parent: Node, seg: PathSegment): Node | undefined {
  if ('key' in seg && isMap(parent)) return parent.get(seg.key, true) as Node | undefined;
  if (isSeq(parent)) {
    const idx = 'index' in seg ? seg.index : parent.items.findIndex((it) => isMap(it) && 'where' in seg && String(it.get(seg.where)) === seg.equals);
    return parent.items[idx] as Node | undefined;
  }
  return undefined;
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  return 'empty';
}

/** A value as YAML text that reads back the same in any position (JSON is YAML's flow form). */
function render(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : JSON.stringify(v);
}
