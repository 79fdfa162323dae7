/**
 * The healthy twin (DESIGN §7): to judge an abort, the same run with the regressions removed.
 * `caught` is true only when the run aborted while a regression was in effect and the twin had
 * not aborted by then; any other abort is a false rollback (the analysis could not tell the
 * release from a healthy one, or nothing was wrong yet). simulation-core runs the twin, only for
 * an aborted run and only up to its abort; this module says what the twin is.
 */
import type { OperatorAction, OperatorActionName, Scenario } from '../model/scenario.js';
import type { Ms } from '../model/time.js';

/** An operator action sent while the run played (a key in the live view), at the instant it took effect. */
export interface SentAction {
  readonly at: Ms;
  readonly action: OperatorActionName;
}

/**
 * The twin's scenario: the same in every input but two.
 * - Every regression never starts (`after: Infinity`) rather than being deleted: a `crashRate`
 *   regression makes every request take a crash draw (`cohortModels.crashPossible`), and deleting
 *   it would drop that draw and shift every later request's numbers. Never starting, the twin's
 *   requests draw exactly what the run's drew and behave as stable would.
 * - An operator's `abort` (scripted or sent live) is left out: it is a person's judgement of what
 *   they saw, which cannot be replayed against a release they never saw. Every other action
 *   (promote, retry, pause, …) is replayed at its instant, the live ones targeted at `workload`.
 *
 * Example: regressions [{metric: errorRate, to: 0.06, after: 0}], operator [{at: 15m, abort},
 * {at: 20m, promote}] → regressions [{…, after: Infinity}], operator [{at: 20m, promote}].
 */
export function twinScenario(scenario: Scenario, workload: string, sent: readonly SentAction[]): Scenario {
  const kept = (a: { readonly action: OperatorActionName }): boolean => a.action !== 'abort';
  const live: OperatorAction[] = sent.filter(kept).map((s) => ({ at: s.at, action: s.action, rollout: workload }));
  return {
    ...scenario,
    release: { ...scenario.release, regressions: scenario.release.regressions.map((r) => ({ ...r, after: Infinity })) },
    operator: [...scenario.operator.filter(kept), ...live],
  };
}

/**
 * The verdict on an abort. Example: aborted at 320 s with a regression in effect, the twin never
 * aborted → {caught: true, falseRollback: false}; the twin aborted at 240 s (a blind query) →
 * {caught: false, falseRollback: true}; not aborted → both false.
 */
export function judgeAbort(aborted: boolean, regressionInEffect: boolean, twinAborted: boolean): { caught: boolean; falseRollback: boolean } {
  const caught = aborted && regressionInEffect && !twinAborted;
  return { caught, falseRollback: aborted && !caught };
}
