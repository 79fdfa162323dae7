/**
 * One-row sparklines over a sliding window of sim time, with an analysis threshold drawn in:
 * the scale is centred on the threshold, so it always sits between `▄` and `▅`, and every cell
 * on its failing side is marked bad (drawn red). Pure.
 */
import type { Ms } from '../../model/time.js';
import type { Threshold } from '../state/context.js';
import type { Point } from '../state/types.js';
import { holds } from '../state/conditions.js';
import { maxOf } from '../../model/numbers.js';

const LEVELS = '▁▂▃▄▅▆▇█';

export type CellTone = 'ok' | 'bad' | 'plain' | 'none';

export interface Cell {
  readonly ch: string;
  readonly tone: CellTone;
}

export interface Domain {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The value range shared by every version's sparkline of one metric (so their heights compare).
 * With a threshold the range is centred on it; without one it runs from 0 to the largest value.
 *
 * Example: sparkDomain([[{t: 0, v: 0.02}], [{t: 0, v: 0.005}]], {bound: 0.015, …}) → {lo: 0.005, hi: 0.025}
 * (half-width: the farthest value from 0.015, at least half the bound).
 */
export function sparkDomain(series: readonly (readonly Point[])[], threshold: Threshold | undefined): Domain {
  const values = series.flatMap((s) => s.map((p) => p.v)).filter((v): v is number => v !== null && Number.isFinite(v));
  if (threshold !== undefined) {
    const c = threshold.bound;
    const far = maxOf(values.map((v) => Math.abs(v - c)), 0);
    const span = Math.max(far, Math.abs(c) / 2, 1e-9);
    return { lo: c - span, hi: c + span };
  }
  return { lo: 0, hi: maxOf(values, 1e-9) };
}

export interface SparkOptions {
  readonly now: Ms;
  readonly window: Ms;
  readonly width: number;
  readonly domain: Domain;
  readonly threshold: Threshold | undefined;
}

/**
 * `width` cells covering (now − window, now]. Each cell shows the latest point at or before its
 * instant: a block (`▁`…`█`), `·` for a point with no value (no traffic), blank before the first
 * point. Tones: bad/ok against the threshold, plain without one.
 *
 * Example: points [{t: 60000, v: 0.02}], now 60000, window 60000, width 4, threshold `< 0.015`
 * → ' ', ' ', ' ', '█' with the last cell bad (0.02 is on the failing side).
 */
export function sparkline(points: readonly Point[], o: SparkOptions): Cell[] {
  const cells: Cell[] = [];
  let i = -1;
  for (let c = 0; c < o.width; c++) {
    const at = o.now - o.window + ((c + 1) * o.window) / o.width;
    while (i + 1 < points.length && (points[i + 1] as Point).t <= at) i++;
    const p = i >= 0 ? points[i] : undefined;
    cells.push(cellFor(p, o));
  }
  return cells;
}

function cellFor(p: Point | undefined, o: SparkOptions): Cell {
  if (p === undefined) return { ch: ' ', tone: 'none' };
  if (p.v === null) return { ch: '·', tone: 'none' };
  const u = (p.v - o.domain.lo) / (o.domain.hi - o.domain.lo);
  const level = Math.max(0, Math.min(LEVELS.length - 1, Math.floor(u * LEVELS.length)));
  const tone: CellTone = o.threshold === undefined ? 'plain' : holds(p.v, o.threshold.good, o.threshold.bound) ? 'ok' : 'bad';
  return { ch: LEVELS[level] as string, tone };
}

/**
 * Consecutive cells of one tone joined, for rendering as few spans as possible.
 * Example: runs([{ch: '▁', tone: 'ok'}, {ch: '▂', tone: 'ok'}, {ch: '█', tone: 'bad'}]) →
 * [{text: '▁▂', tone: 'ok'}, {text: '█', tone: 'bad'}].
 */
export function runs(cells: readonly Cell[]): { text: string; tone: CellTone }[] {
  const out: { text: string; tone: CellTone }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last !== undefined && last.tone === c.tone) last.text += c.ch;
    else out.push({ text: c.ch, tone: c.tone });
  }
  return out;
}
