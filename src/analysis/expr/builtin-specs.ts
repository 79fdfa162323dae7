/**
 * Compile-time signatures of expr's non-predicate built-ins (v1.17.8 `builtin/builtin.go`):
 * either a `validate` function over the argument types (Go's `Validate`), or a list of Go
 * func-type overloads (Go's `Types`). Error texts are expr's, including the Go quirk that a nil
 * argument type prints as `%!s(<nil>)`.
 */
import { T_ANY, T_ARRAY, T_BOOL, T_FLOAT, T_INT, T_STRING, fn, typeString } from './types.js';
import type { FuncType, GoType } from './types.js';

/** An argument type as Validate sees it: a Go type, or `null` for the nil value. */
export type ArgType = GoType | null;

export interface BuiltinSpec {
  readonly validate?: (args: readonly ArgType[]) => GoType | { readonly error: string };
  readonly types?: readonly FuncType[];
}

/** Built-ins that parse and type-check in expr but that the simulator does not run. */
export const UNSUPPORTED_BUILTINS: ReadonlySet<string> = new Set([
  'toJSON', 'fromJSON', 'toBase64', 'fromBase64', 'now', 'duration', 'date', 'timezone', 'groupBy', 'sortBy',
  'toPairs', 'fromPairs',
]);

/**
 * Go's `%s` of a reflect.Type, where a nil type prints `%!s(<nil>)`.
 *
 * @example argTypeString(null) // "%!s(<nil>)"; argTypeString(T_FLOAT) // "float64"
 */
export function argTypeString(t: ArgType): string {
  return t === null ? '%!s(<nil>)' : typeString(t);
}

const kind = (t: ArgType): string => (t === null ? 'invalid' : t.k === 'int' ? 'int' : t.k);
const isAnyOrSlice = (t: ArgType): boolean => kind(t) === 'any' || kind(t) === 'slice';
const isNum = (t: ArgType): boolean => kind(t) === 'int' || kind(t) === 'float64';
const fail = (error: string): { error: string } => ({ error });

function arity(args: readonly ArgType[], n: number): { error: string } | undefined {
  return args.length === n ? undefined : fail(`invalid number of arguments (expected ${n}, got ${args.length})`);
}

function one(check: (t: ArgType) => GoType | undefined, message: (t: string) => string): BuiltinSpec {
  return {
    validate: (args) => {
      const bad = arity(args, 1);
      if (bad !== undefined) return bad;
      const t = args[0] ?? null;
      return check(t) ?? fail(message(argTypeString(t)));
    },
  };
}

const roundFunc = (name: string): BuiltinSpec =>
  one((t) => (isNum(t) || kind(t) === 'any' ? T_FLOAT : undefined), (t) => `invalid argument for ${name} (type ${t})`);

const aggregate = (name: string): BuiltinSpec => ({
  validate: (args) => {
    if (args.length === 0) return fail(`not enough arguments to call ${name}`);
    for (const t of args) {
      if (isAnyOrSlice(t)) return T_ANY;
      if (!isNum(t)) return fail(`invalid argument for ${name} (type ${argTypeString(t)})`);
    }
    return args[0] ?? T_ANY;
  },
});

const anyOrSliceTo = (out: GoType, message: (t: string) => string): BuiltinSpec =>
  one((t) => (isAnyOrSlice(t) ? out : undefined), message);

const S = T_STRING;
const strings2 = fn([S, S], S);
const bit = fn([T_INT, T_INT], T_INT);
const sliceOf = (elem: GoType): GoType => ({ k: 'slice', elem });

export const BUILTIN_SPECS: Readonly<Record<string, BuiltinSpec>> = {
  len: one((t) => (['slice', 'map', 'string', 'any'].includes(kind(t)) ? T_INT : undefined), (t) => `invalid argument for len (type ${t})`),
  type: { types: [fn([T_ANY], S)] },
  abs: one((t) => (isNum(t) || kind(t) === 'any' ? t ?? T_ANY : undefined), (t) => `invalid argument for abs (type ${t})`),
  ceil: roundFunc('ceil'),
  floor: roundFunc('floor'),
  round: roundFunc('round'),
  int: one((t) => (isNum(t) || kind(t) === 'any' || kind(t) === 'string' ? T_INT : undefined), (t) => `invalid argument for int (type ${t})`),
  float: one((t) => (isNum(t) || kind(t) === 'any' || kind(t) === 'string' ? T_FLOAT : undefined), (t) => `invalid argument for float (type ${t})`),
  string: { types: [fn([T_ANY], S)] },
  trim: { types: [fn([S], S), strings2] },
  trimPrefix: { types: [strings2, fn([S], S)] },
  trimSuffix: { types: [strings2, fn([S], S)] },
  upper: { types: [fn([S], S)] },
  lower: { types: [fn([S], S)] },
  split: { types: [fn([S, S], sliceOf(S)), fn([S, S, T_INT], sliceOf(S))] },
  splitAfter: { types: [fn([S, S], sliceOf(S)), fn([S, S, T_INT], sliceOf(S))] },
  replace: { types: [fn([S, S, S, T_INT], S), fn([S, S, S], S)] },
  repeat: { types: [fn([S, T_INT], S)] },
  join: {
    types: [fn([sliceOf(S), S], S), fn([T_ARRAY, S], S), fn([T_ARRAY], S), fn([sliceOf(S), S], S), fn([sliceOf(S)], S)],
  },
  indexOf: { types: [fn([S, S], T_INT)] },
  lastIndexOf: { types: [fn([S, S], T_INT)] },
  hasPrefix: { types: [fn([S, S], T_BOOL)] },
  hasSuffix: { types: [fn([S, S], T_BOOL)] },
  max: aggregate('max'),
  min: aggregate('min'),
  mean: aggregate('mean'),
  median: aggregate('median'),
  first: one((t) => (kind(t) === 'any' ? T_ANY : t?.k === 'slice' ? t.elem : undefined), (t) => `cannot get first element from ${t}`),
  last: one((t) => (kind(t) === 'any' ? T_ANY : t?.k === 'slice' ? t.elem : undefined), (t) => `cannot get last element from ${t}`),
  take: {
    validate: (args) => {
      const bad = arity(args, 2);
      if (bad !== undefined) return bad;
      const [a = null, n = null] = args;
      if (!isAnyOrSlice(a)) return fail(`cannot take from ${argTypeString(a)}`);
      if (kind(n) !== 'any' && kind(n) !== 'int') return fail(`cannot take ${argTypeString(n)} elements`);
      return a ?? T_ANY;
    },
  },
  keys: one((t) => (kind(t) === 'any' || kind(t) === 'map' ? T_ARRAY : undefined), (t) => `cannot get keys from ${t}`),
  values: one((t) => (kind(t) === 'any' || kind(t) === 'map' ? T_ARRAY : undefined), (t) => `cannot get values from ${t}`),
  reverse: anyOrSliceTo(T_ARRAY, (t) => `cannot reverse ${t}`),
  uniq: anyOrSliceTo(T_ARRAY, (t) => `cannot uniq ${t}`),
  flatten: anyOrSliceTo(T_ARRAY, (t) => `cannot flatten ${t}`),
  concat: {
    validate: (args) => {
      if (args.length === 0) return fail('invalid number of arguments (expected at least 1, got 0)');
      const bad = args.find((t) => !isAnyOrSlice(t));
      return bad === undefined ? T_ARRAY : fail(`cannot concat ${argTypeString(bad)}`);
    },
  },
  sort: {
    types: [
      fn([T_ARRAY, S], T_ARRAY), fn([sliceOf(T_INT), S], T_ARRAY), fn([sliceOf(T_FLOAT), S], T_ARRAY),
      fn([sliceOf(S), S], T_ARRAY), fn([T_ARRAY], T_ARRAY), fn([sliceOf(T_FLOAT)], T_ARRAY),
      fn([sliceOf(S)], T_ARRAY), fn([sliceOf(T_INT)], T_ARRAY),
    ],
  },
  bitand: { types: [bit] },
  bitor: { types: [bit] },
  bitxor: { types: [bit] },
  bitnand: { types: [bit] },
  bitshl: { types: [bit] },
  bitshr: { types: [bit] },
  bitushr: { types: [bit] },
  bitnot: { types: [fn([T_INT], T_INT)] },
};
