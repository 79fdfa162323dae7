/**
 * The validator: walks a YAML node against a schema (schema.ts), returning the typed value or
 * undefined, and recording every problem with its exact position and YAML path. It never stops
 * at the first error: siblings of a bad field are still checked.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import { closest, quoteList } from './errors.js';
import type { Issues, Pos } from './errors.js';
import { shapeMarker } from './scalars.js';
import type { Field, ObjectSchema, Out, Schema } from './schema.js';
import { MAX_DEPTH, child, deref, index, isNull, keyText, nodePos, pairsOf, toPlain } from './yaml-doc.js';
import type { SourceDoc } from './yaml-doc.js';
import type { YAMLMap } from 'yaml';

/** Validation context for one document. */
export interface Cx {
  readonly sd: SourceDoc;
  readonly issues: Issues;
  /** Human-readable notes (accepted but not simulated, truncated values). */
  readonly notes: string[];
  /** Start position of every visited value (or of its key when the value is empty), by path. */
  readonly at: Map<string, Pos>;
  /** Start position of every visited mapping key, by the path of its value. */
  readonly keyAt: Map<string, Pos>;
}

export function newCx(sd: SourceDoc, issues: Issues, notes: string[]): Cx {
  return { sd, issues, notes, at: new Map(), keyAt: new Map() };
}

export { child, index } from './yaml-doc.js';

/** Position of a path: the path's own node, else its nearest recorded ancestor, else the document. */
export function posOf(cx: Cx, path: string): Pos {
  let p = path;
  for (;;) {
    const hit = cx.at.get(p);
    if (hit !== undefined) return hit;
    if (p === '') break;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
  return nodePos(cx.sd, cx.sd.root) ?? { file: cx.sd.file, line: 1, column: 1 };
}

/**
 * Where each named field under `path` was written (fields not written are left out; undefined when
 * none is), so a load warning can point at the field itself. Example: {query:
 * 'provider.prometheus.query'} → {query: {file, line: 12, column: 14}}.
 */
export function fieldSources<K extends string>(cx: Cx, path: string, fields: Readonly<Record<K, string>>): Partial<Record<K, Pos>> | undefined {
  const out: Partial<Record<K, Pos>> = {};
  let any = false;
  for (const [key, rel] of Object.entries(fields) as [K, string][]) {
    const at = cx.at.get(`${path}.${rel}`);
    if (at !== undefined) [out[key], any] = [at, true];
  }
  return any ? out : undefined;
}

/** Records an error at a path (positioned by posOf). */
export function fail(cx: Cx, path: string, message: string, suggestion?: string): void {
  cx.issues.add(posOf(cx, path), path, message, suggestion);
}

/** Records an error about a mapping key itself (an unknown name used as a key). */
export function failKey(cx: Cx, path: string, message: string, suggestion?: string): void {
  cx.issues.add(cx.keyAt.get(path) ?? posOf(cx, path), path, message, suggestion);
}

/** Validates `node` against `schema`; undefined (with errors recorded) when anything is wrong. */
export function check<S extends Schema<unknown>>(schema: S, node: unknown, path: string, cx: Cx): Out<S> | undefined {
  return walk(schema, node, path, cx, 0) as Out<S> | undefined;
}

/**
 * Validates a mapping field by field: each field is its value, or undefined when it is invalid,
 * so callers can still cross-check the valid parts. Undefined when the node is not a mapping.
 */
export function checkFields<T>(schema: ObjectSchema<T>, node: unknown, path: string, cx: Cx): { [K in keyof T]: T[K] | undefined } | undefined {
  const n = deref(cx.sd, node);
  record(cx, path, n);
  if (!isMap(n)) {
    fail(cx, path, `expected a mapping, got ${shapeName(n)}`);
    return undefined;
  }
  return walkObject(schema, n, path, cx, 0).value as { [K in keyof T]: T[K] | undefined };
}

function walk(schema: Schema, raw: unknown, path: string, cx: Cx, depth: number): unknown {
  if (depth > MAX_DEPTH) return fail(cx, path, `nested deeper than ${MAX_DEPTH} levels`);
  const node = deref(cx.sd, raw);
  if (isAlias(raw) && node === undefined) return fail(cx, path, 'alias cannot be expanded (unknown anchor or too many aliases)');
  record(cx, path, isAlias(raw) ? raw : node); // errors point at the alias, where the value is used
  const before = cx.issues.count;
  const value = walkKind(schema, node, path, cx, depth);
  if (cx.issues.count !== before || value === undefined) return undefined;
  for (const c of schema.checks ?? []) c(value, (rel, message, suggestion) => fail(cx, join(path, rel), message, suggestion));
  return cx.issues.count === before ? value : undefined;
}

function walkKind(schema: Schema, node: unknown, path: string, cx: Cx, depth: number): unknown {
  switch (schema.kind) {
    case 'any':
      return toPlain(cx.sd, node) ?? null;
    case 'scalar': {
      const input = isScalar(node) ? node.value : isNull(node) ? null : shapeMarker(isSeq(node) ? 'a list' : 'a mapping');
      const source = isScalar(node) ? (node.source ?? String(node.value)) : '';
      const r = schema.parse(input, source);
      if (!r.ok) return fail(cx, path, r.message, r.suggestion);
      if (r.note !== undefined) cx.notes.push(`${cx.sd.file}: ${path}: ${r.note}`);
      return r.value;
    }
    case 'object':
      if (!isMap(node)) return fail(cx, path, `expected a mapping, got ${shapeName(node)}`);
      return walkObject(schema, node, path, cx, depth).value;
    case 'array': {
      if (!isSeq(node)) return fail(cx, path, `expected a list, got ${shapeName(node)}`);
      const items = node.items.map((it, i) => walk(schema.items, it, index(path, i), cx, depth + 1));
      if (items.length < schema.minItems) fail(cx, path, `needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
      return items;
    }
    case 'map': {
      if (!isMap(node)) return fail(cx, path, `expected a mapping, got ${shapeName(node)}`);
      const out = Object.create(null) as Record<string, unknown>;
      for (const p of pairsOf(node)) {
        const k = keyText(p);
        if (k === undefined) {
          fail(cx, path, 'complex (non-scalar) keys are not supported');
          continue;
        }
        const keyPos = nodePos(cx.sd, p.key);
        if (keyPos !== undefined) cx.keyAt.set(child(path, k), keyPos);
        out[k] = walk(schema.values, p.value ?? null, child(path, k), cx, depth + 1);
      }
      return out;
    }
    case 'shape': {
      const pick = isSeq(node) ? schema.seq : isMap(node) ? schema.map : schema.scalar;
      if (pick !== undefined) return walk(pick, node, path, cx, depth);
      const allowed = [schema.scalar && 'a single value', schema.seq && 'a list', schema.map && 'a mapping'].filter(Boolean);
      return fail(cx, path, `expected ${allowed.join(' or ')}, got ${shapeName(node)}`);
    }
  }
}

function walkObject(schema: ObjectSchema<unknown>, node: YAMLMap, path: string, cx: Cx, depth: number): { value: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  const given = new Set<string>();
  const excused = new Set<string>();
  for (const p of pairsOf(node)) {
    const k = keyText(p);
    const keyPos = nodePos(cx.sd, p.key);
    if (k === undefined) {
      fail(cx, path, 'complex (non-scalar) keys are not supported');
      continue;
    }
    const kp = child(path, k);
    if (keyPos !== undefined) {
      cx.at.set(kp, keyPos);
      cx.keyAt.set(kp, keyPos);
    }
    const field: Field | undefined = Object.hasOwn(schema.fields, k) ? schema.fields[k] : undefined;
    if (field !== undefined) {
      if (isNull(p.value)) continue; // `key:` with no value is absent, as Kubernetes treats null
      given.add(k);
      out[k] = walk(field.schema, p.value, kp, cx, depth + 1);
    } else if (Object.hasOwn(schema.rejected, k)) {
      const r = schema.rejected[k];
      if (r !== undefined) cx.issues.add(keyPos ?? posOf(cx, path), kp, r.message, r.suggestion);
      for (const e of r?.excuses ?? []) excused.add(e);
    } else if (k === '<<') {
      cx.issues.add(keyPos ?? posOf(cx, path), kp, 'YAML merge keys (<<) are not supported', 'write the fields out in full');
    } else if (!schema.open) {
      const names = [...Object.keys(schema.fields), ...Object.keys(schema.rejected)];
      const near = closest(k, names);
      const hint = near !== undefined ? `did you mean "${near}"?` : names.length <= 12 ? `known fields: ${quoteList(names)}` : undefined;
      cx.issues.add(keyPos ?? posOf(cx, path), kp, `unknown field "${k}"`, hint);
      // `trafic:` already says "did you mean traffic"; a second error for the missing `traffic` adds nothing.
      if (near !== undefined) excused.add(near);
    }
  }
  for (const [k, field] of Object.entries(schema.fields)) {
    if (given.has(k)) continue;
    if (field.hasDefault) out[k] = walk(field.schema, cx.sd.doc.createNode(field.default), child(path, k), cx, depth + 1);
    else if (field.mode === 'req' && !excused.has(k)) fail(cx, child(path, k), `missing required field "${k}"`);
    else out[k] = undefined;
  }
  return { value: out };
}

function record(cx: Cx, path: string, node: unknown): void {
  const pos = isNull(node) && cx.at.has(path) ? undefined : nodePos(cx.sd, node);
  if (pos !== undefined) cx.at.set(path, pos);
}

function join(path: string, rel: string): string {
  if (rel === '') return path;
  if (rel.startsWith('[')) return path + rel;
  return path === '' ? rel : `${path}.${rel}`;
}

function shapeName(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (isNull(node)) return 'nothing';
  if (isScalar(node)) return typeof node.value === 'string' ? `the string "${node.value}"` : `the ${typeof node.value} ${String(node.value)}`;
  return 'an unsupported node';
}

/**
 * Narrows a field-by-field result (checkFields) once the named fields are all valid.
 *
 * Example: if (defined(spec, 'replicas', 'template')) spec.replicas is a number.
 */
export function defined<T, K extends keyof T>(o: T, ...keys: K[]): o is T & { [P in K]-?: Exclude<T[P], undefined> } {
  return keys.every((k) => o[k] !== undefined);
}
