/**
 * The Summary of a run (DESIGN §7), from the final status, the world's tallies and the trace.
 */
import type { SummaryFields, VersionFigures } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import type { VersionTally } from '../world/tally.js';

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
  readonly promotedAt: number | undefined;
  readonly abortedAt: number | undefined;
  readonly tallies: readonly [VersionTally, VersionTally];
  /** The mirrored copies' tally; undefined when the run never sent one. */
  readonly mirrored: VersionTally | undefined;
  /** False for a no-op update (the template is the stable image): the release never existed. */
  readonly updated: boolean;
}

/**
 * outcome: `promoted` when the release became stable, `aborted` when the run ends aborted,
 * otherwise `incomplete`. caught = aborted while a regression was present; falseRollback =
 * aborted with none.
 */
export function summarize(input: SummaryInput): SummaryFields {
  const { scenario, tallies } = input;
  const outcome = input.promotedAt !== undefined ? 'promoted' : input.abortedAt !== undefined ? 'aborted' : 'incomplete';
  const regressionPresent = input.updated && scenario.release.regressions.length > 0 && scenario.release.image !== scenario.stableImage;
  const [stable, release] = tallies;
  const user = stable.requests + release.requests;
  return {
    rollout: input.workload,
    outcome,
    regressionPresent,
    caught: outcome === 'aborted' && regressionPresent,
    falseRollback: outcome === 'aborted' && !regressionPresent,
    detectedAt: outcome === 'aborted' && regressionPresent ? (input.abortedAt ?? null) : null,
    userRequests: user,
    releaseRequests: release.requests,
    harmedRequests: release.harmed,
    harmedShare: user === 0 ? 0 : rate6(release.harmed / user),
    timeToPromote: input.promotedAt === undefined ? null : input.promotedAt - scenario.release.at,
    versions: { stable: figures(scenario.stableImage, stable), release: figures(scenario.release.image, release) },
    mirrored: input.mirrored === undefined ? null : figures(scenario.release.image, input.mirrored),
  };
}
