/**
 * The Summary of a run (DESIGN §7), from the final status, the world's tallies and the abort's
 * cause. Every figure a reporter shows is here, so none re-derives it.
 */
import { SCHEMA_VERSION, type AbortCause, type SummaryFields, type VersionFigures } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import type { Strategy } from '../model/strategy.js';
import type { Ms } from '../model/time.js';
import type { VersionTally } from '../world/tally.js';
import { judgeAbort } from './twin.js';

/** Rounds a rate to 6 decimals so the trace is stable and readable. Example: 0.01234567 → 0.012346. */
export function rate6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function figures(image: string, t: VersionTally): VersionFigures {
  return {
    image,
    requests: t.requests,
    errorRate: t.requests === 0 ? null : rate6(t.errors / t.requests),
    p99: t.quantileMs(0.99),
    taskSuccess: t.requests === 0 ? null : rate6(t.taskOk / t.requests),
  };
}

export interface SummaryInput {
  readonly scenario: Scenario;
  readonly workload: string;
  readonly strategy: Strategy;
  /** Sim ms the run ended. */
  readonly now: Ms;
  readonly promotedAt: Ms | undefined;
  /** The abort in force at the end, with its cause and its words. */
  readonly aborted: { readonly at: Ms; readonly cause: AbortCause; readonly detail: string } | undefined;
  /** The healthy twin's first abort at or before `aborted.at` (undefined: it had not aborted; ignored unless aborted). */
  readonly twinAborted: { readonly at: Ms; readonly cause: AbortCause } | undefined;
  /** The first sim ms a release request met an active regression (undefined: never). */
  readonly regressionSince: Ms | undefined;
  readonly tallies: readonly [VersionTally, VersionTally];
  /** The mirrored copies' tally; undefined when the run never sent one. */
  readonly mirrored: VersionTally | undefined;
  /** False for a no-op update (the template is the stable image): the release never existed. */
  readonly updated: boolean;
  /** User requests that arrived, and those that found no ready pod. */
  readonly arrived: number;
  readonly unserved: number;
}

/**
 * outcome: `promoted` when the release became stable, `aborted` when the run ends aborted,
 * otherwise `incomplete`. A regression is in effect when one was active on a release request
 * before that outcome (an abort before an `after:` regression shows up catches nothing);
 * caught = aborted while one was in effect and the healthy twin had not aborted by then;
 * falseRollback = aborted and not caught (run/twin.ts).
 *
 * Example: release at 0, aborted at 320 s by a Failed run, a 6 % error regression active from the
 * first release request at 21 s, the twin not aborted by 320 s → {outcome: 'aborted',
 * regressionInEffect: true, caught: true, abortCause: 'failed', twin: {abortedAfter: null,
 * abortCause: null}, detectedAfter: 320000, abortedAfter: 320000, promotedAfter: null, …}.
 */
export function summarize(input: SummaryInput): SummaryFields {
  const { scenario, tallies } = input;
  const start = scenario.release.at;
  const outcome = input.promotedAt !== undefined ? 'promoted' : input.aborted !== undefined ? 'aborted' : 'incomplete';
  const outcomeAt = input.promotedAt ?? input.aborted?.at ?? input.now;
  const regressionConfigured = input.updated && scenario.release.regressions.length > 0 && scenario.release.image !== scenario.stableImage;
  const regressionInEffect = regressionConfigured && input.regressionSince !== undefined && input.regressionSince <= outcomeAt;
  const twinAborted = input.aborted === undefined ? undefined : input.twinAborted;
  const { caught, falseRollback } = judgeAbort(outcome === 'aborted', regressionInEffect, twinAborted !== undefined);
  const abortedAfter = input.aborted === undefined ? null : input.aborted.at - start;
  const [stable, release] = tallies;
  const completed = stable.requests + release.requests;
  return {
    schemaVersion: SCHEMA_VERSION,
    rollout: input.workload,
    strategy: input.strategy.type,
    router: input.strategy.router,
    outcome,
    updateStartedAt: input.updated ? start : null,
    regressionConfigured,
    regressionInEffect,
    abortCause: input.aborted?.cause ?? null,
    abortDetail: input.aborted?.detail ?? null,
    caught,
    falseRollback,
    twin: input.aborted === undefined ? null : { abortedAfter: twinAborted === undefined ? null : twinAborted.at - start, abortCause: twinAborted?.cause ?? null },
    detectedAfter: caught ? abortedAfter : null,
    abortedAfter,
    promotedAfter: input.promotedAt === undefined ? null : input.promotedAt - start,
    arrivedRequests: input.arrived,
    completedRequests: completed,
    inFlightRequests: input.arrived - completed - input.unserved,
    unservedRequests: input.unserved,
    releaseRequests: release.requests,
    harmedRequests: release.harmed,
    harmedShare: completed === 0 ? 0 : rate6(release.harmed / completed),
    versions: { stable: figures(scenario.stableImage, stable), release: figures(scenario.release.image, release) },
    mirrored: input.mirrored === undefined ? null : figures(scenario.release.image, input.mirrored),
  };
}
