/**
 * The times `query --time` and `analyze --from/--to` take: what Prometheus' API takes (seconds,
 * RFC 3339), or a duration (`5m`, `1h30m`, Go's forms). A run's export is stamped in seconds of
 * simulated time since the update, so there a duration is that time; a wall-clock dataset (a
 * promtool dump) reads it as time since its first sample.
 */
import { formatDuration, parseGoDuration } from '../model/time.js';

/**
 * Prometheus' parseTime: a float of seconds (rounded to the ms) or RFC 3339.
 * `parseApiTime('1767229200.5')` ⇒ 1767229200500; `parseApiTime('2026-01-01T00:00:00Z')` ⇒ 1767225600000.
 */
export function parseApiTime(s: string): number | null {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) {
    const t = Number(s);
    const whole = Math.trunc(t);
    const frac = t - whole;
    const fracMs = Math.sign(frac) * Math.round(Math.abs(frac) * 1000);
    return whole * 1000 + fracMs;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  const ms = m[7] ? Math.trunc(Number(m[7]) * 1000) : 0;
  const zone = m[8] as string;
  const offset = /^[Zz]$/.test(zone) ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return Date.UTC(y, mo - 1, d, h, mi, se) + ms - offset * 60_000;
}

/** Stamps past this (2001, in ms) are wall-clock time (a promtool dump), not simulated time. */
const WALL_CLOCK_MS = 1e12;

interface TimeRange {
  readonly minTime: number;
  readonly maxTime: number;
}

/**
 * A --time, --from or --to value in the dataset's milliseconds, or null when it is no time.
 * Example (a run's export): resolveTime('5m', r) === 300000; resolveTime('90', r) === 90000;
 * resolveTime('1h30m', r) === 5400000; resolveTime('noon', r) === null. Over a dump whose first
 * sample is at Unix 1767225600, resolveTime('5m', r) === 1767225900000.
 */
export function resolveTime(text: string, data: TimeRange): number | null {
  const t = parseApiTime(text);
  if (t !== null) return t;
  const d = parseGoDuration(text.trim());
  if (d === undefined) return null;
  return isWallClock(data) ? data.minTime + d : d;
}

function isWallClock(data: TimeRange): boolean {
  return Math.abs(data.maxTime) >= WALL_CLOCK_MS;
}

/**
 * Names a dataset's time range as its stamps read.
 * Example: describeRange({minTime: 0, maxTime: 1_800_000}) === '0s to 30m0s of simulated time (seconds 0 to 1800)'.
 */
export function describeRange(data: TimeRange): string {
  const { minTime: min, maxTime: max } = data;
  if (isWallClock(data)) return `${new Date(min).toISOString()} to ${new Date(max).toISOString()} (Unix seconds ${min / 1000} to ${max / 1000})`;
  return `${formatDuration(min)} to ${formatDuration(max)} of simulated time (seconds ${min / 1000} to ${max / 1000})`;
}

/**
 * A time after the dataset's last sample measures nothing the dataset holds: an error naming the range.
 * Example: pastTheData('--time', '40m', 2_400_000, 'd.om', {minTime: 0, maxTime: 1_800_000}) ===
 * '--time 40m is past the end of the data: d.om holds 0s to 30m0s of simulated time (seconds 0 to 1800)'.
 */
export function pastTheData(flag: string, text: string, t: number, file: string, data: TimeRange): string | undefined {
  if (Number.isNaN(data.maxTime) || t <= data.maxTime) return undefined;
  return `${flag} ${text} is past the end of the data: ${file} holds ${describeRange(data)}`;
}
