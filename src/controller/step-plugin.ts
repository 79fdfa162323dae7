/**
 * Canary `plugin` steps (Argo's rollout/stepplugin.go stepPluginContext.reconcile and
 * rollout/steps/plugin/plugin.go Run/Abort/Terminate). The plugin itself is the Scenario's
 * declaration (StepPluginOutcome): its Run answers Running until `duration` has passed since it
 * started, then the declared phase. What the controller does with the answers is Argo's:
 * - Run is called once per reconcile, but not before updatedAt + backoff (30 s, or the plugin's
 *   RequeueAfter when over 10 s); the Rollout is requeued at updatedAt + backoff + 5 s.
 * - Successful completes the step (completedCurrentCanaryStep); Failed aborts the Rollout with
 *   "Step Plugin <n> (<name>) failed: <message>"; an Error (RPC error) is retried after 30 s.
 * - On abort, every Run still Running or Successful is aborted (newest first); on promote --full or
 *   once promoted, the last Run still Running is terminated.
 * Runs as the last stage before the step check, and not in a reconcile that scaled (rolloutCanary
 * returns before it) nor one that an Inconclusive analysis paused.
 */
import type { PluginStepAction, StepPluginOutcome } from '../model/rollout.js';
import { SECOND, type Ms } from '../model/time.js';
import type { CanaryContext } from './canary-context.js';
import { emitted, type StageResult } from './stage.js';
import type { Effect, RolloutStatus, StepPluginStatus } from './status.js';

/** plugin.go defaultRequeuDuration / defaultErrorBackoff, minRequeueDuration; stepplugin.go defaultBackoffDelay. */
const DEFAULT_REQUEUE = 30 * SECOND;
const ERROR_BACKOFF = 30 * SECOND;
const MIN_REQUEUE = 10 * SECOND;
const BACKOFF_DELAY = 5 * SECOND;

/** What a plugin without a declaration does (lint only: a run requires one): succeed at once. */
const SUCCEED: StepPluginOutcome = { duration: 0, phase: 'Successful', message: '', requeueAfter: undefined };

/**
 * Example: plugin step 1 {duration: 60 s, phase: Successful}, Progressing, no status, now 100 s →
 * stepPlugins [{index 1, Run, Running, startedAt 100 s, updatedAt 100 s, executions 1, backoff 30 s}],
 * effects [emit StepPluginPhaseChanged Run Running, requeueAt 135 s]; at 135 s Running again
 * (executions 2); at 170 s Successful (no event: StepCompleted follows).
 */
export function reconcileStepPlugin(c: CanaryContext, s: RolloutStatus, { halted, scaled }: { halted: boolean; scaled: boolean }): StageResult {
  if (scaled || (halted && !s.abort)) return { status: s, effects: [] };
  if (s.abort) return abortPlugins(c, s);
  if (s.promoteFull || c.promoted) return terminateRunning(c, s);
  const cleaned = cleanForRetry(c, s);
  const step = c.step;
  if (step === undefined || !('plugin' in step) || s.phase !== 'Progressing') return { status: cleaned, effects: [] };
  return run(c, cleaned, step.plugin);
}

/** stepPluginContext.isStepPluginCompleted: the Run is Successful or Failed, or Running but terminated/aborted. */
export function isStepPluginCompleted(s: RolloutStatus, index: number): boolean {
  const runStatus = find(s, index, 'Run');
  if (runStatus === undefined) return false;
  if (runStatus.phase === 'Successful' || runStatus.phase === 'Failed') return true;
  return runStatus.phase === 'Running' && (find(s, index, 'Terminate') !== undefined || find(s, index, 'Abort') !== undefined);
}

function run(c: CanaryContext, s: RolloutStatus, plugin: PluginStepAction): StageResult {
  const index = c.stepIndex;
  const outcome = plugin.outcome ?? SUCCEED;
  const prev = find(s, index, 'Run');
  if (prev !== undefined && (prev.phase === 'Successful' || prev.phase === 'Failed')) return { status: s, effects: [] };
  // plugin.go Run: within the backoff the status is returned as it is, and the requeue stands.
  if (prev !== undefined && prev.executions > 0 && prev.updatedAt + prev.backoff > c.now) {
    return { status: s, effects: [{ type: 'requeueAt', at: prev.updatedAt + prev.backoff + BACKOFF_DELAY }] };
  }
  const startedAt = prev?.startedAt ?? c.now;
  const done = c.now >= startedAt + outcome.duration;
  const phase = done ? outcome.phase : 'Running';
  const backoff = phase === 'Error' ? ERROR_BACKOFF : phase === 'Running' ? (outcome.requeueAfter !== undefined && outcome.requeueAfter > MIN_REQUEUE ? outcome.requeueAfter : DEFAULT_REQUEUE) : 0;
  const next: StepPluginStatus = {
    index, name: plugin.name, operation: 'Run', phase, message: done ? outcome.message : '',
    startedAt, updatedAt: c.now, executions: (prev?.executions ?? 0) + 1, backoff,
  };
  let status: RolloutStatus = { ...s, stepPlugins: upsert(s.stepPlugins, next) };
  const effects: Effect[] = [];
  // recordPhase: on a phase change, except a Run turning Successful (RolloutStepCompleted says it).
  if (prev?.phase !== phase && phase !== 'Successful') effects.push(phaseEvent(c.now, next));
  if (phase === 'Running' || phase === 'Error') effects.push({ type: 'requeueAt', at: c.now + backoff + BACKOFF_DELAY });
  if (phase === 'Failed') {
    const reason = `Step Plugin ${index + 1} (${plugin.name}) failed: ${next.message}`;
    effects.push(emitted({ t: c.now, type: 'RolloutAborted', reason }));
    status = { ...status, abort: true, abortedAt: c.now, abortReason: reason, pauseConditions: [], controllerPause: false, currentStepIndex: 0, scaleDownAt: undefined };
  }
  return { status, effects };
}

/** On abort: Abort every Run still Running or Successful, newest first; each answers Successful. */
function abortPlugins(c: CanaryContext, s: RolloutStatus): StageResult {
  let list = s.stepPlugins;
  const effects: Effect[] = [];
  for (const r of [...s.stepPlugins].reverse()) {
    if (r.operation !== 'Run' || (r.phase !== 'Running' && r.phase !== 'Successful')) continue;
    if (find({ stepPlugins: list }, r.index, 'Abort') !== undefined) continue;
    const abort: StepPluginStatus = { ...r, operation: 'Abort', phase: 'Successful', message: '', startedAt: c.now, updatedAt: c.now, executions: 0, backoff: 0 };
    list = upsert(list, abort);
    effects.push(phaseEvent(c.now, abort));
  }
  return list === s.stepPlugins ? { status: s, effects: [] } : { status: { ...s, stepPlugins: list }, effects };
}

/** On promote --full or once promoted: Terminate the last Run still Running (getStepToTerminate). */
function terminateRunning(c: CanaryContext, s: RolloutStatus): StageResult {
  for (const r of [...s.stepPlugins].reverse()) {
    if (r.operation === 'Terminate' && r.phase === 'Successful') break;
    if (r.operation !== 'Run' || r.phase !== 'Running') continue;
    if (find(s, r.index, 'Terminate') !== undefined) break;
    const term: StepPluginStatus = { ...r, operation: 'Terminate', phase: 'Successful', message: '', startedAt: c.now, updatedAt: c.now, executions: 0, backoff: 0 };
    return { status: { ...s, stepPlugins: upsert(s.stepPlugins, term) }, effects: [phaseEvent(c.now, term)] };
  }
  return { status: s, effects: [] };
}

/**
 * cleanStatusForRetry: back at step 0 after a retry, the statuses of the aborted attempt go — unless
 * step 0 is a plugin whose Run has not completed (then this attempt is the one running).
 */
function cleanForRetry(c: CanaryContext, s: RolloutStatus): RolloutStatus {
  if (s.stepPlugins.length === 0 || c.stepIndex !== 0 || c.step === undefined) return s;
  if ('plugin' in c.step && !isStepPluginCompleted(s, 0)) return s;
  return { ...s, stepPlugins: [] };
}

function phaseEvent(t: Ms, p: StepPluginStatus): Effect {
  return emitted({ t, type: 'StepPluginPhaseChanged', index: p.index, plugin: p.name, operation: p.operation, phase: p.phase, message: p.message });
}

function find(s: Pick<RolloutStatus, 'stepPlugins'>, index: number, operation: StepPluginStatus['operation']): StepPluginStatus | undefined {
  return s.stepPlugins.find((p) => p.index === index && p.operation === operation);
}

/** Replaces the status of the same index and operation in place, else appends (updateStepPluginStatus). */
function upsert(list: readonly StepPluginStatus[], next: StepPluginStatus): readonly StepPluginStatus[] {
  const at = list.findIndex((p) => p.index === next.index && p.operation === next.operation);
  return at < 0 ? [...list, next] : list.map((p, i) => (i === at ? next : p));
}
