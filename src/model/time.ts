/**
 * Simulated time. Inside the core every instant and duration is an integer number of
 * milliseconds (`Ms`), so float drift can never reorder two events.
 */
export type Ms = number;

export const SECOND: Ms = 1000;
export const MINUTE: Ms = 60 * SECOND;
export const HOUR: Ms = 60 * MINUTE;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/**
 * Parses a Go `time.ParseDuration` string (what Argo uses for `interval`, `initialDelay`, ...)
 * into milliseconds, rounded to the nearest ms. Returns undefined when the text is not one.
 *
 * Example: parseGoDuration('1h30m') === 5_400_000; parseGoDuration('250ms') === 250;
 * parseGoDuration('1.5s') === 1500; parseGoDuration('30') === undefined (a bare number is not a
 * Go duration, except '0').
 */
export function parseGoDuration(text: string): Ms | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  while (s.length > 0) {
    const m = part.exec(s);
    if (m === null) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
    s = s.slice(m[0].length);
  }
  return Number.isFinite(total) ? sign * Math.round(total) : undefined;
}

/**
 * Formats milliseconds the way a person reads a sim clock: `12m30s`, `1h0m5s`, `250ms`, `0s`.
 *
 * Example: formatDuration(750_000) === '12m30s'; formatDuration(3_605_000) === '1h0m5s'.
 */
export function formatDuration(ms: Ms): string {
  if (ms < 0) return '-' + formatDuration(-ms);
  if (ms < SECOND && ms !== 0) return `${ms}ms`;
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  const sec = Number.isInteger(s) ? String(s) : s.toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
