/**
 * The canary checklist, in Argo's per-reconcile order (argo-semantics §2.4, rollout/canary.go
 * rolloutCanary): announce the step, set the weight, reconcile the analysis runs, make one scaling
 * action (stable first), add a pause, call the step plugin, then advance at most one step or promote. Basic canary (pods
 * are the traffic split) and traffic-routed canary (exact router weights, any router) share it;
 * `canary-replicas.ts` holds where they differ. Each stage lives in a `canary-*.ts` file and is a
 * pure (context, status) → {status, effects}.
 * Pure: `reconcileCanary(rollout, status, observed) → {status, effects}`.
 */
import type { CanaryStrategy, Rollout } from '../model/rollout.js';
import { reconcileAnalysisRuns } from './canary-analysis.js';
import { reconcileExperiments } from './canary-experiment.js';
import { adoptFirstDeploy, canaryContext, type CanaryContext } from './canary-context.js';
import { reconcileCanaryReplicaSets } from './canary-scaling.js';
import { announceStep, completeStepOrPromote, reconcileCanaryPause } from './canary-step.js';
import { reconcileStepPlugin } from './step-plugin.js';
import { reconcilePingAndPongService } from './canary-pingpong.js';
import { reconcileManagedRoutes, reconcileTrafficRouting } from './canary-traffic.js';
import { calculatePhase } from './phase.js';
import { Checklist, syncRolloutStatus, type StageResult } from './stage.js';
import type { Observed, ReconcileResult, RolloutStatus } from './status.js';

export function reconcileCanary(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const first = adoptFirstDeploy(status, (rollout.strategy as CanaryStrategy).steps.length);
  const c = canaryContext(rollout, first, observed);
  const run = new Checklist(first);
  run.step((s) => announceStep(c, s));
  // rollout/canary.go rolloutCanary: reconcilePingAndPongService, then the traffic routing.
  run.step((s) => reconcilePingAndPongService(c, s));
  run.step((s) => reconcileTrafficRouting(c, s));
  // rollout/canary.go: reconcileExperiments, then reconcileAnalysisRuns; either may halt.
  const ex = run.step((s) => reconcileExperiments(c, rollout, s));
  const halted = run.step((s) => reconcileAnalysisRuns(c, s)).halted || ex.halted;
  // Argo's haltProgress: a manual pause or an analysis that just aborted / paused scales nothing.
  const { scaled } = c.manualPause || halted ? { scaled: false } : run.step((s) => reconcileCanaryReplicaSets(c, s));
  run.step((s) => reconcileCanaryPause(c, s, { halted }));
  // rollout/canary.go rolloutCanary: the step plugin reconciles last, before the status sync.
  run.step((s) => reconcileStepPlugin(c, s, { halted, scaled }));
  run.step((s) => completeStepOrPromote(c, s, { halted, scaled }));
  run.step((s) => reconcileManagedRoutes(c, s));
  run.step((s) => syncRolloutStatusCanary(rollout, c, s));
  return run.result();
}

/**
 * Argo's syncRolloutStatusCanary tail: progressDeadlineSeconds (not counted while paused or at a
 * step that waits by design: pause, analysis, setCanaryScale, routes), then phase and message.
 * Example: status at step 1 (pause {}) with a CanaryPauseStep condition, phase Progressing → effects
 * [emit PhaseChanged Paused 'CanaryPauseStep'], status.phase 'Paused'.
 */
function syncRolloutStatusCanary(rollout: Rollout, c: CanaryContext, s: RolloutStatus): StageResult {
  const waiting = s.pauseConditions.length > 0 || (c.step !== undefined && !('setWeight' in c.step));
  const phaseOf = (status: RolloutStatus) => calculatePhase({ status, observed: c.observed, replicas: c.replicas, paused: c.manualPause, basicCanary: !c.routed });
  return syncRolloutStatus(rollout, s, c.observed, waiting, phaseOf);
}
