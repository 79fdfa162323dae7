/**
 * The shape every reconcile stage shares: a pure `(status) → {status, effects}` step, and the
 * checklist that runs stages in order, threading the status and concatenating the effects, the way
 * Argo's rolloutContext collects `newStatus` and writes it once at the end (persistRolloutStatus).
 * Also the few stages both strategies run: the old ReplicaSet past its delay, and the closing
 * progress / phase sync.
 */
import type { Role, RolloutPhase, SimEvent } from '../model/events.js';
import type { Rollout } from '../model/rollout.js';
import { trackProgress } from './progress.js';
import type { Effect, Observed, ReconcileResult, RolloutStatus } from './status.js';

/** What a stage returns: the status after it and the effects it asks for, in order. */
export type StageResult = ReconcileResult;

/** The effect that puts `event` in the trace. */
export function emitted(event: SimEvent): Effect {
  return { type: 'emit', event };
}

/**
 * Runs stages in order: each gets the status the previous one left and its effects are appended.
 * Example: `run.step(announceStep)` then `run.step(reconcileTrafficRouting)` → `run.result()` has
 * the StepStarted emit before the setWeight effect, and the status both stages wrote.
 */
export class Checklist {
  private readonly effects: Effect[] = [];

  constructor(private current: RolloutStatus) {}

  get status(): RolloutStatus {
    return this.current;
  }

  /** Runs one stage on the current status; returns its whole result (stages may add fields). */
  step<T extends StageResult>(stage: (status: RolloutStatus) => T): T {
    const r = stage(this.current);
    this.effects.push(...r.effects);
    this.current = r.status;
    return r;
  }

  result(): ReconcileResult {
    return { status: this.current, effects: [...this.effects] };
  }
}

/**
 * The ReplicaSet waiting for scaleDownDelaySeconds (after promotion) or the abort delay, scaled to
 * 0 once its deadline passed. The deadline is cleared either way; `scaled` says an action was taken.
 * Example: {scaleDownHash: 'v1', scaleDownAt: 30 s}, now 30 s, v1 at 10 pods, role 'stable' →
 * effects [scale v1 0 (stable)], scaleDownHash/scaleDownAt undefined, scaled true; now 29 s → no change.
 */
export function scaleDownPastDelay(s: RolloutStatus, observed: Observed, role: Role): StageResult & { scaled: boolean } {
  if (s.scaleDownHash === undefined || s.scaleDownAt === undefined || observed.now < s.scaleDownAt) return { status: s, effects: [], scaled: false };
  const hash = s.scaleDownHash;
  const status = { ...s, scaleDownHash: undefined, scaleDownAt: undefined };
  if ((observed.replicaSets.get(hash)?.replicas ?? 0) === 0) return { status, effects: [], scaled: false };
  return { status, effects: [{ type: 'scale', hash, replicas: 0, role }], scaled: true };
}

/**
 * The closing stage of both checklists (Argo's syncRolloutStatus*: calculateRolloutConditions, then
 * the phase): progressDeadlineSeconds first, then the phase `phaseOf` gives for the status after it,
 * with a PhaseChanged event when phase or message moved.
 * Example: status Progressing 'more replicas need to be updated' and `phaseOf` → Paused
 * 'CanaryPauseStep' → effects [emit PhaseChanged Paused], status.phase 'Paused'.
 */
export function syncRolloutStatus(
  rollout: Rollout,
  s: RolloutStatus,
  observed: Observed,
  waiting: boolean,
  phaseOf: (status: RolloutStatus) => { phase: RolloutPhase; message: string },
): StageResult {
  const progress = trackProgress(rollout, s, observed, waiting);
  const next = phaseOf(progress.status);
  if (next.phase === progress.status.phase && next.message === progress.status.message) return progress;
  const changed = emitted({ t: observed.now, type: 'PhaseChanged', phase: next.phase, message: next.message });
  return { status: { ...progress.status, ...next }, effects: [...progress.effects, changed] };
}
