/**
 * The checks both dataset formats (OpenMetrics text, `promtool tsdb dump`) share, in the words a
 * user acts on: the byte-order mark and CR LF line endings Prometheus' parsers refuse, timestamps
 * beyond what a store of milliseconds holds exactly, and samples out of time order — named by
 * their series and lines, never by the store's internal series numbers.
 */
import { goQuoteControlsOnly } from '../go/quote.js';
import { METRIC_NAME, type Labels } from './labels.js';
import type { MetricStore } from './store.js';

/** Times beyond ±2^53 ms (about 285 000 years either side of 1970) are not whole milliseconds in a JS number. */
export const MAX_TIMESTAMP_MS = Number.MAX_SAFE_INTEGER;

/**
 * Why Prometheus would not read this text as it is, or undefined. Example:
 * textProblem('\ufeff# TYPE up gauge\n') → { line: 1, error: 'the file starts with a byte-order mark …' };
 * textProblem('up 1 0\r\n') → { line: 1, error: 'line 1 ends with CR LF …' }.
 */
export function textProblem(text: string): { line: number; error: string } | undefined {
  if (text.startsWith('\ufeff')) {
    return { line: 1, error: 'the file starts with a byte-order mark (BOM), which Prometheus\' parsers refuse: save it as UTF-8 without a BOM' };
  }
  const cr = text.indexOf('\r');
  if (cr < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < cr; i = text.indexOf('\n', i + 1)) line++;
  const crlf = text[cr + 1] === '\n' || cr + 1 === text.length;
  return {
    line,
    error: crlf
      ? `line ${line} ends with CR LF (a Windows line ending); Prometheus reads lines ending in LF alone: convert the file (e.g. dos2unix)`
      : `line ${line} holds a carriage return (CR), which Prometheus' parsers refuse outside a quoted value`,
  };
}

/** A series as Prometheus prints it, control characters escaped. Example: seriesName({__name__: 'up', job: 'a'}) === 'up{job="a"}'. */
export function seriesName(labels: Labels): string {
  const parts: string[] = [];
  for (const n in labels) if (n !== METRIC_NAME) parts.push(`${n}=${goQuoteControlsOnly(labels[n] as string)}`);
  const name = goQuoteControlsOnly(labels[METRIC_NAME] ?? '').slice(1, -1);
  return parts.length === 0 && name !== '' ? name : `${name}{${parts.join(',')}}`;
}

/**
 * Appends a parsed sample, or says why not: each series' samples must come in time order (as
 * Prometheus' TSDB requires), and its time must be a whole number of milliseconds the store holds
 * exactly. `lastLine` remembers each series' previous line (for the message); `unit` renders
 * times as the format writes them. Returns an error message, or null when appended.
 * Example: up{job="a"} at 1015 s on line 2 then at 1000 s on line 3 →
 * 'up{job="a"}: the sample at 1000 is not after the one on line 2 (at 1015): samples of a series must be in time order'.
 */
export function appendInOrder(store: MetricStore, labels: Labels, tMs: number, value: number, line: number, lastLine: Map<number, number>, unit: (ms: number) => string): string | null {
  if (!Number.isSafeInteger(tMs) || Math.abs(tMs) > MAX_TIMESTAMP_MS) {
    return `${seriesName(labels)}: timestamp ${unit(tMs)} is out of range (a dataset's times must lie within ±${MAX_TIMESTAMP_MS} ms of 1970, about 285 000 years)`;
  }
  const ref = store.seriesRef(labels);
  const s = store.series(ref);
  const last = s.n > 0 ? (s.t[s.n - 1] as number) : undefined;
  if (last !== undefined && tMs <= last) {
    const what = tMs === last ? 'repeats the time of' : 'is not after';
    return `${seriesName(labels)}: the sample at ${unit(tMs)} ${what} the one on line ${lastLine.get(ref) ?? '?'} (at ${unit(last)}): samples of a series must be in time order, each time once`;
  }
  store.append(ref, tMs, value);
  lastLine.set(ref, line);
  return null;
}
