/**
 * The closing block of a text timeline: the outcome in one sentence, what the request counts
 * are, harm against its denominator, the mirrored copies' figures when the run mirrored, then
 * per-version figures. Reads the Summary alone. Pure: returns lines.
 */
import type { AbortCause, SummaryFields, VersionFigures } from '../model/events.js';
import { formatDuration } from '../model/time.js';
import { pct } from './numbers.js';
import { paint, type TextStyle } from './style.js';

function versionRow(label: string, v: VersionFigures): string {
  const p99 = v.p99 === null ? '—' : formatDuration(v.p99);
  return `  ${label.padEnd(8)} ${v.image.padEnd(24)} ${String(v.requests).padStart(9)}  ${pct(v.errorRate).padStart(7)}  ${p99.padStart(9)}  ${pct(v.taskSuccess).padStart(7)}`;
}

/** Example: 2423 completed, 2427 arrived → '2423 completed user requests (4 still in flight at the end)'. */
export function requestsLine(s: SummaryFields): string {
  const head = `${s.completedRequests} completed user requests`;
  const parts = [
    s.inFlightRequests > 0 ? `${s.inFlightRequests} still in flight at the end` : undefined,
    s.unservedRequests > 0 ? `${s.unservedRequests} found no ready pod` : undefined,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? head : `${head} (${parts.join(', ')})`;
}

/**
 * The shadow copies' own figures. Example: {requests: 3201, errorRate: 0.0351, p99: 4231, taskSuccess: 0.912}
 * → '3201 copies served by the release (never answered users): errors 3.51%, p99 4.231s, task ok 91.20%'.
 */
function mirroredLine(m: VersionFigures): string {
  const head = `${m.requests} copies served by the release (never answered users)`;
  return m.requests === 0 ? head : `${head}: errors ${pct(m.errorRate)}, p99 ${m.p99 === null ? '—' : formatDuration(m.p99)}, task ok ${pct(m.taskSuccess)}`;
}

/** An abort's cause in a few words (when the Summary has no abortDetail). Example: 'noData' → 'analysis had no data'. */
function abortCauseText(cause: AbortCause): string {
  switch (cause) {
    case 'failed': return 'analysis failed';
    case 'error': return 'analysis error';
    case 'noData': return 'analysis had no data';
    case 'inconclusive': return 'by the operator, on an inconclusive analysis';
    case 'operator': return 'by the operator';
    case 'progressDeadline': return 'progress deadline exceeded';
    case 'stepPlugin': return 'a step plugin failed';
  }
}

/**
 * What a healthy release rolled back the same way says of the check that aborted it.
 * Example: 'noData' → ': this analysis is blind'; 'stepPlugin' → ': the step plugin fails whatever the release does'.
 */
function sameWay(cause: AbortCause | null): string {
  if (cause === 'noData' || cause === 'error') return ': this analysis is blind';
  if (cause === 'stepPlugin') return ': the step plugin fails whatever the release does';
  return cause === 'failed' ? ': this analysis cannot tell good from bad' : '';
}

/**
 * What an abort says about the regression, judged against the healthy twin (the Summary's `twin`).
 * Examples: caught → 'the healthy release would have gone on: the regression was caught'; the
 * twin aborted at the same instant for the same cause → 'FALSE ROLLBACK: the healthy release would
 * be rolled back the same way: this analysis is blind'; no regression → 'FALSE ROLLBACK: a healthy
 * release was aborted: this analysis is blind'.
 */
function abortJudgement(s: SummaryFields): string {
  if (s.caught) return 'the healthy release would have gone on: the regression was caught';
  const twin = s.twin;
  if (twin !== null && twin.abortedAfter !== null && twin.abortCause !== null) {
    const same = twin.abortedAfter === s.abortedAfter && twin.abortCause === s.abortCause;
    if (!s.regressionConfigured) return `FALSE ROLLBACK: a healthy release was aborted${same ? sameWay(s.abortCause) : ''}`;
    if (same) return `FALSE ROLLBACK: the healthy release would be rolled back the same way${sameWay(s.abortCause)}`;
    return `FALSE ROLLBACK: the healthy release would be rolled back too (after ${formatDuration(twin.abortedAfter)}, ${abortCauseText(twin.abortCause)})`;
  }
  return s.regressionConfigured ? 'FALSE ROLLBACK: the regression was not yet in effect when the release was aborted' : 'FALSE ROLLBACK: a healthy release was aborted';
}

/**
 * What the outcome says about the regression. Example: a pod-age leak that appears 10 min after a
 * 5 min canary promoted → 'the regression showed up only later and harmed 1847 requests' (the
 * line reads 'promoted after 5m0s; …').
 */
function judgement(s: SummaryFields): string {
  if (s.outcome === 'aborted') return abortJudgement(s);
  if (s.regressionInEffect) return s.outcome === 'promoted' ? 'the regression was MISSED and promoted' : 'a regression is in effect and was not caught yet';
  if (s.regressionConfigured && s.outcome === 'promoted') {
    // A leak that shows up later (`after:`, load) was invisible to the analysis, yet it ships: observe longer.
    return s.harmedRequests > 0 ? `the regression showed up only later and harmed ${s.harmedRequests} requests` : 'a regression was configured but never in effect before the promotion';
  }
  if (s.regressionConfigured) return 'a regression was configured but never in effect';
  return 'no regression was injected';
}

/**
 * The outcome in one line (it wraps in the summary box). Example: 'aborted after 5m20s: analysis
 * failed: error-rate = 0.02, not result[0] < 0.015 — the healthy release would have gone on: the
 * regression was caught'.
 */
export function outcomeLine(s: SummaryFields, style: TextStyle): string {
  if (s.updateStartedAt === null) return paint(style, 'yellow', "no update: the Rollout's template is the stable image, so nothing rolled out");
  if (s.outcome === 'aborted') {
    const detail = s.abortDetail ?? (s.abortCause === null ? '' : abortCauseText(s.abortCause));
    return `${paint(style, 'red', `aborted after ${formatDuration(s.abortedAfter ?? 0)}${detail === '' ? '' : `: ${detail}`}`)} — ${judgement(s)}`;
  }
  const verdict = s.outcome === 'promoted' ? paint(style, 'green', `promoted after ${formatDuration(s.promotedAfter ?? 0)}`) : paint(style, 'yellow', 'incomplete (neither promoted nor aborted)');
  return `${verdict}; ${judgement(s)}`;
}

/** The closing block: outcome in one sentence, then the figures. */
export function formatSummary(s: SummaryFields, style: TextStyle): string[] {
  const mirrored = s.mirrored === null ? [] : [`  mirrored  ${mirroredLine(s.mirrored)}`];
  return [
    '',
    paint(style, 'bold', `Summary — ${s.rollout}`),
    `  outcome   ${outcomeLine(s, style)}`,
    `  requests  ${requestsLine(s)}`,
    `  harmed    ${s.harmedRequests} of the ${s.completedRequests} completed (${pct(s.harmedShare)}); ${s.releaseRequests} served by the release`,
    ...mirrored,
    '',
    `  ${'version'.padEnd(8)} ${'image'.padEnd(24)} ${'completed'.padStart(9)}  ${'errors'.padStart(7)}  ${'p99'.padStart(9)}  ${'task ok'.padStart(7)}`,
    versionRow('stable', s.versions.stable),
    versionRow('release', s.versions.release),
  ];
}
