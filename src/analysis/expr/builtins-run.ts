/**
 * Run-time implementations of expr's non-predicate built-ins (`builtin/lib.go`): `len`, `type`,
 * `abs`, rounding, conversions, aggregates (`max min mean median`, where `max([])` is nil and
 * `mean([])` is 0.0), `first`/`last`/`get` (nil instead of an index error), collections and bit
 * operations. String built-ins live in `builtins-strings.ts`.
 */
import { floatToInt64, parseGoAtoi, parseGoFloat } from '../../go/index.js';
import { STRING_BUILTINS, str } from './builtins-strings.js';
import { formatValue, goTypeName } from './gofmt.js';
import { compare, equal, fetch, interfaceConversion, length } from './runtime.js';
import { ExprPanic, GoFunc, GoInt, GoSlice, isExprMap, isNumeric, sliceItems } from './values.js';
import type { ExprValue } from './values.js';

/** `grow(n)` charges n elements to expr's memory budget (it throws when exceeded). */
export type Impl = (args: readonly ExprValue[], grow: (n: number) => void) => ExprValue;

const panic = (message: string): never => {
  throw new ExprPanic(message);
};
const arg = (args: readonly ExprValue[], i: number): ExprValue => args[i] ?? null;
const int = (v: bigint): GoInt => new GoInt(BigInt.asIntN(64, v), 'int');

/**
 * Go's `math.Round`: half away from zero.
 *
 * @example goRound(-2.5) // -3 (JS Math.round gives -2); goRound(0.49999999999999994) // 0
 */
export function goRound(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** expr's `type()`. @example typeName(goInt(7)) // "int"; typeName(null) // "nil" */
export function typeName(v: ExprValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoInt) return v.type === 'uint8' ? 'uint' : 'int';
  if (v instanceof GoFunc) return 'func';
  if (sliceItems(v) !== undefined) return 'array';
  return isExprMap(v) ? 'map' : 'unknown';
}

function rounding(name: string, f: (x: number) => number): Impl {
  return (args) => {
    const x = arg(args, 0);
    if (typeof x === 'number') return f(x);
    if (x instanceof GoInt) return Number(x.value);
    return panic(`invalid argument for ${name} (type ${goTypeName(x)})`);
  };
}

/** expr's `minMax`: numbers and (nested) arrays of numbers; nil for an empty input. */
function minMax(name: string, better: (a: ExprValue, b: ExprValue) => boolean, args: readonly ExprValue[]): ExprValue {
  let val: ExprValue = null;
  for (const a of args) {
    const items = sliceItems(a);
    if (items !== undefined) {
      for (const item of items) {
        const e = minMax(name, better, [item]);
        if (!isNumeric(e)) return panic(`invalid argument for ${name} (type ${goTypeName(e)})`);
        if (val === null || better(val, e)) val = e;
      }
    } else if (isNumeric(a)) {
      if (val === null || better(val, a)) val = a;
    } else {
      if (args.length === 1) return a;
      return panic(`invalid argument for ${name} (type ${goTypeName(a)})`);
    }
  }
  return val;
}

/** Flattens numbers out of (nested) arrays, as `mean` and `median` do. */
function numbers(name: string, args: readonly ExprValue[], out: number[] = []): number[] {
  for (const a of args) {
    const items = sliceItems(a);
    if (items !== undefined) numbers(name, items, out);
    else if (isNumeric(a)) out.push(typeof a === 'number' ? a : Number(a.value));
    else panic(`invalid argument for ${name} (type ${goTypeName(a)})`);
  }
  return out;
}

function median(values: number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  values.sort((x, y) => (Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x - y));
  return n % 2 === 1 ? (values[(n - 1) / 2] ?? 0) : ((values[n / 2 - 1] ?? 0) + (values[n / 2] ?? 0)) / 2;
}

function fetchOrNil(from: ExprValue, i: ExprValue): ExprValue {
  try {
    return fetch(from, i);
  } catch (e) {
    if (e instanceof ExprPanic) return null;
    throw e;
  }
}

function items(v: ExprValue, message: string): readonly ExprValue[] {
  return sliceItems(v) ?? panic(message);
}

function flatten(xs: readonly ExprValue[], out: ExprValue[] = []): ExprValue[] {
  for (const x of xs) {
    const inner = sliceItems(x);
    if (inner !== undefined) flatten(inner, out);
    else out.push(x);
  }
  return out;
}

function sortValues(args: readonly ExprValue[]): ExprValue[] {
  const order = args.length === 2 ? str(args[1]) : 'asc';
  if (order !== 'asc' && order !== 'desc') return panic(`invalid order ${order}, expected asc or desc`);
  const out = [...(sliceItems(arg(args, 0)) ?? [])];
  const sign = order === 'desc' ? -1 : 1;
  return out.sort((a, b) => (compare('<', a, b) ? -sign : compare('<', b, a) ? sign : 0));
}

function bitInt(v: ExprValue): bigint {
  if (v instanceof GoInt && v.type === 'int') return v.value;
  throw interfaceConversion(v, 'int');
}

function bitOp(f: (x: bigint, y: bigint) => bigint, shift = false): Impl {
  return (args) => {
    const [x, y] = [bitInt(arg(args, 0)), bitInt(arg(args, 1))];
    if (shift && y < 0n) return panic(`invalid operation: negative shift count ${y} (type int)`);
    return int(f(x, y));
  };
}

const sortedKeys = (v: ExprValue, what: string): string[] =>
  isExprMap(v) ? Object.keys(v).sort() : panic(`cannot get ${what} from ${goTypeName(v)}`);

export const BUILTIN_IMPLS: Readonly<Record<string, Impl>> = {
  ...STRING_BUILTINS,
  len: (a) => length(arg(a, 0)),
  type: (a) => typeName(arg(a, 0)),
  abs: (a) => {
    const x = arg(a, 0);
    if (typeof x === 'number') return x < 0 ? -x : x;
    if (x instanceof GoInt) return x.value < 0n ? new GoInt(BigInt.asIntN(64, -x.value), x.type) : x;
    return panic(`invalid argument for abs (type ${goTypeName(x)})`);
  },
  ceil: rounding('ceil', Math.ceil),
  floor: rounding('floor', Math.floor),
  round: rounding('round', goRound),
  int: (a) => {
    const x = arg(a, 0);
    if (typeof x === 'number') return int(floatToInt64(x));
    if (x instanceof GoInt) return int(x.value);
    if (typeof x === 'string') return int(parseGoAtoi(x) ?? panic(`invalid operation: int(${x})`));
    return panic(`invalid operation: int(${goTypeName(x)})`);
  },
  float: (a) => {
    const x = arg(a, 0);
    if (typeof x === 'number') return x;
    if (x instanceof GoInt) return Number(x.value);
    if (typeof x === 'string') {
      const f = parseGoFloat(x);
      return typeof f === 'number' ? f : panic(`invalid operation: float(${x})`);
    }
    return panic(`invalid operation: float(${goTypeName(x)})`);
  },
  string: (a) => formatValue(arg(a, 0)),
  max: (a) => minMax('max', (x, y) => compare('<', x, y), a),
  min: (a) => minMax('min', (x, y) => compare('>', x, y), a),
  mean: (a) => {
    const xs = numbers('mean', a);
    return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
  },
  median: (a) => median(numbers('median', a)),
  first: (a) => fetchOrNil(arg(a, 0), int(0n)),
  last: (a) => fetchOrNil(arg(a, 0), int(-1n)),
  take: (a) => {
    const v = arg(a, 0);
    const xs = items(v, `cannot take from ${goTypeName(v)}`);
    const n = arg(a, 1);
    if (!(n instanceof GoInt)) return panic(`cannot take ${goTypeName(n)} elements`);
    if (n.value > BigInt(xs.length)) return v;
    if (n.value < 0n) return panic('reflect: slice index out of range');
    const part = xs.slice(0, Number(n.value));
    return v instanceof GoSlice ? new GoSlice(v.elem, part) : part;
  },
  keys: (a) => sortedKeys(arg(a, 0), 'keys'),
  values: (a) => {
    const m = arg(a, 0);
    return sortedKeys(m, 'values').map((k) => (isExprMap(m) ? (m[k] ?? null) : null));
  },
  reverse: (a) => [...items(arg(a, 0), `cannot reverse ${goTypeName(arg(a, 0))}`)].reverse(),
  uniq: (a) => {
    const out: ExprValue[] = [];
    for (const x of items(arg(a, 0), `cannot uniq ${goTypeName(arg(a, 0))}`)) {
      if (!out.some((y) => equal(x, y))) out.push(x);
    }
    return out;
  },
  concat: (a, grow) => {
    const out = a.flatMap((x) => [...items(x, `cannot concat ${goTypeName(x)}`)]);
    grow(out.length);
    return out;
  },
  flatten: (a, grow) => {
    const out = flatten(items(arg(a, 0), `cannot flatten ${goTypeName(arg(a, 0))}`));
    grow(out.length);
    return out;
  },
  sort: (a, grow) => {
    const out = sortValues(a);
    grow(out.length);
    return out;
  },
  bitand: bitOp((x, y) => x & y),
  bitor: bitOp((x, y) => x | y),
  bitxor: bitOp((x, y) => x ^ y),
  bitnand: bitOp((x, y) => x & ~y),
  bitshl: bitOp((x, y) => (y >= 64n ? 0n : x << y), true),
  bitshr: bitOp((x, y) => (y >= 64n ? (x < 0n ? -1n : 0n) : x >> y), true),
  bitushr: bitOp((x, y) => (y >= 64n ? 0n : BigInt.asUintN(64, x) >> y), true),
  bitnot: (a) => int(~bitInt(arg(a, 0))),
};
