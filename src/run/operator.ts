/**
 * Operator actions (`kubectl argo rollouts promote|abort|retry|…`, from spec.operator or a key in
 * the live view) applied to the controller's state at the instant they happen.
 */
import { applyOperatorAction } from '../controller/actions.js';
import { startUpdate } from '../controller/status.js';
import type { OperatorActionName } from '../model/scenario.js';
import type { AnalysisPort } from './analysis-port.js';
import type { ControllerDeps } from './controller-loop.js';

/** The controller's own dependencies, plus what an action needs to know of the rollout. */
export type OperatorDeps = Pick<ControllerDeps, 'engine' | 'workload' | 'state' | 'stableHash' | 'emit'> & {
  readonly steps: number;
  readonly analysis: AnalysisPort;
  /** Queues a reconcile after the action. */
  readonly reconcile: () => void;
};

/** Example: operate('promote') on a canary paused at step 1 → the pause is skipped and step 2 starts. */
export function createOperator(deps: OperatorDeps): (action: OperatorActionName) => void {
  return (action) => {
    if (deps.workload.kind === 'Deployment') return undoDeployment(deps, action);
    const { state, engine } = deps;
    const inconclusive = [...deps.analysis.observe()].filter(([, r]) => r.phase === 'Inconclusive').map(([k]) => k);
    const r = applyOperatorAction(state.status, state.paused, action, engine.now, deps.steps, inconclusive);
    state.status = r.status;
    state.paused = r.paused;
    r.events.forEach(deps.emit);
    deps.reconcile();
  };
}

/** A Deployment has no promote/abort: `abort` is `kubectl rollout undo` (a new rolling update back). */
function undoDeployment(deps: OperatorDeps, action: OperatorActionName): void {
  const { state, engine } = deps;
  deps.emit({ t: engine.now, type: 'OperatorAction', action });
  if (action !== 'abort' || state.status.currentPodHash === deps.stableHash) return;
  deps.emit({ t: engine.now, type: 'RolloutAborted', reason: 'kubectl rollout undo: rolling back to the previous template' });
  state.status = { ...startUpdate(state.status, deps.stableHash, 0), abort: true, abortedAt: engine.now };
  deps.reconcile();
}
