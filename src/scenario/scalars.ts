/**
 * Scalar schemas: each parses one YAML scalar into the model's form (percentages to fractions,
 * int-or-string to numbers) and carries its JSON Schema fragment. Durations are in durations.ts.
 */
import type { IntOrPercent } from '../model/rollout.js';
import { didYouMean, quoteList } from './errors.js';
import { scalar } from './schema.js';
import type { Meta, Parsed, ScalarSchema } from './schema.js';

const SHAPE = Symbol('shape');

/** What a scalar parser receives for a mapping or a list, so its message can say so. */
export function shapeMarker(shape: 'a mapping' | 'a list'): unknown {
  return { [SHAPE]: shape };
}

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (message: string, suggestion?: string): Parsed<never> =>
  suggestion === undefined ? { ok: false, message } : { ok: false, message, suggestion };

/**
 * Names a value for messages: strings quoted, the rest by type.
 *
 * Example: describe('5') === 'the string "5"'; describe(5) === 'the number 5'; describe(null) === 'nothing'.
 */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'object' && SHAPE in v) return String((v as Record<symbol, unknown>)[SHAPE]);
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  return 'a value of another type';
}

const quoteHint = (v: unknown): string | undefined =>
  typeof v === 'number' || typeof v === 'boolean' ? `quote it: "${String(v)}"` : undefined;

export function str(o: Meta & { nonEmpty?: boolean } = {}): ScalarSchema<string> {
  return scalar<string>(
    (v) => {
      if (typeof v !== 'string') return bad(`expected a string, got ${describe(v)}`, quoteHint(v));
      if (o.nonEmpty === true && v.trim() === '') return bad('must not be empty');
      return ok(v);
    },
    o.nonEmpty === true ? { type: 'string', minLength: 1 } : { type: 'string' },
    o,
  );
}

/** YAML 1.1 spellings of booleans that YAML 1.2 (and so this loader) reads as strings. */
const YAML11_BOOLS = ['yes', 'no', 'on', 'off', 'y', 'n'];

export function bool(o: Meta = {}): ScalarSchema<boolean> {
  return scalar<boolean>(
    (v) => {
      if (typeof v === 'boolean') return ok(v);
      const hint = typeof v === 'string' && YAML11_BOOLS.includes(v.toLowerCase()) ? `write true or false (YAML 1.2 reads ${v} as a string)` : undefined;
      return bad(`expected true or false, got ${describe(v)}`, hint);
    },
    { type: 'boolean' },
    o,
  );
}

export interface Range {
  readonly min?: number;
  readonly max?: number;
  /** Values must be strictly greater than `min`. */
  readonly exclusiveMin?: boolean;
}

function rangeError(v: number, r: Range): string | undefined {
  if (r.min !== undefined && (r.exclusiveMin === true ? v <= r.min : v < r.min)) {
    return r.exclusiveMin === true ? `must be greater than ${r.min}, got ${v}` : `must be at least ${r.min}, got ${v}`;
  }
  if (r.max !== undefined && v > r.max) return `must be at most ${r.max}, got ${v}`;
  return undefined;
}

function rangeJson(r: Range): Record<string, number> {
  const j: Record<string, number> = {};
  if (r.min !== undefined) j[r.exclusiveMin === true ? 'exclusiveMinimum' : 'minimum'] = r.min;
  if (r.max !== undefined) j['maximum'] = r.max;
  return j;
}

/** Kubernetes' and Argo's integer fields are int32: the API server refuses anything larger. */
export const INT32_MAX = 2_147_483_647;

/** What sets integers and numbers apart: the JSON type, the word for messages, the test, the text of one quoted. */
interface NumberKind {
  readonly type: 'integer' | 'number';
  readonly what: string;
  readonly accepts: (n: number) => boolean;
  readonly quoted: RegExp;
}

const INTEGER: NumberKind = { type: 'integer', what: 'an integer', accepts: Number.isInteger, quoted: /^[-+]?\d+$/ };
const NUMBER: NumberKind = { type: 'number', what: 'a number', accepts: Number.isFinite, quoted: /^[-+]?\d+(\.\d+)?$/ };

/**
 * A number of `kind` within range `r`. `"20"` where a number belongs gets a hint: Kubernetes refuses the
 * quotes, so say to drop them (`int()` on `"20"` ⇒ 'expected an integer, got the string "20"', hint
 * 'write 20 without quotes').
 */
function numeric(kind: NumberKind, r: Range, o: Meta): ScalarSchema<number> {
  return scalar<number>(
    (v) => {
      if (typeof v !== 'number' || !kind.accepts(v)) {
        const hint = typeof v === 'string' && kind.quoted.test(v.trim()) ? `write ${v.trim()} without quotes` : undefined;
        return bad(`expected ${kind.what}, got ${describe(v)}`, hint);
      }
      const e = rangeError(v, r);
      return e === undefined ? ok(v) : bad(e);
    },
    { type: kind.type, ...rangeJson(r) },
    o,
  );
}

/** An integer, at most INT32_MAX unless `max` says otherwise. */
export function int(o: Meta & Range = {}): ScalarSchema<number> {
  return numeric(INTEGER, { ...o, max: o.max ?? INT32_MAX }, o);
}

/** A finite number within the range `o` gives. */
export function num(o: Meta & Range = {}): ScalarSchema<number> {
  return numeric(NUMBER, o, o);
}

export function enumOf<T extends string>(values: readonly T[], o: Meta = {}): ScalarSchema<T> {
  return scalar<T>(
    (v) => {
      if (typeof v === 'string' && (values as readonly string[]).includes(v)) return ok(v as T);
      const hint = typeof v === 'string' ? didYouMean(v, values) : undefined;
      return bad(`expected one of ${quoteList(values)}, got ${describe(v)}`, hint);
    },
    { type: 'string', enum: values },
    o,
  );
}

export interface PercentOptions extends Meta {
  /** Allows [-1, 1] (a `delta`); otherwise [0, 1]. */
  readonly signed?: boolean;
}

/**
 * A fraction written as a percentage string (`6%`, `-15%`, `0.5%`) or a plain number (`0.06`).
 *
 * Example: percent().parse('6%', '6%') gives 0.06; percent().parse(6, '6') fails, suggesting "6%".
 */
export function percent(o: PercentOptions = {}): ScalarSchema<number> {
  const lo = o.signed === true ? -1 : 0;
  return scalar<number>(
    (v) => {
      let x: number;
      if (typeof v === 'number' && Number.isFinite(v)) x = v;
      else if (typeof v === 'string' && /^[-+]?(\d+(\.\d*)?|\.\d+)\s*%$/.test(v.trim())) x = Number(v.trim().slice(0, -1).trim()) / 100;
      else return bad(`expected a percentage such as "6%" or a fraction such as 0.06, got ${describe(v)}`);
      if (x < lo || x > 1) {
        const range = lo < 0 ? '[-100%, 100%]' : '[0%, 100%]';
        const hint = typeof v === 'number' && Math.abs(v) <= 100 ? `did you mean "${v}%"?` : undefined;
        return bad(`${typeof v === 'number' ? v : `"${v}"`} is outside ${range}`, hint);
      }
      return ok(x);
    },
    {
      anyOf: [
        { type: 'number', minimum: lo, maximum: 1 },
        { type: 'string', pattern: o.signed === true ? '^[-+]?\\d+(\\.\\d+)?%$' : '^\\+?\\d+(\\.\\d+)?%$' },
      ],
    },
    o,
  );
}

/**
 * Kubernetes int-or-string for `maxSurge`/`maxUnavailable`: a non-negative integer = pods, a
 * string = a percentage. Argo reads any string as a percentage (`"25"` = 25 %); apps/v1
 * Deployment requires the `%` (`k8sStyle`).
 *
 * Example: intOrPercent().parse('25', '"25"') gives '25%'; parse(1, '1') gives 1.
 */
export function intOrPercent(o: Meta & { k8sStyle?: boolean } = {}): ScalarSchema<IntOrPercent> {
  return scalar<IntOrPercent>(
    (v) => {
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 0 || v > INT32_MAX) return bad(`expected a non-negative integer or a percentage, got ${describe(v)}`);
        return ok(v);
      }
      if (typeof v === 'string') {
        const m = /^(\d+)(%?)$/.exec(v.trim());
        if (m !== null && (m[2] === '%' || o.k8sStyle !== true)) return ok(`${Number(m[1])}%` as IntOrPercent);
        const hint = m !== null ? `write "${m[1]}%" or the integer ${m[1]}` : 'write a pod count (1) or a percentage ("25%")';
        return bad(`"${v}" is not a pod count or a percentage`, hint);
      }
      return bad(`expected an integer or a percentage string, got ${describe(v)}`);
    },
    { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+%?$' }] },
    o,
  );
}

/**
 * Argo's int-or-string counters (`count`, `failureLimit`, ...): an integer or a string of digits.
 * Argument placeholders (`"{{args.count}}"`) are refused: the simulator needs the number.
 *
 * Example: intOrString({min: -1}).parse('3', '"3"') gives 3.
 */
export function intOrString(o: Meta & Range = {}): ScalarSchema<number> {
  const r: Range = { ...o, max: o.max ?? INT32_MAX };
  return scalar<number>(
    (v) => {
      let n: number | undefined;
      if (typeof v === 'number' && Number.isInteger(v)) n = v;
      else if (typeof v === 'string' && /^[-+]?\d+$/.test(v.trim())) n = Number(v.trim());
      else if (typeof v === 'string' && v.includes('{{')) {
        return bad(`argument placeholders in counters ("${v}") are not simulated`, 'write the number itself');
      } else return bad(`expected an integer, got ${describe(v)}`);
      const e = rangeError(n, r);
      return e === undefined ? ok(n) : bad(e);
    },
    { anyOf: [{ type: 'integer', ...rangeJson(r) }, { type: 'string', pattern: '^[-+]?\\d+$' }] },
    o,
  );
}
