/**
 * The canary's analysis stage (Argo's reconcileAnalysisRuns for a canary): the background run from
 * `startingStep` on and the current step's run, started once per attempt; a Failed/Error run
 * aborts, an Inconclusive one pauses, and either halts the rest of the reconcile's progress.
 */
import { AnalysisContext } from './analysis.js';
import type { CanaryContext } from './canary-context.js';
import type { StageResult } from './stage.js';
import type { Effect, RolloutStatus } from './status.js';

/**
 * Promoted or aborted: every running run is terminated. Otherwise runs other than the background
 * and the current step's are terminated (a skipped step), and the two are started or read.
 * `halted` is Argo's "pause or abort added": scaling and the pause step wait for the next reconcile.
 * Example: status at step 1 (analysis) with no runs yet → effects [startAnalysis step:1], status
 * analysisKeys ['step:1'], halted false; observed step:1 Failed 'm' → effects [emit RolloutAborted
 * 'Step-based analysis phase error/failed: m'], status.abort true, currentStepIndex 0, halted true.
 */
export function reconcileAnalysisRuns(c: CanaryContext, s: RolloutStatus): StageResult & { halted: boolean } {
  const effects: Effect[] = [];
  const a = new AnalysisContext(s, c.observed, effects);
  const halted = driveRuns(c, a);
  return { status: a.status, effects, halted };
}

function driveRuns(c: CanaryContext, a: AnalysisContext): boolean {
  // analysis.go: a fast rollback (within spec.rollbackWindow) cancels the runs like a promotion.
  if (c.promoted || a.status.abort || c.rollbackWithinWindow) {
    a.terminateRunning();
    return false;
  }
  const step = c.step !== undefined && 'analysis' in c.step ? c.step : undefined;
  const stepKey = step !== undefined ? `step:${c.stepIndex}` : undefined;
  a.terminateRunning((key) => key === 'background' || key === stepKey);
  const bg = c.strategy.analysis;
  if (bg !== undefined && c.stepIndex >= (bg.startingStep ?? 0)) {
    a.ensure('background', 'background', bg);
    if (haltsOn(a, 'background', 'background')) return true;
  }
  if (stepKey !== undefined && step !== undefined) {
    a.ensure(stepKey, 'step', step.analysis, c.stepIndex);
    if (haltsOn(a, stepKey, 'step')) return true;
  }
  return false;
}

/** Failed/Error ⇒ abort, Inconclusive ⇒ pause; true when the reconcile must stop progressing. */
function haltsOn(a: AnalysisContext, key: string, kind: 'step' | 'background'): boolean {
  const outcome = a.actOn(key, kind);
  return outcome === 'failed' || outcome === 'inconclusive';
}
