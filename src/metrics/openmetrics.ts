/**
 * OpenMetrics text in and out (the format `promtool tsdb create-blocks-from openmetrics` reads).
 *
 * Writing groups series into families: `x_total` ⇒ counter family `x`; `x_bucket{le}` with its `x_sum` /
 * `x_count` ⇒ histogram family `x` (each timestamp's buckets, sum and count written together); anything
 * else ⇒ `unknown`. Timestamps are written in seconds (ms / 1000). Staleness markers cannot be expressed in
 * OpenMetrics, so a stale sample is simply omitted (the series ends).
 *
 *   # TYPE http_requests counter
 *   http_requests_total{code="200",pod="a"} 12 1767225600
 *   # EOF
 */
import { cmpBytes } from '../go/compare-strings.js';
import { parseGoFloatLenient } from '../go/parse-float.js';
import { METRIC_NAME, compareLabels } from './labels.js';
import type { Labels } from './labels.js';
import { createMetricStore } from './store.js';
import type { MetricStore, SeriesView } from './store.js';
import { escapeLabelValue, formatTextFloat, parseSeriesPrefix } from './textformat.js';
import { appendInOrder, textProblem } from './dataset-lines.js';

type FamilyType = 'counter' | 'histogram' | 'unknown';

interface Family {
  readonly name: string;
  readonly type: FamilyType;
  /** Histogram: one group per instance (labels minus le); others: one series per group. */
  readonly groups: Map<string, SeriesView[]>;
}

function seriesText(labels: Labels): string {
  const parts: string[] = [];
  for (const n in labels) {
    if (n !== METRIC_NAME && n !== 'le') parts.push(`${n}="${escapeLabelValue(labels[n] as string)}"`);
  }
  if (labels['le'] !== undefined) parts.push(`le="${escapeLabelValue(labels['le'])}"`);
  const name = labels[METRIC_NAME] ?? '';
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

function instanceKey(labels: Labels): string {
  let k = '';
  for (const n in labels) if (n !== METRIC_NAME && n !== 'le') k += `${n}\xff${labels[n]}\xfe`;
  return k;
}

function classify(store: MetricStore): Family[] {
  const views: SeriesView[] = [];
  for (let r = 0; r < store.seriesCount; r++) views.push(store.series(r));
  const histBases = new Set<string>();
  for (const s of views) {
    const name = s.labels[METRIC_NAME] ?? '';
    if (name.endsWith('_bucket') && s.labels['le'] !== undefined) histBases.add(name.slice(0, -7));
  }
  const families = new Map<string, Family>();
  const add = (name: string, type: FamilyType, group: string, s: SeriesView): void => {
    let f = families.get(`${type}\xff${name}`);
    if (!f) families.set(`${type}\xff${name}`, (f = { name, type, groups: new Map() }));
    const g = f.groups.get(group);
    if (g) g.push(s);
    else f.groups.set(group, [s]);
  };
  for (const s of [...views].sort((a, b) => compareLabels(a.labels, b.labels))) {
    const name = s.labels[METRIC_NAME] ?? '';
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const isHist = base !== name && histBases.has(base) && (!name.endsWith('_bucket') || s.labels['le'] !== undefined);
    if (isHist) add(base, 'histogram', instanceKey(s.labels), s);
    else if (name.endsWith('_total') && name.length > 6) add(name.slice(0, -6), 'counter', name + instanceKey(s.labels), s);
    else add(name, 'unknown', name + instanceKey(s.labels), s);
  }
  return [...families.values()].sort((a, b) => cmpBytes(a.name, b.name) || cmpBytes(a.type, b.type));
}

function histogramOrder(a: SeriesView, b: SeriesView): number {
  const rank = (s: SeriesView): number => {
    const n = s.labels[METRIC_NAME] ?? '';
    return n.endsWith('_bucket') ? 0 : n.endsWith('_sum') ? 1 : 2;
  };
  const d = rank(a) - rank(b);
  if (d !== 0 || rank(a) !== 0) return d;
  return (parseGoFloatLenient(a.labels['le'] ?? '') ?? NaN) - (parseGoFloatLenient(b.labels['le'] ?? '') ?? NaN);
}

function sampleLine(s: SeriesView, text: string, i: number): string {
  return `${text} ${formatTextFloat(s.v[i] as number)} ${formatTextFloat((s.t[i] as number) / 1000)}\n`;
}

/**
 * Writes the store as OpenMetrics text, ending with `# EOF`: every sample at or after `fromMs`
 * (a run's export starts at t = 0: the world's history before it has negative times, which
 * Prometheus cannot store). Returns the number of samples written.
 */
export function writeOpenMetrics(store: MetricStore, write: (chunk: string) => void, fromMs = -Infinity): number {
  let written = 0;
  const keep = (s: SeriesView, i: number): boolean => {
    const ok = !s.stale?.[i] && (s.t[i] as number) >= fromMs;
    if (ok) written++;
    return ok;
  };
  for (const f of classify(store)) {
    write(`# TYPE ${f.name} ${f.type}\n`);
    for (const members of f.groups.values()) {
      if (f.type !== 'histogram') {
        const s = members[0] as SeriesView;
        const text = seriesText(s.labels);
        let chunk = '';
        for (let i = 0; i < s.n; i++) if (keep(s, i)) chunk += sampleLine(s, text, i);
        write(chunk);
        continue;
      }
      // Histogram: walk all members' timelines together so each timestamp's point is contiguous.
      const ordered = [...members].sort(histogramOrder);
      const texts = ordered.map((s) => seriesText(s.labels));
      const idx = ordered.map(() => 0);
      let chunk = '';
      for (;;) {
        let next = Infinity;
        ordered.forEach((s, k) => {
          if ((idx[k] as number) < s.n) next = Math.min(next, s.t[idx[k] as number] as number);
        });
        if (next === Infinity) break;
        ordered.forEach((s, k) => {
          const i = idx[k] as number;
          if (i < s.n && s.t[i] === next) {
            if (keep(s, i)) chunk += sampleLine(s, texts[k] as string, i);
            idx[k] = i + 1;
          }
        });
      }
      write(chunk);
    }
  }
  write('# EOF\n');
  return written;
}

export type ParseResult = { ok: true; store: MetricStore } | { ok: false; error: string; line: number };

/** Parses OpenMetrics text (timestamps in seconds) into a new store (times in ms). Requires `# EOF`. */
export function parseOpenMetrics(text: string): ParseResult {
  const problem = textProblem(text);
  if (problem !== undefined) return { ok: false, ...problem };
  const store = createMetricStore();
  const lastLine = new Map<number, number>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let sawEof = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const lineNo = k + 1;
    if (sawEof) return { ok: false, error: 'data after "# EOF"', line: lineNo };
    if (line === '# EOF') {
      sawEof = true;
      continue;
    }
    if (line.startsWith('#')) {
      if (!/^# (TYPE|HELP|UNIT) [a-zA-Z_:][a-zA-Z0-9_:]*( .*)?$/.test(line)) {
        return { ok: false, error: `invalid metadata line: ${line.slice(0, 60)}`, line: lineNo };
      }
      continue;
    }
    if (line === '') return { ok: false, error: 'empty line', line: lineNo };
    const err = parseSampleLine(store, line, lineNo, lastLine);
    if (err) return { ok: false, error: err, line: lineNo };
  }
  if (!sawEof) return { ok: false, error: 'missing "# EOF" at the end', line: lines.length + 1 };
  return { ok: true, store };
}

/** Parses `name{labels} value [timestamp_seconds]`; appends to the store; returns an error or null. */
function parseSampleLine(store: MetricStore, line: string, lineNo: number, lastLine: Map<number, number>): string | null {
  const head = parseSeriesPrefix(line);
  if (typeof head === 'string') return head;
  const rest = line.slice(head.end).split(' # ')[0] as string;
  const fields = rest.trim().split(/ +/);
  if (rest[0] !== ' ' || fields.length < 1 || fields.length > 2) return 'expected " value [timestamp]" after the series';
  const value = parseGoFloatLenient(fields[0] as string);
  if (value === null) return `invalid value "${fields[0]}"`;
  if (fields.length < 2) return 'sample without a timestamp (a dataset needs explicit timestamps)';
  const ts = parseGoFloatLenient(fields[1] as string);
  if (ts === null || !Number.isFinite(ts)) return `invalid timestamp "${fields[1]}"`;
  return appendInOrder(store, head.labels, Math.round(ts * 1000), value, lineNo, lastLine, (ms) => (Number.isSafeInteger(ms) ? `${ms / 1000} s` : `${fields[1]} s`));
}
