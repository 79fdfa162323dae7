/**
 * The live UI's reducer: folds trace events (`SimEvent`) and UI actions (samples, playback) into
 * the `RunSnapshot` the screen renders. Pure: no clock, no simulation — just the fold.
 *
 *   let s = initialSnapshot(ctx, {speed: 60, paused: false});
 *   for (const e of trace) s = reduce(s, e);
 */
import type { SimEvent } from '../../model/events.js';
import type { OperatorActionName } from '../../model/scenario.js';
import { formatTextLine, nextLineContext, START_CONTEXT, type LineContext } from '../../report/text.js';
import { foldAnalysis } from './analysis.js';
import { createRunContext, titleLines, type RunContext, type SessionOptions } from './context.js';
import { derive } from './derive.js';
import { applyPlayback } from './playback.js';
import { foldSeries } from './series.js';
import type { Action, LogEntry, PlaybackSlice, RunSnapshot, Track } from './types.js';
import { explain } from './why.js';

/** The snapshot before any event: the stable version at rest. Example: Status ✔ Healthy, Step n/n, SetWeight 100, every step pending. */
export function initialSnapshot(context: RunContext, playback: PlaybackSlice): RunSnapshot {
  const track: Track = {
    started: false, phase: 'Healthy', message: '', resumedBy: undefined, promoteFull: false,
    currentStepIndex: context.steps.length, pause: undefined, abortedStep: undefined, aborted: false, promoted: false,
    canaryWeight: 0, actualWeight: 0, desired: {}, experimentSets: {}, experimentPhases: {}, lastSample: undefined, line: lineStart(context),
    selectors: Object.fromEntries(context.services.filter((x) => x.role === 'active').map((x) => [x.name, context.stableHash])),
  };
  return derive({
    context, now: 0, track, playback,
    series: { window: context.window, now: 0, versions: [], thresholds: context.thresholds },
    analysisRuns: [], log: titleLines(context).map((text, id) => ({ id, kind: 'note', text })), why: undefined,
    operatorActions: [], keysPressed: false, summary: undefined,
  });
}

/**
 * Folds one action (a trace event, a Sample, a playback change, or a batch of them).
 * Example: folding canary-tool-call-regression.jsonl ends Degraded, steps ✔ ✔ ✖ ◷ ◷ ◷, why 'aborted: error-rate 0.020 ≥ 0.015 …'.
 */
export function reduce(s: RunSnapshot, a: Action): RunSnapshot {
  return derive(fold(s, a));
}

function fold(s: RunSnapshot, a: Action): RunSnapshot {
  switch (a.type) {
    case 'Batch':
      return a.actions.reduce(fold, s);
    case 'Playback':
      return { ...s, playback: applyPlayback(s.playback, a.change) };
    case 'KeyPressed':
      return { ...s, keysPressed: true };
    case 'Sample': {
      // Figures only: no log line, no why-line, no transition.
      const now = Math.max(s.now, a.t);
      return {
        ...s, now,
        track: { ...s.track, lastSample: a },
        series: { ...s.series, now, versions: foldSeries(s.series.versions, a, s.context) },
      };
    }
    default:
      return foldEvent(s, a);
  }
}

function foldEvent(before: RunSnapshot, e: SimEvent): RunSnapshot {
  const s = { ...before, now: Math.max(before.now, e.t) };
  const why = explain(s, e);
  const log = [...s.log, ...logEntries(s, e, why)];
  const next: RunSnapshot = { ...s, log, why: why === undefined ? s.why : { t: e.t, text: why }, track: track(s.track, e, s.context) };
  switch (e.type) {
    case 'AnalysisRunStarted':
    case 'Measurement':
    case 'AnalysisRunCompleted':
      return { ...next, analysisRuns: foldAnalysis(s.analysisRuns, e, s.context) };
    case 'OperatorAction':
      return { ...next, operatorActions: [...s.operatorActions, { t: e.t, action: e.action as OperatorActionName }] };
    case 'Warning':
      // A load-time warning: the event log says it once, as a note (it has no timeline line).
      return { ...next, log: [...next.log, { id: next.log.length, kind: 'note', text: `warning: ${e.message}` }] };
    case 'Summary': {
      const { t: _t, type: _type, ...summary } = e;
      return { ...next, summary };
    }
    default:
      return next;
  }
}

/** The event's timeline line (when the text reporter has one), then its why-line. */
function logEntries(s: RunSnapshot, e: SimEvent, why: string | undefined): LogEntry[] {
  const out: LogEntry[] = [];
  let id = s.log.length;
  if (formatTextLine(e, { color: false }, s.context.steps.length) !== undefined) out.push({ id: id++, kind: 'event', event: e, line: s.track.line });
  if (why !== undefined) out.push({ id, kind: 'why', t: e.t, text: why });
  return out;
}

/**
 * The facts an event changes. Example: RolloutAborted at step 2 → aborted, abortedStep 2,
 * currentStepIndex 0 (the plugin then shows Step 0/n).
 */
function track(before: Track, e: SimEvent, ctx: RunContext): Track {
  const t = { ...before, line: nextLineContext(before.line, e) };
  switch (e.type) {
    case 'RolloutStarted':
      return { ...t, started: true, currentStepIndex: 0, aborted: false, abortedStep: undefined, promoted: false, promoteFull: false, pause: undefined };
    case 'StepStarted':
      return { ...t, currentStepIndex: e.index };
    case 'StepCompleted':
      return { ...t, currentStepIndex: e.index + 1, pause: undefined };
    case 'WeightChanged':
      return { ...t, canaryWeight: e.canary, actualWeight: e.actual };
    case 'ReplicaSetScaled':
      return { ...t, desired: { ...t.desired, [e.hash]: e.replicas } };
    case 'ServiceSwitched':
      return { ...t, selectors: { ...t.selectors, [e.service]: e.to } };
    case 'ExperimentStarted': {
      const sets = { ...t.experimentSets };
      for (const x of e.templates) sets[x.hash] = { experiment: e.name, template: x.name, rs: x.rs, specRef: x.specRef, weight: x.weight };
      return { ...t, experimentSets: sets, experimentPhases: { ...t.experimentPhases, [e.name]: 'Pending' } };
    }
    case 'ExperimentReplicaSetScaled': {
      const hash = Object.keys(t.experimentSets).find((h) => t.experimentSets[h]?.rs === e.rs);
      return hash === undefined ? t : { ...t, desired: { ...t.desired, [hash]: e.replicas } };
    }
    case 'ExperimentPhaseChanged':
      return { ...t, experimentPhases: { ...t.experimentPhases, [e.name]: e.phase } };
    case 'PhaseChanged':
      return { ...t, phase: e.phase, message: e.message };
    case 'Paused':
      return { ...t, pause: { reason: e.reason, since: e.t }, resumedBy: undefined };
    case 'Resumed':
      return { ...t, pause: undefined, resumedBy: e.by };
    case 'RolloutAborted':
      return { ...t, aborted: true, abortedStep: t.currentStepIndex < ctx.steps.length ? t.currentStepIndex : undefined, currentStepIndex: 0, pause: undefined };
    case 'RolloutPromoted':
      return t.aborted ? t : { ...t, promoted: true, currentStepIndex: ctx.steps.length, pause: undefined };
    case 'OperatorAction':
      // retry and promote --full both clear Argo's `abort` (the events that follow do not say so).
      if (e.action === 'retry') return { ...t, aborted: false, abortedStep: undefined };
      return e.action === 'promoteFull' ? { ...t, promoteFull: true, aborted: false, abortedStep: undefined } : t;
    default:
      return t;
  }
}

/** The timeline context before the first event: the workload's strategy, updating. */
function lineStart(ctx: RunContext): LineContext {
  return { ...START_CONTEXT, strategy: ctx.strategyType };
}

/**
 * Folds a whole trace (a saved jsonl) into the snapshot a live run ends with: the context comes
 * from its first event, SimulationStarted. Example: replay(events, {file: 'x.yaml', until: 3_600_000},
 * playing(60)) → the run's final screen.
 */
export function replay(events: readonly SimEvent[], session: SessionOptions, playback: PlaybackSlice): RunSnapshot {
  const first = events[0];
  if (first?.type !== 'SimulationStarted') throw new Error('a trace starts with SimulationStarted');
  return reduce(initialSnapshot(createRunContext(first, session), playback), { type: 'Batch', actions: events });
}
