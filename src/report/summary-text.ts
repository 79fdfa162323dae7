/**
 * The closing block of a text timeline: the outcome in one sentence, what the request counts
 * are, harm against its denominator, the mirrored copies' figures when the run mirrored, then
 * per-version figures. Pure: returns lines.
 */
import type { SummaryFields, VersionFigures } from '../model/events.js';
import { formatDuration } from '../model/time.js';
import { paint, type TextStyle } from './style.js';

/**
 * What the Summary does not carry but the caller may know: the run's arrivals (the Summary counts
 * completed requests only) and the abort time of a false rollback.
 */
export interface SummaryExtras {
  /** User requests that arrived; those neither completed nor unserved were still in flight at the end. */
  readonly arrived?: number;
  /** Arrivals that found no ready pod. */
  readonly unserved?: number;
  /** Sim ms of the abort (the Summary's detectedAt is set only when a regression was caught). */
  readonly abortedAt?: number | undefined;
  /** False when no update started (a no-op: the Rollout's template is the stable image). */
  readonly updated?: boolean;
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(2)}%`;
}

function versionRow(label: string, v: VersionFigures): string {
  const p99 = v.p99 === null ? '—' : formatDuration(v.p99);
  return `  ${label.padEnd(8)} ${v.image.padEnd(24)} ${String(v.requests).padStart(9)}  ${pct(v.errorRate).padStart(7)}  ${p99.padStart(9)}  ${pct(v.taskSuccess).padStart(7)}`;
}

/** Example: 2423 completed, 2427 arrived → '2423 completed user requests (4 still in flight at the end)'. */
function requestsLine(s: SummaryFields, x: SummaryExtras): string {
  const head = `${s.userRequests} completed user requests`;
  if (x.arrived === undefined) return head;
  const unserved = x.unserved ?? 0;
  const inFlight = x.arrived - s.userRequests - unserved;
  const parts = [inFlight > 0 ? `${inFlight} still in flight at the end` : undefined, unserved > 0 ? `${unserved} found no ready pod` : undefined].filter((p) => p !== undefined);
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

/** The closing block: outcome in one sentence, then the figures. */
export function formatSummary(s: SummaryFields, style: TextStyle, extras: SummaryExtras = {}): string[] {
  const abortedAt = s.detectedAt ?? extras.abortedAt ?? null;
  const verdict =
    s.outcome === 'promoted'
      ? paint(style, 'green', `promoted after ${formatDuration(s.timeToPromote ?? 0)}`)
      : s.outcome === 'aborted'
        ? paint(style, 'red', `aborted${abortedAt === null ? '' : ` at ${formatDuration(abortedAt)}`}`)
        : paint(style, 'yellow', 'incomplete (neither promoted nor aborted)');
  const judgement = s.caught
    ? 'the regression was caught'
    : s.falseRollback
      ? 'FALSE ROLLBACK: a healthy release was aborted'
      : s.regressionPresent && s.outcome === 'promoted'
        ? 'the regression was MISSED and promoted'
        : s.regressionPresent
          ? 'a regression is present and was not caught yet'
          : 'no regression was injected';
  const mirrored = s.mirrored === null ? [] : [`  mirrored  ${mirroredLine(s.mirrored)}`];
  const outcome = extras.updated === false
    ? paint(style, 'yellow', "no update: the Rollout's template is the stable image, so nothing rolled out")
    : `${verdict}; ${judgement}`;
  return [
    '',
    paint(style, 'bold', `Summary — ${s.rollout}`),
    `  outcome   ${outcome}`,
    `  requests  ${requestsLine(s, extras)}`,
    `  harmed    ${s.harmedRequests} of the ${s.userRequests} completed (${pct(s.harmedShare)}); ${s.releaseRequests} served by the release`,
    ...mirrored,
    '',
    `  ${'version'.padEnd(8)} ${'image'.padEnd(24)} ${'completed'.padStart(9)}  ${'errors'.padStart(7)}  ${'p99'.padStart(9)}  ${'task ok'.padStart(7)}`,
    versionRow('stable', s.versions.stable),
    versionRow('release', s.versions.release),
  ];
}
