/**
 * A sweep's result as a table (one row per cell) or CSV. Pure; the JSON is the result itself.
 */
import { maxOf } from '../model/numbers.js';
import { formatDuration } from '../model/time.js';
import { pct } from '../report/numbers.js';
import type { Distribution, Rate } from './stats.js';
import type { SweepResult } from './result.js';

/** Example: {count: 97, of: 100, rate: 0.97, low: 0.915, high: 0.99} → '97/100 97.0% [91.5–99.0]'; of 0 → '—'. */
export function rateText(r: Rate): string {
  if (r.rate === null) return '—';
  return `${r.count}/${r.of} ${pct(r.rate, 1)} [${pct(r.low, 1).slice(0, -1)}–${pct(r.high, 1)}]`;
}

/** Example: {n: 3, median: 320000, p90: 330000, max: 330000} with formatDuration → '5m20s/5m30s/5m30s'. */
export function distText(d: Distribution, f: (x: number) => string): string {
  return d.median === null || d.p90 === null || d.max === null ? '—' : `${f(d.median)}/${f(d.p90)}/${f(d.max)}`;
}

const dur = (ms: number): string => formatDuration(Math.round(ms / 1000) * 1000);
const num = (x: number): string => String(Math.round(x * 10) / 10);

/** The cell's name in a row: its --vary values, else its workload and strategy. */
function cellName(r: SweepResult, c: SweepResult['cells'][number]): string {
  const vary = Object.entries(c.vary).map(([t, v]) => `${short(t + '=')}${v}`).join(', ');
  const workloads = new Set(r.cells.map((x) => x.workload));
  const who = `${c.workload} (${c.strategy})`;
  if (vary === '') return who;
  return workloads.size > 1 ? `${who} ${vary}` : vary;
}

/**
 * The table: a title, one row per cell, and what each column means. Given a width (the terminal's
 * columns) that the one table would overflow, the rows come as two narrower tables instead, the
 * rates and the times, each led by the cell's name, or where those overflow too, as a list: each
 * cell's name, then a line per figure. Without a width (piped, a file) always one table.
 * Example row: 'to=6%   198/200 99.0% [96.4–99.7%]   0/200 0.0% [0.0–1.9%]   5m20s/5m20s/10m40s   14/29/61   11m0s/11m0s/11m0s   0.0%'.
 */
export function formatTable(r: SweepResult, width?: number): string {
  const [first, last] = r.seedRange;
  const title = joinWithin([`rollout-sim ${r.command}`, r.scenario, `${r.seeds} seed${r.seeds === 1 ? '' : 's'} (${first}…${last})`, 'each with its healthy twin', `horizon: ${r.horizon}`], ' · ', width);
  const head = ['cell', 'detection [95% CI]', 'false rollback [95% CI]', 'detected after p50/p90/max', 'harmed p50/p90/max', 'promoted after p50/p90/max', 'incomplete'];
  const rows = r.cells.map((c) => [
    cellName(r, c),
    c.regressed === null ? '— (no regression)' : rateText(c.regressed.detection),
    rateText(c.healthy.falseRollback),
    c.regressed === null ? '—' : distText(c.regressed.timeToDetect, dur),
    c.regressed === null ? '—' : distText(c.regressed.harmed, num),
    distText(c.healthy.promotionTime, dur),
    pct(Math.max(c.regressed?.incomplete.rate ?? 0, c.healthy.incomplete.rate ?? 0), 1),
  ]);
  const body = layout(head, rows, width);
  // Each note line under 80 columns, so that a terminal of the usual width shows it whole.
  const notes = [
    'detection: of the seeds where the regression was in effect, those whose',
    '  abort caught it (the healthy twin, the same seed with every regression',
    '  removed, had not aborted by then)',
    'false rollback: of all seeds, those whose healthy twin aborted',
    'detected after: from the update\'s start; promoted after: the healthy twin\'s',
    'harmed: requests the release made worse (Summary.harmedRequests)',
    'incomplete: neither promoted nor aborted by spec.duration (either arm)',
  ];
  const varied = r.vary.map((v) => `${short(v.target + '=')} is --vary ${v.target}`);
  return [...title, '', ...body, '', ...[...varied, ...notes].map((n) => `  ${n}`)].join('\n') + '\n';
}

/**
 * Parts joined by `sep` on as few lines as keep within `width` (a part never splits); one line
 * without a width. Example: joinWithin(['aaa', 'bb', 'c'], ' · ', 8) → ['aaa · bb', 'c'].
 */
function joinWithin(parts: readonly string[], sep: string, width: number | undefined): string[] {
  const lines: string[] = [];
  for (const p of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (width === undefined || last.length + sep.length + p.length <= width)) lines[lines.length - 1] = last + sep + p;
    else lines.push(p);
  }
  return lines;
}

/** The widest layout that fits `width` (layouts in formatTable's comment); any width fits the list. */
function layout(head: readonly string[], rows: readonly (readonly string[])[], width: number | undefined): string[] {
  const fits = (lines: readonly string[]): boolean => width === undefined || maxOf(lines.map((l) => l.length), 0) <= width;
  const whole = columns(head, rows, [0, 1, 2, 3, 4, 5, 6]);
  if (fits(whole)) return whole;
  const two = [...columns(head, rows, [0, 1, 2, 6]), '', ...columns(head, rows, [0, 3, 4, 5])];
  if (fits(two)) return two;
  const label = maxOf(head.map((h) => h.length), 0);
  return rows.flatMap((row, i) => [...(i > 0 ? [''] : []), row[0] ?? '', ...head.slice(1).map((h, k) => `  ${h.padEnd(label)}   ${row[k + 1] ?? ''}`)]);
}

/**
 * The header and rows of the columns `pick`, each padded to its widest entry, three spaces apart.
 * Example: columns(['a', 'bb'], [['xyz', 'q']], [0, 1]) → ['a     bb', 'xyz   q'].
 */
function columns(head: readonly string[], rows: readonly (readonly string[])[], pick: readonly number[]): string[] {
  const widths = pick.map((i) => maxOf(rows.map((row) => (row[i] ?? '').length), (head[i] ?? '').length));
  const line = (cols: readonly string[]): string => pick.map((i, k) => (cols[i] ?? '').padEnd(widths[k] ?? 0)).join('   ').trimEnd();
  return [line(head), ...rows.map(line)];
}

/** A long --vary target by its last key. Example: 'spec.release.regressions[0].to=' → 'to='. */
function short(targetEq: string): string {
  const m = /([A-Za-z0-9_-]+)(\[[^\]]*\])?=$/.exec(targetEq);
  return m === null ? targetEq : `${m[1]}${m[2] ?? ''}=`;
}

const CSV_COLUMNS = [
  'workload', 'strategy', 'vary', 'seeds', 'in_effect', 'caught', 'detection', 'detection_low', 'detection_high',
  'healthy_aborted', 'false_rollback', 'false_rollback_low', 'false_rollback_high', 'regressed_false_rollback',
  'missed', 'detect_median_ms', 'detect_p90_ms', 'detect_max_ms', 'harmed_median', 'harmed_p90', 'harmed_max',
  'promotion_median_ms', 'promotion_p90_ms', 'promotion_max_ms', 'regressed_incomplete', 'healthy_incomplete',
];

/** One CSV row per cell (RFC 4180 quoting); empty fields where a figure does not apply. */
export function formatCsv(r: SweepResult): string {
  const q = (v: string | number | null | undefined): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = r.cells.map((c) => {
    const g = c.regressed;
    const h = c.healthy;
    return [
      c.workload, c.strategy, Object.entries(c.vary).map(([k, v]) => `${k}=${v}`).join(' '), c.seeds, g?.inEffect, g?.detection.count, g?.detection.rate, g?.detection.low, g?.detection.high,
      h.falseRollback.count, h.falseRollback.rate, h.falseRollback.low, h.falseRollback.high, g?.falseRollback.count,
      g?.missed.count, g?.timeToDetect.median, g?.timeToDetect.p90, g?.timeToDetect.max, g?.harmed.median, g?.harmed.p90, g?.harmed.max,
      h.promotionTime.median, h.promotionTime.p90, h.promotionTime.max, g?.incomplete.count, h.incomplete.count,
    ].map(q).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
