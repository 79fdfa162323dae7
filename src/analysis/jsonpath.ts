/**
 * The Kubernetes JSONPath templates Argo's web provider reads a response with
 * (`k8s.io/client-go/util/jsonpath`, used by metricproviders/webmetric/webmetric.go:142 through
 * `FindResults`, then the first value found, :155-163). Implemented: text outside braces, `$`,
 * `.field` and `['field']`, `[n]` (negative from the end), `[a:b:c]` slices, `[*]` and `.*`,
 * and filters `[?(@.path)]` / `[?(@.path OP literal)]` with ==, !=, <, >, <=, >=. Rejected with
 * a clear error: recursive descent `..`, unions `[a,b]`, `range`/`end`, and the `=~` filter.
 * Error texts are client-go's (`x is not found`, `array index out of bounds: …`).
 * One difference: Go walks a map's keys in random order for `*`; here they are sorted.
 */

/** One step of a path inside `{…}`. */
type Step =
  | { readonly k: 'field'; readonly name: string }
  | { readonly k: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number; readonly index: boolean }
  | { readonly k: 'all' }
  | { readonly k: 'filter'; readonly left: readonly Step[]; readonly op: string | undefined; readonly right: Literal | undefined };

type Literal = { readonly kind: 'int' | 'float'; readonly v: number } | { readonly kind: 'string'; readonly v: string } | { readonly kind: 'bool'; readonly v: boolean };

/** A parsed template: literal text pieces and paths, in order. */
export type JsonPathTemplate = readonly ({ readonly text: string } | { readonly path: readonly Step[] })[];

export type JsonPathParse = { readonly ok: true; readonly template: JsonPathTemplate } | { readonly ok: false; readonly error: string };
export type JsonPathFind = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const SUPPORTED = 'supported: $, .field, [\'field\'], [n], [a:b], [*], .*, [?(@.x == literal)]';

/**
 * Example: parseJsonPath('{$.data.ok}') → one path [field data, field ok];
 * parseJsonPath('{..ok}') → error "recursive descent (..) is not supported …".
 */
export function parseJsonPath(text: string): JsonPathParse {
  const out: ({ text: string } | { path: Step[] })[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      out.push({ text: text.slice(i) });
      break;
    }
    if (open > i) out.push({ text: text.slice(i, open) });
    const close = text.indexOf('}', open);
    if (close < 0) return { ok: false, error: `unclosed action in ${JSON.stringify(text)}` };
    const inner = text.slice(open + 1, close).trim();
    const path = parsePath(inner);
    if (typeof path === 'string') return { ok: false, error: `${path} in jsonPath ${JSON.stringify(text)} (${SUPPORTED})` };
    out.push({ path });
    i = close + 1;
  }
  return { ok: true, template: out };
}

/** Example: parsePath('$.a[0]') → [field a, index 0]; a string is the error. */
function parsePath(src: string): Step[] | string {
  if (src === 'range' || src === 'end') return `"${src}" is not supported`;
  let s = src.startsWith('$') ? src.slice(1) : src;
  const steps: Step[] = [];
  while (s.length > 0) {
    if (s.startsWith('..')) return 'recursive descent (..) is not supported';
    if (s.startsWith('.*')) {
      steps.push({ k: 'all' });
      s = s.slice(2);
    } else if (s.startsWith('.')) {
      const m = /^\.([^.[\]{}()*\s]+)/.exec(s);
      if (m === null) return `cannot read the field at "${s}"`;
      steps.push({ k: 'field', name: m[1] ?? '' });
      s = s.slice(m[0].length);
    } else if (s.startsWith('[')) {
      const close = s.startsWith('[?(') ? s.indexOf(')]') + 1 : s.indexOf(']');
      if (close <= 0) return `unterminated "[" at "${s}"`;
      const body = s.slice(1, close).trim();
      const step = parseBracket(body);
      if (typeof step === 'string') return step;
      steps.push(step);
      s = s.slice(close + 1);
    } else return `unexpected "${s}"`;
  }
  return steps;
}

function parseBracket(body: string): Step | string {
  if (body === '*') return { k: 'all' };
  const quoted = /^(['"])(.*)\1$/.exec(body);
  if (quoted !== null) return { k: 'field', name: quoted[2] ?? '' };
  if (body.startsWith('?(')) return parseFilter(body.slice(2, -1).trim());
  if (body.includes(',')) return 'unions ([a,b]) are not supported';
  const parts = body.split(':');
  if (parts.length > 3 || parts.some((p) => p.trim() !== '' && !/^-?\d+$/.test(p.trim()))) return `invalid array index "${body}"`;
  const n = (p: string | undefined): number | undefined => (p === undefined || p.trim() === '' ? undefined : Number(p));
  if (parts.length === 1) return { k: 'slice', start: n(parts[0]), index: true };
  return { k: 'slice', start: n(parts[0]), end: n(parts[1]), step: n(parts[2]), index: false };
}

function parseFilter(src: string): Step | string {
  const m = /^@((?:\.[^.[\]\s=!<>~]+|\[[^\]]*\])*)\s*(?:(==|!=|<=|>=|<|>|=~)\s*(.+))?$/.exec(src);
  if (m === null) return `cannot read the filter "?(${src})"`;
  const left = parsePath(m[1] ?? '');
  if (typeof left === 'string') return left;
  const op = m[2];
  if (op === '=~') return 'the =~ filter is not supported';
  if (op === undefined) return { k: 'filter', left, op: undefined, right: undefined };
  const raw = (m[3] ?? '').trim();
  const q = /^(['"])(.*)\1$/.exec(raw);
  let right: Literal;
  if (q !== null) right = { kind: 'string', v: q[2] ?? '' };
  else if (raw === 'true' || raw === 'false') right = { kind: 'bool', v: raw === 'true' };
  else if (/^-?\d+$/.test(raw)) right = { kind: 'int', v: Number(raw) };
  else if (/^-?\d*\.\d+$/.test(raw)) right = { kind: 'float', v: Number(raw) };
  else return `cannot read the filter value "${raw}"`;
  return { k: 'filter', left, op, right };
}

/** Go's type name of a decoded JSON value, as client-go's errors print it. */
function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object' && v !== null) return 'map[string]interface {}';
  return typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : 'string';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step over every current value (client-go's evalField / evalArray / evalWildcard / evalFilter). */
function walk(input: readonly unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  if (step.k === 'field') {
    if (input.length === 0) return out;
    for (const v of input) if (isMap(v) && Object.hasOwn(v, step.name)) out.push(v[step.name]);
    if (out.length === 0) throw new Error(`${step.name} is not found`);
    return out;
  }
  for (const v of input) {
    if (v === null || v === undefined) continue; // template.Indirect: a nil value is skipped
    if (step.k === 'all') {
      if (Array.isArray(v)) for (const x of v as unknown[]) out.push(x);
      else if (isMap(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
      else if (typeof v === 'string') for (const ch of v) out.push(ch);
      continue;
    }
    if (!Array.isArray(v)) throw new Error(step.k === 'filter' ? `${String(v)} is not array or slice and cannot be filtered` : `${goType(v)} is not array or slice`);
    if (step.k === 'filter') {
      for (const item of v) if (filterPasses(item, step)) out.push(item);
      continue;
    }
    for (const x of slice(v, step)) out.push(x);
  }
  return out;
}

function slice(v: readonly unknown[], s: Extract<Step, { k: 'slice' }>): unknown[] {
  const len = v.length;
  let start = s.start ?? 0;
  if (start < 0) start += len;
  let end = s.index ? start + 1 : (s.end ?? len);
  if (!s.index && s.end !== undefined && s.end < 0) end += len;
  if (end === start) return [];
  if (start >= len || start < 0) throw new Error(`array index out of bounds: index ${start}, length ${len}`);
  if (end > len || end < 0) throw new Error(`array index out of bounds: index ${end - 1}, length ${len}`);
  if (start > end) throw new Error(`starting index ${start} is greater than ending index ${end}`);
  const step = s.step ?? 1;
  if (step <= 0) throw new Error('step must be > 0');
  const out: unknown[] = [];
  for (let i = start; i < end; i += step) out.push(v[i]);
  return out;
}

function filterPasses(item: unknown, f: Extract<Step, { k: 'filter' }>): boolean {
  let lefts: unknown[];
  try {
    lefts = f.left.reduce<unknown[]>((cur, st) => walk(cur, st), [item]);
  } catch (e) {
    if (f.op === undefined) return false;
    throw e;
  }
  if (f.op === undefined || f.right === undefined) return lefts.length > 0;
  if (lefts.length === 0) return false;
  if (lefts.length > 1) throw new Error('can only compare one element at a time');
  return compare(lefts[0], f.op, f.right);
}

/** Go template comparison: a JSON number is float64, so it compares with a float literal only. */
function compare(left: unknown, op: string, right: Literal): boolean {
  if (left === null || typeof left === 'object') throw new Error('invalid type for comparison');
  const kind = typeof left === 'number' ? 'float' : typeof left === 'string' ? 'string' : typeof left === 'boolean' ? 'bool' : 'other';
  if (kind !== right.kind) throw new Error('incompatible types for comparison');
  if (kind === 'bool' && op !== '==' && op !== '!=') throw new Error('invalid type for comparison');
  const l = left as number | string | boolean;
  const r = right.v;
  switch (op) {
    case '==': return l === r;
    case '!=': return l !== r;
    case '<': return l < r;
    case '>': return l > r;
    case '<=': return l <= r;
    default: return l >= r;
  }
}

/**
 * Argo's web provider reading: the first value any piece of the template finds (a text piece
 * finds its own text), or client-go's error.
 * Example: findFirst(parse('{$.data.ok}'), {data: {ok: true}}) → {ok: true, value: true};
 * with {data: {}} → {ok: false, error: 'ok is not found'}.
 */
export function findFirst(template: JsonPathTemplate, data: unknown): JsonPathFind {
  const found: unknown[][] = [];
  try {
    for (const piece of template) {
      found.push('text' in piece ? [piece.text] : piece.path.reduce<unknown[]>((cur, st) => walk(cur, st), [data]));
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  for (const list of found) if (list.length > 0) return { ok: true, value: list[0] };
  return { ok: false, error: 'result of web metric produced no value' };
}
