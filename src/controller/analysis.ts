/**
 * How AnalysisRun outcomes drive a Rollout (argo-semantics §2.6), shared by the canary and
 * blue-green checklists: start a run once per attempt, read its phase, abort on Failed/Error with
 * Argo's message, pause on Inconclusive, terminate runs when the Rollout moves on.
 */
import type { SimEvent } from '../model/events.js';
import type { RolloutAnalysis } from '../model/rollout.js';
import type { Effect, Observed, PauseCondition, RolloutStatus } from './status.js';

export type RunOutcome = 'none' | 'running' | 'successful' | 'failed' | 'inconclusive';

/** Example: a run in phase Error reads as 'failed' (both abort); Pending/Running as 'running'. */
export function outcomeOf(observed: Observed, key: string): { outcome: RunOutcome; message: string } {
  const run = observed.analysisRuns.get(key);
  if (run === undefined) return { outcome: 'none', message: '' };
  switch (run.phase) {
    case 'Successful':
      return { outcome: 'successful', message: run.message };
    case 'Failed':
    case 'Error':
      return { outcome: 'failed', message: run.message };
    case 'Inconclusive':
      return { outcome: 'inconclusive', message: run.message };
    default:
      return { outcome: 'running', message: run.message };
  }
}

/** The prefix Argo puts before the run's message when analysis aborts an update. */
export const ABORT_PREFIX = {
  step: 'Step-based analysis phase error/failed: ',
  background: 'Background analysis phase error/failed: ',
  pre: 'Blue/green pre-promotion analysis phase error/failed: ',
  post: 'Blue/green post-promotion analysis phase error/failed: ',
} as const;

/** Collects the effects and status changes of one reconcile's analysis work. */
export class AnalysisContext {
  /** Keys whose run this reconcile creates: the observed phase is the previous run's. */
  private readonly created = new Set<string>();

  constructor(
    public status: RolloutStatus,
    private readonly observed: Observed,
    private readonly effects: Effect[],
  ) {}

  private emit(event: SimEvent): void {
    this.effects.push({ type: 'emit', event });
  }

  has(key: string): boolean {
    return this.status.analysisKeys.includes(key);
  }

  /** Starts the run for `key` unless this attempt already has one. */
  ensure(key: string, kind: 'step' | 'background' | 'pre' | 'post', analysis: RolloutAnalysis, stepIndex?: number): void {
    if (this.has(key)) return;
    this.effects.push({ type: 'startAnalysis', key, kind, analysis, stepIndex });
    this.status = { ...this.status, analysisKeys: [...this.status.analysisKeys, key] };
    this.created.add(key);
  }

  /**
   * The run's outcome as this reconcile sees it. A run it just created has no phase yet (Argo's
   * `createAnalysisRun` returns it with an empty status), so an Inconclusive run it replaces, still
   * observed under the same key, must not pause the Rollout again.
   * Example: after `promote` on an Inconclusive background run, `ensure('background', …)` then
   * `outcome('background')` → 'running'.
   */
  outcome(key: string): { outcome: RunOutcome; message: string } {
    return this.created.has(key) ? { outcome: 'running', message: '' } : outcomeOf(this.observed, key);
  }

  /**
   * Reads the run for `key` and acts on it: Failed/Error aborts with `kind`'s message, Inconclusive
   * pauses; returns the outcome read. Example: 'pre' observed Failed 'm' → the update aborts with
   * 'Blue/green pre-promotion analysis phase error/failed: m', returns 'failed'.
   */
  actOn(key: string, kind: keyof typeof ABORT_PREFIX): RunOutcome {
    const r = this.outcome(key);
    if (r.outcome === 'failed') this.abort(kind, r.message);
    else if (r.outcome === 'inconclusive') this.pauseInconclusive();
    return r.outcome;
  }

  /** Terminates every run of this attempt that is still going (promotion, abort, step skipped). */
  terminateRunning(keep: (key: string) => boolean = () => false): void {
    for (const key of this.status.analysisKeys) {
      if (keep(key)) continue;
      if (outcomeOf(this.observed, key).outcome === 'running') this.effects.push({ type: 'terminateAnalysis', key });
    }
  }

  /** Aborts the update with Argo's message (phase Degraded, step index back to 0). */
  abort(kind: keyof typeof ABORT_PREFIX, message: string): void {
    const reason = ABORT_PREFIX[kind] + message;
    const now = this.observed.now;
    this.emit({ t: now, type: 'RolloutAborted', reason });
    this.status = {
      ...this.status, abort: true, abortedAt: now, abortReason: reason, pauseConditions: [],
      controllerPause: false, currentStepIndex: 0, scaleDownAt: undefined,
    };
  }

  /** Pauses for an Inconclusive run until a person decides (promote). */
  pauseInconclusive(): void {
    if (this.status.pauseConditions.some((c) => c.reason === 'InconclusiveAnalysisRun')) return;
    const cond: PauseCondition = { reason: 'InconclusiveAnalysisRun', startTime: this.observed.now };
    this.emit({ t: this.observed.now, type: 'Paused', reason: 'InconclusiveAnalysisRun' });
    this.status = { ...this.status, pauseConditions: [...this.status.pauseConditions, cond], controllerPause: true };
  }
}
