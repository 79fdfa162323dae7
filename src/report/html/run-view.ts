/**
 * One run's trace folded into what the HTML report draws: the intervals of the timeline band, the
 * moments that ended the update, the weight over time, the per-version figures of every Sample,
 * the measurements, the transitions in words, and the state at the end (the plugin's header).
 * Pure: reads events only (never the world), so a saved trace folds to the same view.
 */
import type { AnalysisPhase, RolloutPhase, SampleFields, SimEvent, SimulationStartedFields, SummaryFields, WarningFields } from '../../model/events.js';
import type { Ms } from '../../model/time.js';
import { createTimeline } from '../timeline.js';

/** A stretch of the timeline band. `lane` is its row; `tone` picks its colour. */
export interface Band {
  readonly lane: 'phase' | 'steps' | 'pauses' | 'analysis';
  readonly start: Ms;
  readonly end: Ms;
  readonly label: string;
  readonly tone: Tone;
}

export type Tone = 'good' | 'bad' | 'wait' | 'busy' | 'step';

/** An instant that changed the update's course: its abort, promotion, an operator's key. */
export interface Marker {
  readonly t: Ms;
  readonly kind: 'aborted' | 'promoted' | 'operator';
  readonly label: string;
}

/** A transition in words: the timeline's line for the event without its clock, and its tone. */
export interface Transition {
  readonly t: Ms;
  readonly glyph: string;
  readonly text: string;
  readonly type: SimEvent['type'];
}

export type MeasurementEvent = Extract<SimEvent, { type: 'Measurement' }>;
export type SampleEvent = { t: Ms } & SampleFields;

export interface RunView {
  readonly start: SimulationStartedFields;
  readonly summary: SummaryFields;
  /** The Summary's instant: where the charts' time axis ends. */
  readonly end: Ms;
  readonly warnings: readonly WarningFields[];
  readonly bands: readonly Band[];
  readonly markers: readonly Marker[];
  /** The canary weight (the release's share, in the strategy's words) from each WeightChanged, starting at 0. */
  readonly weights: readonly { readonly t: Ms; readonly weight: number }[];
  readonly samples: readonly SampleEvent[];
  readonly measurements: readonly MeasurementEvent[];
  readonly transitions: readonly Transition[];
  readonly final: FinalState;
  /** An Experiment's ReplicaSets by hash, named for the charts: 'experiment baseline agent:v1'. */
  readonly experimentArms: Readonly<Record<string, string>>;
}

/** The rollout as `kubectl argo rollouts get rollout` would show it at the end. */
export interface FinalState {
  readonly phase: RolloutPhase | null;
  readonly message: string;
  /** Argo's currentStepIndex: the step in progress, or the step count once every step is done. */
  readonly stepIndex: number | null;
  readonly canaryWeight: number;
  readonly actualWeight: number;
  /** Per ReplicaSet hash, its pods at the last Sample (r ready, s starting, t terminating). */
  readonly pods: readonly { readonly hash: string; readonly pods: string }[];
}

const PHASE_TONE: Record<RolloutPhase, Tone> = { Progressing: 'busy', Paused: 'wait', Healthy: 'good', Degraded: 'bad' };

/** An AnalysisRun's (or measurement's) colour. Example: 'Failed' → 'bad'; 'Inconclusive' → 'wait'. */
export function analysisTone(p: AnalysisPhase): Tone {
  return p === 'Successful' ? 'good' : p === 'Failed' || p === 'Error' ? 'bad' : p === 'Inconclusive' ? 'wait' : 'busy';
}

/** Events the transitions list leaves out: measurements have their own table, ReplicaSet sizes their chart. */
const UNLISTED = new Set<SimEvent['type']>(['Measurement', 'ReplicaSetScaled']);

/**
 * Folds one run's events (SimulationStarted first, Summary last: trace-file.ts checks both).
 * Example: canary-tool-call-regression → bands [phase Progressing 0–20 s, phase Paused 20 s–5m20s, …,
 * analysis 'agent-rv8mt5frdr-2-2 Failed' 5m20s], markers [{t: 320000, kind: 'aborted', …}].
 */
export function foldRun(events: readonly SimEvent[]): RunView {
  const first = events[0];
  const last = events[events.length - 1];
  if (first?.type !== 'SimulationStarted' || last?.type !== 'Summary') throw new Error('a run starts with SimulationStarted and ends with Summary');
  const end = last.t;
  const bands: Band[] = [];
  const markers: Marker[] = [];
  const weights: { t: Ms; weight: number }[] = [{ t: 0, weight: 0 }];
  const samples: SampleEvent[] = [];
  const measurements: MeasurementEvent[] = [];
  const transitions: Transition[] = [];
  const warnings: WarningFields[] = [];
  const timeline = createTimeline({ color: false });
  const open = { phase: undefined as { t: Ms; phase: RolloutPhase } | undefined, steps: new Map<number, { t: Ms; label: string }>(), pause: undefined as { t: Ms; reason: string } | undefined, runs: new Map<string, Ms>() };
  let final: Omit<FinalState, 'pods'> = { phase: null, message: '', stepIndex: first.steps.length > 0 ? 0 : null, canaryWeight: 0, actualWeight: 0 };
  let pods: FinalState['pods'] = [];
  const arms: Record<string, string> = {};
  const closePhase = (t: Ms): void => {
    if (open.phase !== undefined && t > open.phase.t) bands.push({ lane: 'phase', start: open.phase.t, end: t, label: open.phase.phase, tone: PHASE_TONE[open.phase.phase] });
  };
  const closePause = (t: Ms): void => {
    if (open.pause !== undefined) bands.push({ lane: 'pauses', start: open.pause.t, end: t, label: `paused: ${open.pause.reason}`, tone: 'wait' });
    open.pause = undefined;
  };
  for (const e of events) {
    const line = timeline.line(e);
    if (line !== undefined && !UNLISTED.has(e.type)) transitions.push(splitLine(e, line));
    switch (e.type) {
      case 'Warning': warnings.push(e); break;
      case 'PhaseChanged':
        closePhase(e.t);
        open.phase = { t: e.t, phase: e.phase };
        final = { ...final, phase: e.phase, message: e.message };
        break;
      case 'StepStarted':
        open.steps.set(e.index, { t: e.t, label: `step ${e.index + 1}: ${e.step}` });
        final = { ...final, stepIndex: e.index };
        break;
      case 'StepCompleted': {
        const s = open.steps.get(e.index);
        if (s !== undefined) bands.push({ lane: 'steps', start: s.t, end: e.t, label: s.label, tone: 'step' });
        open.steps.delete(e.index);
        final = { ...final, stepIndex: e.index + 1 };
        break;
      }
      case 'Paused': closePause(e.t); open.pause = { t: e.t, reason: e.reason }; break;
      case 'Resumed': closePause(e.t); break;
      case 'AnalysisRunStarted': open.runs.set(e.name, e.t); break;
      case 'AnalysisRunCompleted':
        bands.push({ lane: 'analysis', start: open.runs.get(e.name) ?? e.t, end: e.t, label: `${e.name}: ${e.phase}`, tone: analysisTone(e.phase) });
        open.runs.delete(e.name);
        break;
      case 'Measurement': measurements.push(e); break;
      case 'WeightChanged':
        weights.push({ t: e.t, weight: e.canary });
        final = { ...final, canaryWeight: e.canary, actualWeight: e.actual };
        break;
      case 'RolloutAborted':
        markers.push({ t: e.t, kind: 'aborted', label: 'aborted' });
        for (const [, s] of open.steps) bands.push({ lane: 'steps', start: s.t, end: e.t, label: `${s.label} (aborted)`, tone: 'bad' });
        open.steps.clear();
        closePause(e.t);
        break;
      case 'RolloutPromoted': markers.push({ t: e.t, kind: 'promoted', label: 'promoted' }); break;
      case 'OperatorAction': markers.push({ t: e.t, kind: 'operator', label: e.action }); break;
      case 'Sample': samples.push(e); pods = e.replicaSets; break;
      case 'ExperimentStarted':
        for (const x of e.templates) arms[x.hash] = `experiment ${x.name} ${x.specRef === 'stable' ? first.stableImage : first.releaseImage}`;
        break;
      default: break;
    }
  }
  // What is still open at the end runs to the end.
  closePhase(end);
  for (const [, s] of open.steps) bands.push({ lane: 'steps', start: s.t, end, label: `${s.label} (in progress)`, tone: 'step' });
  closePause(end);
  for (const [name, t] of open.runs) bands.push({ lane: 'analysis', start: t, end, label: `${name}: Running`, tone: 'busy' });
  return { start: first, summary: last, end, warnings, bands, markers, weights, samples, measurements, transitions, final: { ...final, pods }, experimentArms: arms };
}

/**
 * The timeline's line without its clock, split into glyph and words.
 * Example: '    5m20s  ✖ ABORTED: Step-based analysis …' → {glyph: '✖', text: 'ABORTED: Step-based analysis …'}.
 */
function splitLine(e: SimEvent, line: string): Transition {
  const m = /^\s*\S+\s\s(\S+) (.*)$/s.exec(line);
  return { t: e.t, type: e.type, glyph: m?.[1] ?? '', text: m?.[2] ?? line.trim() };
}
