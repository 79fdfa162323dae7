/**
 * The verdict table `compare` ends with: one row per strategy, the figures that decide between them.
 * Pure: returns lines.
 */
import type { SummaryFields } from '../model/events.js';
import { formatDuration } from '../model/time.js';

export interface VerdictRow {
  readonly name: string;
  readonly strategy: string;
  readonly summary: SummaryFields;
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/**
 * The title above the table: `arrived` counts the user requests offered to every strategy (the same
 * ones); each row's "completed" is how many of them finished before the run ended, the
 * denominator of "on release" and "harmed share".
 * Example: verdictTitle(71973) → 'Verdict (identical traffic: the same 71973 user requests arrived at each)'.
 */
export function verdictTitle(arrived: number): string {
  return `Verdict (identical traffic: the same ${arrived} user requests arrived at each)`;
}

/**
 * Example row: `agent-canary  canary  aborted  yes  5m20s  71949  1.71%  16  0.02%  —` ("on release" is the
 * share of completed user requests the release served: who met it at all).
 * `caught` reads yes/no only when a regression was injected ("—" otherwise).
 */
export function formatVerdict(rows: readonly VerdictRow[]): string[] {
  const header = ['workload', 'strategy', 'outcome', 'caught', 'detected at', 'completed', 'on release', 'harmed', 'harmed share', 'time to promote'];
  const body = rows.map(({ name, strategy, summary: s }) => [
    name,
    strategy,
    s.falseRollback ? 'aborted (false rollback)' : s.outcome,
    s.regressionPresent ? (s.caught ? 'yes' : 'NO') : '—',
    s.detectedAt === null ? '—' : formatDuration(s.detectedAt),
    String(s.userRequests),
    s.userRequests === 0 ? '—' : pct(s.releaseRequests / s.userRequests),
    String(s.harmedRequests),
    pct(s.harmedShare),
    s.timeToPromote === null ? '—' : formatDuration(s.timeToPromote),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i >= 5 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

/** One plain sentence per row, for a learner reading the table. */
export function explainVerdict(rows: readonly VerdictRow[]): string[] {
  return rows.map(({ name, summary: s }) => {
    if (s.caught) return `${name}: caught the regression at ${formatDuration(s.detectedAt ?? 0)}, after ${s.harmedRequests} harmed requests.`;
    if (s.falseRollback) return `${name}: rolled back a healthy release (a false alarm).`;
    const harmed = `${s.harmedRequests} of its ${s.userRequests} completed user requests (${pct(s.harmedShare)})`;
    if (s.regressionPresent && s.outcome === 'promoted') return `${name}: promoted the regression; ${harmed} were harmed.`;
    if (s.regressionPresent) return `${name}: has not caught the regression yet; ${harmed} harmed so far.`;
    return `${name}: ${s.outcome === 'promoted' ? `promoted in ${formatDuration(s.timeToPromote ?? 0)}` : s.outcome}.`;
  });
}
