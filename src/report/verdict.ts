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
 * Example row: `agent-canary  canary  aborted  yes  5m20s  1.71%  16  0.02%  —` ("on release" is the share
 * of user requests the release served: who met it at all).
 * `caught` reads yes/no only when a regression was injected ("—" otherwise).
 */
export function formatVerdict(rows: readonly VerdictRow[]): string[] {
  const header = ['workload', 'strategy', 'outcome', 'caught', 'detected at', 'on release', 'harmed', 'harmed share', 'time to promote'];
  const body = rows.map(({ name, strategy, summary: s }) => [
    name,
    strategy,
    s.falseRollback ? 'aborted (false rollback)' : s.outcome,
    s.regressionPresent ? (s.caught ? 'yes' : 'NO') : '—',
    s.detectedAt === null ? '—' : formatDuration(s.detectedAt),
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
    if (s.regressionPresent && s.outcome === 'promoted') return `${name}: promoted the regression; ${s.harmedRequests} requests (${pct(s.harmedShare)} of all users') were harmed.`;
    if (s.regressionPresent) return `${name}: has not caught the regression yet; ${s.harmedRequests} requests harmed so far.`;
    return `${name}: ${s.outcome === 'promoted' ? `promoted in ${formatDuration(s.timeToPromote ?? 0)}` : s.outcome}.`;
  });
}
