/**
 * The verdict table `compare` ends with: one row per strategy, the figures that decide between them.
 * Reads the Summaries alone. Pure: returns lines.
 */
import type { SummaryFields } from '../model/events.js';
import { strategyLabel } from '../model/strategy.js';
import { formatDuration } from '../model/time.js';
import { pct } from './numbers.js';
import { maxOf } from '../model/numbers.js';


/**
 * The title above the table: `arrived` counts the user requests offered to every strategy (the same
 * ones); each row's "completed" is how many of them finished before the run ended, the
 * denominator of "on release" and "harmed share".
 * Example: verdictTitle(71973) → 'Verdict (identical traffic: the same 71973 user requests arrived at each)'.
 */
export function verdictTitle(arrived: number): string {
  return `Verdict (identical traffic: the same ${arrived} user requests arrived at each)`;
}

/** Example: a Summary with {strategy: 'canary', router: null} → 'basic canary'. */
export function rowStrategy(s: SummaryFields): string {
  return strategyLabel({ type: s.strategy, router: s.router });
}

/**
 * Example row: `agent-canary  canary  aborted  yes  5m20s  71949  1.71%  16  0.02%  —` ("on release" is the
 * share of completed user requests the release served: who met it at all).
 * `caught` reads yes/no only when a regression was in effect or shipped and harmed users ("—" otherwise).
 */
export function verdictCells(rows: readonly SummaryFields[]): { header: string[]; body: string[][] } {
  const header = ['workload', 'strategy', 'outcome', 'caught', 'detected in', 'completed', 'on release', 'harmed', 'harmed share', 'promoted in'];
  const body = rows.map((s) => {
    return [
      s.rollout,
      rowStrategy(s),
      s.falseRollback ? 'aborted (false rollback)' : s.outcome,
      s.caught ? 'yes' : missed(s) ? 'NO' : '—',
      s.detectedAfter === null ? '—' : formatDuration(s.detectedAfter),
      String(s.completedRequests),
      s.completedRequests === 0 ? '—' : pct(s.releaseRequests / s.completedRequests),
      String(s.harmedRequests),
      pct(s.harmedShare),
      s.promotedAfter === null ? '—' : formatDuration(s.promotedAfter),
    ];
  });
  return { header, body };
}

/** The verdict table as aligned text lines (verdictCells' rows; numbers right-aligned). */
export function formatVerdict(rows: readonly SummaryFields[]): string[] {
  const { header, body } = verdictCells(rows);
  const widths = header.map((h, i) => maxOf(body.map((r) => (r[i] as string).length), h.length));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i >= 5 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

/** A regression that reached users unstopped: in effect and not caught, or shipped before it showed up and harmful after. */
function missed(s: SummaryFields): boolean {
  return (s.regressionInEffect && !s.caught) || (s.regressionConfigured && s.outcome === 'promoted' && s.harmedRequests > 0);
}

/** One plain sentence per row, for a learner reading the table. */
export function explainVerdict(rows: readonly SummaryFields[]): string[] {
  return rows.map((s) => {
    const name = s.rollout;
    if (s.caught) return `${name}: caught the regression after ${formatDuration(s.detectedAfter ?? 0)} and ${s.harmedRequests} harmed requests.`;
    if (s.falseRollback) {
      const twinToo = s.regressionConfigured && s.twin !== null && s.twin.abortedAfter !== null;
      return twinToo ? `${name}: aborted, but a healthy release would have been rolled back too (a false alarm: the analysis could not tell them apart).` : `${name}: rolled back a healthy release (a false alarm).`;
    }
    const harmed = `${s.harmedRequests} of its ${s.completedRequests} completed user requests (${pct(s.harmedShare)})`;
    if (s.regressionInEffect && s.outcome === 'promoted') return `${name}: promoted the regression; ${harmed} were harmed.`;
    if (missed(s)) return `${name}: promoted before the regression showed up; ${harmed} were harmed after.`;
    if (s.regressionInEffect) return `${name}: has not caught the regression yet; ${harmed} harmed so far.`;
    return `${name}: ${s.outcome === 'promoted' ? `promoted in ${formatDuration(s.promotedAfter ?? 0)}` : s.outcome}.`;
  });
}
