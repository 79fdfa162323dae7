/**
 * Scalar schemas: each parses one YAML scalar into the model's form (durations to integer
 * milliseconds, percentages to fractions) and carries its JSON Schema fragment.
 */
import { formatDuration, parseGoDuration } from '../model/time.js';
import type { Ms } from '../model/time.js';
import type { IntOrPercent } from '../model/rollout.js';
import { didYouMean, quoteList } from './errors.js';
import { scalar } from './schema.js';
import type { Meta, Parsed, ScalarSchema } from './schema.js';

const SHAPE = Symbol('shape');

/** What a scalar parser receives for a mapping or a list, so its message can say so. */
export function shapeMarker(shape: 'a mapping' | 'a list'): unknown {
  return { [SHAPE]: shape };
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string, suggestion?: string): Parsed<never> =>
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

export function bool(o: Meta = {}): ScalarSchema<boolean> {
  return scalar<boolean>(
    (v) => (typeof v === 'boolean' ? ok(v) : bad(`expected true or false, got ${describe(v)}`)),
    { type: 'boolean' },
    o,
  );
}

interface Range {
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

export function int(o: Meta & Range = {}): ScalarSchema<number> {
  return scalar<number>(
    (v) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad(`expected an integer, got ${describe(v)}`);
      const e = rangeError(v, o);
      return e === undefined ? ok(v) : bad(e);
    },
    { type: 'integer', ...rangeJson(o) },
    o,
  );
}

export function num(o: Meta & Range = {}): ScalarSchema<number> {
  return scalar<number>(
    (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return bad(`expected a number, got ${describe(v)}`);
      const e = rangeError(v, o);
      return e === undefined ? ok(v) : bad(e);
    },
    { type: 'number', ...rangeJson(o) },
    o,
  );
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

/** Go `time.ParseDuration` text, plus a bare `0`. */
const GO_DURATION = '^([-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|0)$';
const UNSIGNED_DURATION = '^(((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|0)$';

function durationHint(text: string): string {
  if (/^\d+(\.\d+)?d$/.test(text)) return `Go durations have no day unit: write ${Number(text.slice(0, -1)) * 24}h`;
  if (/^\d+(\.\d+)?$/.test(text)) return `add a unit: "${text}s" or "${text}ms"`;
  return 'use Go duration units, e.g. 250ms, 30s, 5m, 1h30m';
}

/**
 * A simulated-time duration in the Scenario: a Go duration string (`30s`, `1h30m`, `250ms`) or
 * 0; never negative; `positive` also refuses 0 (and anything under 1 ms).
 *
 * Example: duration().parse('1h30m', '1h30m') gives 5_400_000.
 */
export function duration(o: Meta & { positive?: boolean; minMs?: Ms } = {}): ScalarSchema<Ms> {
  return scalar<Ms>(
    (v, source) => {
      let ms: Ms | undefined;
      if (typeof v === 'number') {
        if (v !== 0) return bad(`a duration needs a unit, got the number ${v}`, durationHint(source));
        ms = 0;
      } else if (typeof v === 'string') {
        ms = parseGoDuration(v);
        if (ms === undefined) return bad(`"${v}" is not a duration`, durationHint(v));
      } else {
        return bad(`expected a duration such as "30s", got ${describe(v)}`);
      }
      if (ms < 0) return bad(`a duration must not be negative, got "${String(v)}"`);
      if (o.positive === true && ms <= 0) return bad(`must be greater than 0, got "${String(v)}"`);
      if (o.minMs !== undefined && ms < o.minMs) return bad(`must be at least ${formatDuration(o.minMs)}, got "${String(v)}"`);
      return ok(ms);
    },
    { anyOf: [{ type: 'string', pattern: UNSIGNED_DURATION }, { const: 0 }] },
    o,
  );
}

/**
 * Argo's `DurationString` (metric `interval`, `initialDelay`): Go `time.ParseDuration` only; a bare
 * number such as "30" is invalid in Argo (the AnalysisRun would Error), so it is an error here.
 *
 * Example: goDuration().parse('5m', '5m') gives 300_000; parse('30', '30') fails.
 */
export function goDuration(o: Meta = {}): ScalarSchema<Ms> {
  return scalar<Ms>(
    (v) => {
      const text = typeof v === 'number' ? String(v) : v;
      if (typeof text !== 'string') return bad(`expected a Go duration string such as "30s", got ${describe(v)}`);
      const ms = parseGoDuration(text);
      if (ms === undefined || (typeof v === 'number' && v !== 0)) {
        return bad(`"${text}" is not a Go duration (Argo requires a unit here)`, durationHint(text));
      }
      if (ms < 0) return bad(`a duration must not be negative, got "${text}"`);
      return ok(ms);
    },
    { type: 'string', pattern: GO_DURATION },
    o,
  );
}

/**
 * Argo's canary `pause.duration` (§1.5): an integer = seconds, a digit string = seconds, else a Go
 * duration; truncated to whole seconds like Argo's `DurationSeconds()`. Result in milliseconds.
 *
 * Example: pauseDuration().parse(30, '30') gives 30_000; parse('1500ms', ...) gives 1_000;
 * parse('1d', ...) fails with "Duration needs to be greater than 0".
 */
export function pauseDuration(o: Meta = {}): ScalarSchema<Ms> {
  const invalid = (v: unknown, why: string): Parsed<never> =>
    bad(`Duration needs to be greater than 0 (${why} ${describe(v)})`, 'write seconds (30) or a Go duration ("30s", "5m", "1h")');
  return scalar<Ms>(
    (v) => {
      let seconds: number;
      if (typeof v === 'number') {
        if (!Number.isInteger(v)) return invalid(v, 'not whole seconds:');
        seconds = v;
      } else if (typeof v === 'string') {
        if (/^[-+]?\d+$/.test(v)) seconds = Number(v);
        else {
          const ms = parseGoDuration(v);
          if (ms === undefined) return invalid(v, 'not a duration:');
          seconds = Math.trunc(ms / 1000);
          if (ms >= 0 && ms % 1000 !== 0) {
            return { ok: true, value: seconds * 1000, note: `"${v}" is truncated to ${seconds}s, as Argo does` };
          }
        }
      } else return invalid(v, 'got');
      if (seconds < 0) return invalid(v, 'negative:');
      return ok(seconds * 1000);
    },
    { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }] },
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
        if (!Number.isInteger(v) || v < 0) return bad(`expected a non-negative integer or a percentage, got ${describe(v)}`);
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
  return scalar<number>(
    (v) => {
      let n: number | undefined;
      if (typeof v === 'number' && Number.isInteger(v)) n = v;
      else if (typeof v === 'string' && /^[-+]?\d+$/.test(v.trim())) n = Number(v.trim());
      else if (typeof v === 'string' && v.includes('{{')) {
        return bad(`argument placeholders in counters ("${v}") are not simulated`, 'write the number itself');
      } else return bad(`expected an integer, got ${describe(v)}`);
      const e = rangeError(n, o);
      return e === undefined ? ok(n) : bad(e);
    },
    { anyOf: [{ type: 'integer', ...rangeJson(o) }, { type: 'string', pattern: '^[-+]?\\d+$' }] },
    o,
  );
}
