/**
 * What the run screen shows at a terminal size. Elements are dropped or shrunk in a fixed order
 * until the live area fits (so ink never has to clear the screen, and nothing wraps): why-line to
 * one line, gaps, header compact, fewer AnalysisRuns, no metric lines, a shorter step window, no
 * sparklines, a mini header, no AnalysisRuns, a still shorter step window. Rows above the live area are left to the event log.
 * Pure.
 */
import { analysisHeight } from './components/AnalysisRuns.js';
import { headerHeight, type HeaderMode } from './components/Header.js';
import { replicaSetLines } from './components/ReplicaSets.js';
import { statusHeight } from './components/StatusLine.js';
import { summaryBoxHeight } from './components/SummaryBox.js';
import { replayLines } from './format/replay.js';
import { wordWrap } from './format/wrap.js';
import type { RunSnapshot } from './state/types.js';

export interface RunLayout {
  readonly width: number;
  /** Header and steps side by side. */
  readonly twoColumns: boolean;
  readonly leftWidth: number;
  readonly rightWidth: number;
  readonly header: HeaderMode;
  readonly stepsMax: number;
  /** The ReplicaSets sit under the steps (beside the header) rather than under the traffic bar. */
  readonly replicaSetsRight: boolean;
  readonly gap: boolean;
  readonly sparklines: 'titled' | 'bare' | 'none';
  readonly analysisMax: number;
  readonly analysisMetrics: boolean;
  readonly whyLines: number;
  /** Lines the live area takes with these choices. */
  readonly height: number;
}

type Choice = Omit<RunLayout, 'height' | 'width' | 'twoColumns' | 'leftWidth' | 'rightWidth' | 'replicaSetsRight'>;

const FULL: Choice = { header: 'full', stepsMax: 99, gap: true, sparklines: 'titled', analysisMax: 3, analysisMetrics: true, whyLines: 2 };

/** Each step gives up a little more room than the one before. */
const SHRINK: readonly ((c: Choice) => Choice)[] = [
  (c) => ({ ...c, whyLines: 1 }),
  (c) => ({ ...c, gap: false }),
  (c) => ({ ...c, header: 'compact' }),
  (c) => ({ ...c, analysisMax: 2 }),
  (c) => ({ ...c, analysisMetrics: false }),
  (c) => ({ ...c, analysisMax: 1 }),
  (c) => ({ ...c, stepsMax: 5 }),
  (c) => ({ ...c, sparklines: 'bare' }),
  (c) => ({ ...c, sparklines: 'none' }),
  (c) => ({ ...c, header: 'mini' }),
  (c) => ({ ...c, analysisMax: 0 }),
  // Last: a final screen whose replay command wraps (a long path) still fits 80×24; the summary's
  // outcome sentence now says why the run ended, so the why line goes before the steps do.
  (c) => ({ ...c, stepsMax: 3 }),
  (c) => ({ ...c, whyLines: 0 }),
];

/** Rows left above the live area for the newest event-log lines. Example: logReserve(40) === 6; logReserve(24) === 2. */
export function logReserve(rows: number): number {
  return rows >= 30 ? 6 : rows >= 20 ? 2 : 0;
}

/** The summary box and the replay hint (its first line wraps) of the final screen. */
function finalHeight(s: RunSnapshot, columns: number): number {
  const box = s.summary === undefined ? 0 : summaryBoxHeight(s.summary, columns);
  const [first = '', ...rest] = replayLines(s.context, s.operatorActions, s.now, s.keysPressed);
  return box + wrappedLines(first, columns) + rest.length;
}

/**
 * Lines a text takes when wrapped at word boundaries to `width` (format/wrap.ts, which the
 * components that wrap render with; a word longer than the width is cut). Example: wrappedLines('aaa bbb ccc', 7) === 2; wrappedLines('x'.repeat(10), 4) === 3.
 */
export function wrappedLines(text: string, width: number): number {
  return wordWrap(text, width).length;
}

/** Rows of the step list (title + steps), of blue-green's Services, or the one-line note when there are none. */
function stepRows(s: RunSnapshot, c: Choice): number {
  if (s.services.length > 0) return 1 + s.services.length;
  return s.steps.length === 0 ? 1 : 1 + Math.min(s.steps.length, c.stepsMax);
}

/** Whether the ReplicaSets fit under the steps without making the top block taller than the header. */
function replicaSetsFitRight(s: RunSnapshot, c: Choice, twoColumns: boolean, leftWidth: number): boolean {
  return twoColumns && stepRows(s, c) + 1 + replicaSetLines(s.replicaSets) <= headerHeight(s.header, c.header, leftWidth);
}

function heightOf(s: RunSnapshot, c: Choice, twoColumns: boolean, final: boolean, columns: number, leftWidth: number): number {
  const head = headerHeight(s.header, c.header, leftWidth);
  const right = replicaSetsFitRight(s, c, twoColumns, leftWidth);
  const top = twoColumns ? Math.max(head, stepRows(s, c) + (right ? 1 + replicaSetLines(s.replicaSets) : 0)) : head + stepRows(s, c);
  const middle = 1 + (right ? 0 : replicaSetLines(s.replicaSets));
  const live = final
    ? finalHeight(s, columns)
    : (c.sparklines === 'none' ? 0 : c.sparklines === 'titled' ? 4 : 3) + analysisHeight(s.analysisRuns, c.analysisMax, c.analysisMetrics);
  return top + middle + (c.gap ? 1 : 0) + live + (c.gap ? 1 : 0) + c.whyLines + 1 + statusHeight(final);
}

/**
 * Example: at 120×40 a six-step canary gets the plugin's full header beside its steps, titled
 * sparklines and AnalysisRuns with their metrics; at 80×24 the header is compact and the
 * sparklines lose their title.
 */
export function runLayout(s: RunSnapshot, columns: number, rows: number): RunLayout {
  const final = s.summary !== undefined;
  const twoColumns = columns >= 76;
  const leftWidth = twoColumns ? Math.max(38, Math.min(56, Math.floor(columns * 0.48))) : columns;
  const rightWidth = twoColumns ? columns - leftWidth - 2 : columns;
  const dims = { width: columns, twoColumns, leftWidth, rightWidth };
  const budgets = final ? [rows - 1] : [rows - 1 - logReserve(rows), rows - 1];
  for (const budget of budgets) {
    let c = FULL;
    for (let i = 0; i <= SHRINK.length; i++) {
      const height = heightOf(s, c, twoColumns, final, columns, leftWidth);
      if (height <= budget) return { ...dims, ...c, replicaSetsRight: replicaSetsFitRight(s, c, twoColumns, leftWidth), height };
      const next = SHRINK[i];
      if (next !== undefined) c = next(c);
    }
  }
  const c = SHRINK.reduce((acc, f) => f(acc), FULL);
  return { ...dims, ...c, replicaSetsRight: replicaSetsFitRight(s, c, twoColumns, leftWidth), height: heightOf(s, c, twoColumns, final, columns, leftWidth) };
}
