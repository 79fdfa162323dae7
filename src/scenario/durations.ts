/**
 * Duration scalars, in Argo's forms: Go durations for the Scenario and for metric intervals,
 * Argo's int-or-string seconds for canary pauses. All parse to integer milliseconds.
 */
import { formatDuration, parseGoDuration } from '../model/time.js';
import type { Ms } from '../model/time.js';
import { INT32_MAX, bad, describe, ok } from './scalars.js';
import { scalar } from './schema.js';
import type { Meta, Parsed, ScalarSchema } from './schema.js';

/** Go `time.ParseDuration` text, plus a bare `0`. */
const GO_DURATION = '^([-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|0)$';
const UNSIGNED_DURATION = '^(((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+|0)$';

/**
 * Go's time.Duration is int64 nanoseconds: time.ParseDuration refuses anything past 2562047h47m16s
 * ("invalid duration"), and so does Argo. Beyond it milliseconds would also stop being exact.
 */
export const MAX_GO_DURATION_MS: Ms = 9_223_372_036_854;
const outOfRange = (v: unknown): Parsed<never> => bad(`"${String(v)}" is out of range (Go durations end at 2562047h)`);

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
        if (Math.abs(ms) > MAX_GO_DURATION_MS) return outOfRange(v);
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
      if (Math.abs(ms) > MAX_GO_DURATION_MS) return outOfRange(text);
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
          if (Math.abs(ms) > MAX_GO_DURATION_MS) return outOfRange(v);
          seconds = Math.trunc(ms / 1000);
          if (ms >= 0 && ms % 1000 !== 0) {
            return { ok: true, value: seconds * 1000, note: `"${v}" is truncated to ${seconds}s, as Argo does` };
          }
        }
      } else return invalid(v, 'got');
      if (seconds < 0) return invalid(v, 'negative:');
      // Argo keeps an integer duration in an int-or-string, whose integer is int32.
      if (seconds > INT32_MAX) return invalid(v, 'more seconds than an int32 holds:');
      return ok(seconds * 1000);
    },
    { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }] },
    o,
  );
}
