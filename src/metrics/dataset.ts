/**
 * Loading a recorded dataset: OpenMetrics text, or the output of `promtool tsdb dump`
 * (one `{__name__="x", a="b"} value timestampMs` line per sample). `loadDataset` detects which.
 *
 *   loadDataset('{__name__="up", job="a"} 1 1767225600000\n')
 *     ⇒ {ok: true, store} with one series, one sample at t = 1767225600000 ms
 */
import { parseGoFloatLenient } from '../go/parse-float.js';
import { createMetricStore } from './store.js';
import { parseOpenMetrics } from './openmetrics.js';
import type { ParseResult } from './openmetrics.js';
import { parseSeriesPrefix } from './textformat.js';
import { appendInOrder, textProblem } from './dataset-lines.js';

export type { ParseResult } from './openmetrics.js';

/** Parses `promtool tsdb dump` output. Samples of a series may be interleaved with other series'
 *  but must be in time order per series (promtool prints them that way). */
export function parsePromtoolDump(text: string): ParseResult {
  const problem = textProblem(text);
  if (problem !== undefined) return { ok: false, ...problem };
  const store = createMetricStore();
  const lastLine = new Map<number, number>();
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = (lines[k] as string).trim();
    if (line === '') continue;
    const head = parseSeriesPrefix(line);
    if (typeof head === 'string') return { ok: false, error: head, line: k + 1 };
    const fields = line.slice(head.end).trim().split(/\s+/);
    if (fields.length !== 2) return { ok: false, error: 'expected "{labels} value timestampMs"', line: k + 1 };
    const value = parseGoFloatLenient(fields[0] as string);
    if (value === null) return { ok: false, error: `invalid value "${fields[0]}"`, line: k + 1 };
    const ts = Number(fields[1]);
    if (!/^-?\d+$/.test(fields[1] as string)) return { ok: false, error: `invalid timestamp "${fields[1]}" (integer ms expected)`, line: k + 1 };
    const err = appendInOrder(store, head.labels, ts, value, k + 1, lastLine, (ms) => (Number.isSafeInteger(ms) ? `${ms} ms` : `${fields[1]} ms`));
    if (err !== null) return { ok: false, error: err, line: k + 1 };
  }
  return { ok: true, store };
}

/** Detects the format from the first non-blank line: `{` ⇒ promtool dump, otherwise OpenMetrics. */
export function loadDataset(text: string): ParseResult {
  const first = /^\s*(\S)/.exec(text);
  if (first?.[1] === '{') return parsePromtoolDump(text);
  return parseOpenMetrics(text);
}
