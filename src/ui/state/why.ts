/**
 * The one-line *why* of a transition, for a learner: which step finished and what let it finish,
 * why the Rollout paused, aborted or was promoted. Reads the snapshot as it was before the event.
 * Pure.
 */
import type { SimEvent } from '../../model/events.js';
import { formatDuration } from '../../model/time.js';
import { scoreText } from '../../report/judge-text.js';
import { measurementValue, stepOf } from '../../report/text.js';
import { formatAgainst } from '../format/numbers.js';
import { lastMeasurementOf, metricInfo } from './analysis.js';
import { firstNumber, negate, prettyOp } from './conditions.js';
import type { RunSnapshot } from './types.js';

/**
 * Example: the RolloutAborted of canary-tool-call-regression (reason `… Metric "error-rate"
 * assessed Failed due to failed (1) > failureLimit (0)`, last measurement [0.0200…], condition
 * `result[0] < 0.015`) → 'aborted: error-rate 0.020 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s'.
 */
export function explain(s: RunSnapshot, e: SimEvent): string | undefined {
  const at = `at ${formatDuration(e.t)}`;
  const n = s.context.steps.length;
  switch (e.type) {
    case 'StepCompleted': {
      const step = s.context.steps[e.index];
      const head = `${stepOf(e.index, n)} (${step?.label ?? '?'}) done`;
      return `${head}: ${stepReason(s, e.index) ?? 'next step'} ${at}`;
    }
    case 'Paused':
      return `paused: ${pauseReason(s, e.reason, e.t)}`;
    case 'Resumed':
      return e.by === 'resume' ? `resumed by the operator ${at}` : undefined;
    case 'RolloutAborted':
      return `aborted: ${abortReason(s, e.reason)} ${at}`;
    case 'RolloutPromoted':
      return `promoted: ${promoteReason(s)} ${at}`;
    case 'AnalysisRunCompleted':
      if (e.phase === 'Successful') return `analysis ${e.name} Successful${runDetail(s, e.name, ': ')} ${at}`;
      if (e.phase === 'Inconclusive') return `analysis ${e.name} Inconclusive: ${e.message || 'neither condition met'} ${at}`;
      return undefined; // Failed/Error: the abort that follows says why
    case 'PhaseChanged':
      return e.phase === 'Degraded' && !s.track.aborted ? `degraded: ${e.message} ${at}` : undefined;
    case 'OperatorAction':
      return e.action === 'retry' ? `retry: the update starts again from step 1 ${at}` : undefined;
    case 'ExperimentStarted':
      return `${stepOf(e.stepIndex, n)} runs experiment ${e.name}: ${experimentWords(e)} ${at}`;
    default:
      return undefined;
  }
}

/**
 * Example: baseline (stable) and canary (canary), 6 pods and weight 25 each, analysis kayenta
 * required → 'baseline (stable, 6 pods, 25%) vs canary (canary, 6 pods, 25%); kayenta must succeed'.
 */
function experimentWords(e: Extract<SimEvent, { type: 'ExperimentStarted' }>): string {
  const arms = e.templates.map((x) => `${x.name} (${x.specRef}, ${x.replicas} pod${x.replicas === 1 ? '' : 's'}${x.weight === null ? '' : `, ${x.weight}%`})`).join(' vs ');
  const required = e.analyses.filter((a) => a.requiredForCompletion).map((a) => a.name);
  const judged = required.length > 0 ? `; ${required.join(', ')} must succeed` : e.analyses.length > 0 ? `; judged by ${e.analyses.map((a) => a.name).join(', ')}` : '';
  return `${arms}${judged}${e.duration === null ? '' : `, for ${formatDuration(e.duration)}`}`;
}

function stepReason(s: RunSnapshot, index: number): string | undefined {
  const step = s.context.steps[index];
  if (step === undefined) return undefined;
  if (step.kind === 'setWeight') return `ActualWeight ${s.track.actualWeight} (canary pods ready)`;
  if (step.kind === 'pause') {
    const by = s.track.resumedBy;
    if (by === 'timer') return `${formatDuration(step.pauseMs ?? 0)} elapsed`;
    return by === undefined ? undefined : `resumed by ${by === 'promote' ? 'the operator (promote)' : by}`;
  }
  if (step.kind === 'analysis') {
    const run = s.analysisRuns[s.analysisRuns.length - 1];
    return run === undefined ? undefined : `${run.name} ${run.phase}${runDetail(s, run.name, ', ')}`;
  }
  return undefined;
}

function pauseReason(s: RunSnapshot, reason: string, t: number): string {
  const i = s.track.currentStepIndex;
  const step = s.context.steps[i];
  const waits = 'waits for promote (p) or abort (a)';
  if (reason === 'CanaryPauseStep' && step !== undefined) {
    const where = `${stepOf(i, s.context.steps.length)} ${step.label}`;
    return step.pauseMs === undefined ? `${where} ${waits}` : `${where}, resumes by itself at ${formatDuration(t + step.pauseMs)}`;
  }
  if (reason === 'InconclusiveAnalysisRun') return `an analysis was Inconclusive; the Rollout ${waits}`;
  if (reason === 'BlueGreenPause') return `the preview is ready; blue-green ${waits} (autoPromotionEnabled: false)`;
  return reason;
}

/** `failed (1) > failureLimit (0)` → 'failureLimit 0 exceeded'. */
function limitPhrase(cause: string): string {
  const m = /\((\d+)\) > (\w+) \((\d+)\)/.exec(cause);
  return m === null ? cause : `${m[2]} ${m[3]} exceeded`;
}

function abortReason(s: RunSnapshot, reason: string): string {
  if (reason === 'aborted by operator') return 'by the operator';
  const m = /Metric "([^"]+)" assessed (\w+) due to (.+)$/.exec(reason);
  if (m === null) return reason;
  const [, metric = '', phase = '', cause = ''] = m;
  return `${measured(s, metric, 'bad') ?? `${metric} ${phase}`} (${limitPhrase(cause)})`;
}

/**
 * A metric's last value against its condition, on the side it fell: bad → `0.020 ≥ 0.015`,
 * good → `0.004 < 0.015`; a condition that is not a simple comparison is quoted instead.
 */
function measured(s: RunSnapshot, metric: string, side: 'good' | 'bad'): string | undefined {
  const last = lastMeasurementOf(s.analysisRuns, metric);
  if (last?.row.last === undefined) return undefined;
  // A Kayenta score is judged against the template's thresholds, not a condition.
  if (last.row.last.judge !== undefined) return `${metric} ${scoreText(last.row.last.judge)}`;
  const info = metricInfo(s.context, metric);
  const v = firstNumber(last.row.last.value);
  if (info?.good !== undefined && v !== undefined) {
    const op = side === 'good' ? info.good.op : negate(info.good.op);
    return `${metric} ${formatAgainst(v, info.good.literal)} ${prettyOp(op)} ${info.good.literal}`;
  }
  const cond = info?.condition === undefined ? '' : ` vs ${info.condition}`;
  return `${metric} = ${measurementValue(last.row.last.value)}${cond}`;
}

function runDetail(s: RunSnapshot, run: string, sep: string): string {
  const row = s.analysisRuns.find((r) => r.name === run);
  const parts = (row?.metrics ?? []).map((m) => measured(s, m.name, m.last?.phase === 'Successful' ? 'good' : 'bad')).filter((x) => x !== undefined);
  return parts.length === 0 ? '' : `${sep}${parts.join(', ')}`;
}

function promoteReason(s: RunSnapshot): string {
  if (s.track.promoteFull) return 'promote --full by the operator; every release pod ready';
  const n = s.context.steps.length;
  switch (s.context.strategy) {
    case 'Canary':
      return n === 0 ? 'no steps to run' : `all ${n} steps complete`;
    case 'BlueGreen': {
      const pre = s.analysisRuns.find((r) => r.name.endsWith('-pre'));
      return pre === undefined ? 'the preview is ready; the active Service switched' : `prePromotionAnalysis ${pre.phase}; the active Service switched`;
    }
    case 'RollingUpdate':
      return `all ${s.context.replicas} pods updated and ready`;
  }
}
