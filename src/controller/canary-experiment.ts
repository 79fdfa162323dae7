/**
 * The Rollout's side of experiment steps (argo-rollouts rollout/experiment.go `reconcileExperiments`):
 * every Experiment is reconciled (src/controller/experiment.ts), the current step's is created once
 * per attempt, its phase drives the Rollout — Inconclusive pauses (InconclusiveExperiment),
 * Failed/Error aborts ("Experiment analysis phase is error/failed: …") — and every other running
 * Experiment is terminated (a step moved on, an abort, promote --full).
 */
import type { Rollout } from '../model/rollout.js';
import type { CanaryContext } from './canary-context.js';
import { experimentDone, isTerminating, newExperiment, reconcileExperiment } from './experiment.js';
import { emitted, type StageResult } from './stage.js';
import type { Effect, ExperimentState, PauseCondition, RolloutStatus } from './status.js';

/** Example: experimentKey(2) === 'experiment:2' (in analysisKeys once this attempt created it). */
export const experimentKey = (stepIndex: number): string => `experiment:${stepIndex}`;

/**
 * The current step's Experiment for this attempt, if created. Example: step 1 an experiment,
 * analysisKeys ['experiment:1'] and experiments [a (step 1), b (step 1, after a retry)] → b.
 */
export function currentExperiment(s: RolloutStatus, stepIndex: number): ExperimentState | undefined {
  if (!s.analysisKeys.includes(experimentKey(stepIndex))) return undefined;
  for (let i = s.experiments.length - 1; i >= 0; i--) if (s.experiments[i]?.stepIndex === stepIndex) return s.experiments[i];
  return undefined;
}

/**
 * Argo's experiment name `<rollout>-<podHash>-<revision>-<stepIndex>`, with `-1`, `-2` … when
 * taken (createExperimentWithCollisionHandling). Example: ('ro', 'abc', 2, 1, []) → 'ro-abc-2-1'.
 */
export function experimentName(rollout: string, podHash: string, revision: number, stepIndex: number, taken: readonly string[]): string {
  const base = `${rollout}-${podHash}-${revision}-${stepIndex}`;
  let name = base;
  for (let n = 1; taken.includes(name); n++) name = `${base}-${n}`;
  return name;
}

/**
 * Runs the Experiment controller over every live Experiment, then the Rollout's reconcileExperiments.
 * `halted` as for analysis: an abort or an Inconclusive pause added now stops this reconcile's progress.
 * Example: at step 1 (experiment) with none created → effects [createExperiment 'ro-abc-2-1'],
 * status.analysisKeys gains 'experiment:1'; its phase Failed 'm' → RolloutAborted 'Experiment
 * analysis phase is error/failed: m', halted.
 */
export function reconcileExperiments(c: CanaryContext, rollout: Rollout, s0: RolloutStatus): StageResult & { halted: boolean } {
  const effects: Effect[] = [];
  const deadline = rollout.progressDeadlineSeconds;
  let s = s0;
  // The Experiment controller's own pass over each Experiment that still has work.
  if (s.experiments.some((e) => !experimentDone(e))) {
    const experiments = s.experiments.map((e) => {
      if (experimentDone(e)) return e;
      const r = reconcileExperiment(e, c.observed, deadline);
      for (const e of r.effects) effects.push(e);
      return r.state;
    });
    if (experiments.some((e, i) => e !== s.experiments[i])) s = { ...s, experiments };
  }
  const terminateAllBut = (keep: ExperimentState | undefined): void => {
    if (!s.experiments.some((e) => e !== keep && !e.terminate && !isTerminating(e))) return;
    s = { ...s, experiments: s.experiments.map((e) => (e === keep || e.terminate || isTerminating(e) ? e : { ...e, terminate: true })) };
  };
  if (s.abort || s.promoteFull) {
    terminateAllBut(undefined);
    return { status: s, effects, halted: false };
  }
  if (s.pauseConditions.some((p) => p.reason === 'InconclusiveAnalysisRun')) return { status: s, effects, halted: false };
  const step = c.promoted ? undefined : c.step;
  let current: ExperimentState | undefined;
  let halted = false;
  if (step !== undefined && 'experiment' in step) {
    current = currentExperiment(s, c.stepIndex);
    if (current === undefined) {
      const name = experimentName(rollout.name, s.currentPodHash, s.revision, c.stepIndex, s.experiments.map((e) => e.name));
      current = newExperiment(name, c.stepIndex, step.experiment, c.now);
      effects.push({ type: 'createExperiment', name, stepIndex: c.stepIndex, spec: step.experiment });
      s = { ...s, experiments: [...s.experiments, current], analysisKeys: [...s.analysisKeys, experimentKey(c.stepIndex)] };
    }
    if (current.phase === 'Inconclusive') {
      halted = true;
      if (!s.pauseConditions.some((p) => p.reason === 'InconclusiveExperiment')) {
        const cond: PauseCondition = { reason: 'InconclusiveExperiment', startTime: c.now };
        effects.push(emitted({ t: c.now, type: 'Paused', reason: 'InconclusiveExperiment' }));
        s = { ...s, pauseConditions: [...s.pauseConditions, cond], controllerPause: true };
      }
    } else if (current.phase === 'Failed' || current.phase === 'Error') {
      halted = true;
      const reason = `Experiment analysis phase is error/failed${current.message === '' ? '' : `: ${current.message}`}`;
      effects.push(emitted({ t: c.now, type: 'RolloutAborted', reason }));
      s = { ...s, abort: true, abortedAt: c.now, abortReason: reason, pauseConditions: [], controllerPause: false, currentStepIndex: 0, scaleDownAt: undefined };
      terminateAllBut(undefined);
      return { status: s, effects, halted };
    }
  }
  terminateAllBut(current);
  return { status: s, effects, halted };
}
