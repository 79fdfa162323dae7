/**
 * The human-readable timeline: one line per event, sim time on the left, then a summary block.
 * Pure: returns strings; the CLI writes them. Colour is optional SGR only (never cursor codes).
 */
import type { SimEvent, SimulationStartedFields } from '../model/events.js';
import { strategyName, type StrategyType } from '../model/strategy.js';
import { formatDuration } from '../model/time.js';

import { judgeText } from './judge-text.js';
import { paint, type TextStyle, type Tone } from './style.js';

export type { TextStyle } from './style.js';

/**
 * The timeline's time column, right-aligned to 9 columns, to the tenth of a second (instants off
 * the whole second come from pod restarts and key presses; the trace keeps the exact ms).
 * Example: 90000 → '    1m30s'; 784811 → '  13m4.8s'.
 */
export function clock(t: number): string {
  return formatDuration(Math.round(t / 100) * 100).padStart(9);
}

/**
 * What a timeline line needs beyond its event: the strategy (a weight line's words depend on it)
 * and where the update stands (after a promotion `stable` is the release). Folded from the trace
 * by `nextLineContext`; `START_CONTEXT` is a canary before any event.
 */
export interface LineContext {
  readonly strategy: StrategyType;
  readonly stage: 'updating' | 'promoted' | 'aborted';
}

export const START_CONTEXT: LineContext = { strategy: 'canary', stage: 'updating' };

/**
 * The context after event `e`. Example: RolloutStarted{strategy: 'blueGreen'} → {blueGreen, updating};
 * then RolloutAborted at 85 s → {blueGreen, aborted}; retry → updating again.
 */
export function nextLineContext(c: LineContext, e: SimEvent): LineContext {
  switch (e.type) {
    case 'SimulationStarted':
    case 'RolloutStarted':
      return { strategy: e.strategy, stage: 'updating' };
    case 'RolloutAborted':
      return { ...c, stage: 'aborted' };
    case 'RolloutPromoted':
      return c.stage === 'aborted' ? c : { ...c, stage: 'promoted' };
    case 'OperatorAction':
      // retry and promote --full both clear Argo's abort (the events that follow do not say so).
      return e.action === 'retry' || e.action === 'promoteFull' ? { ...c, stage: 'updating' } : c;
    default:
      return c;
  }
}

/** Steps as a learner counts them, never `i/n` (that form is Argo's 0-based currentStepIndex in the header). Example: (1, 4) → 'step 2 of 4'. */
export function stepOf(index: number, total: number): string {
  return `step ${index + 1} of ${total}`;
}

/** A measurement's value; Argo stores '' when the condition could not be evaluated. Example: '' → '(no value)'. */
export function measurementValue(value: string): string {
  return value === '' ? '(no value)' : value;
}

/**
 * A WeightChanged in the strategy's own words. Canary: Argo's canary/stable, and once promoted the
 * `stable` is the release; a Deployment's figure is the share of ready pods that are new; for
 * blue-green it is the version the active Service sends users to.
 * Example: canary 0 after promotion → 'canary 0% · stable 100% (the release is now stable)'.
 */
export function weightText(e: Extract<SimEvent, { type: 'WeightChanged' }>, c: LineContext): string {
  const actual = e.actual !== e.canary ? ` (actual ${e.actual}%)` : '';
  if (c.strategy === 'rollingUpdate') return `new ${e.canary}% · old ${e.stable}% (share of ready pods)`;
  if (c.strategy === 'blueGreen') {
    const note = e.canary === 100 ? ' (the active Service now selects the release)' : e.canary === 0 ? ' (the active Service selects the stable version again)' : '';
    return `release ${e.canary}% · old version ${e.stable}%${note}`;
  }
  const note = c.stage === 'promoted' ? ' (the release is now stable)' : c.stage === 'aborted' && e.canary === 0 ? ' (aborted: back to the stable version)' : '';
  return `canary ${e.canary}% · stable ${e.stable}%${actual}${note}`;
}

/**
 * A ReplicaSet's role in the strategy's own words: a Deployment's are new/old; blue-green's old
 * active ReplicaSet, scaled down after the switch, is no longer the active one.
 * Example: Deployment role 'canary' → 'new'; blue-green, promoted, 'active' to 0 → 'old'.
 */
function roleText(e: Extract<SimEvent, { type: 'ReplicaSetScaled' }>, c: LineContext): string {
  if (c.strategy === 'rollingUpdate') return e.role === 'canary' ? 'new' : 'old';
  if (c.strategy === 'blueGreen' && c.stage === 'promoted' && e.role === 'active' && e.replicas === 0) return 'old';
  return e.role;
}

/**
 * Why an operator action changes nothing at this stage (as applyOperatorAction decides), so the
 * log does not read as if it did. Example: 'promote' after an abort → 'the rollout is aborted;
 * retry first'; 'abort' once promoted → 'the release is already promoted'.
 */
function noEffect(action: Extract<SimEvent, { type: 'OperatorAction' }>['action'], c: LineContext): string | undefined {
  // A Deployment's only action is abort = `kubectl rollout undo` (it works after completion too).
  if (c.strategy === 'rollingUpdate') return action !== 'abort' ? 'a Deployment only has abort (kubectl rollout undo)' : c.stage === 'aborted' ? 'already rolled back' : undefined;
  if (c.stage === 'promoted' && action !== 'pause' && action !== 'resume') return 'the release is already promoted';
  if (c.stage === 'aborted' && (action === 'abort' || action === 'promote')) return action === 'abort' ? 'already aborted' : 'the rollout is aborted; retry first';
  if (c.stage === 'updating' && action === 'retry') return 'nothing was aborted';
  return undefined;
}

/** The timeline line for one event, or undefined for events the timeline leaves out. */
export function formatTextLine(e: SimEvent, style: TextStyle, totalSteps: number, context: LineContext = START_CONTEXT): string | undefined {
  const at = paint(style, 'dim', clock(e.t));
  const line = (glyph: string, tone: Tone, text: string): string => `${at}  ${paint(style, tone, glyph)} ${text}`;
  switch (e.type) {
    case 'RolloutStarted':
      return line('▶', 'bold', `update started: ${e.rollout} (${strategyName({ type: e.strategy, router: e.router })}, ${e.replicas} replicas) ${e.stableImage} → ${e.releaseImage}${e.steps > 0 ? `, ${e.steps} steps` : ''}`);
    case 'StepStarted':
      return line('•', 'cyan', `${stepOf(e.index, totalSteps)}  ${e.step}`);
    case 'StepCompleted':
      return line('✔', 'green', `${stepOf(e.index, totalSteps)} complete`);
    case 'WeightChanged':
      return line('⇄', 'blue', `weight: ${weightText(e, context)}`);
    case 'ReplicaSetScaled':
      return line('⊞', 'dim', `${roleText(e, context)} ReplicaSet ${e.hash} scaled to ${e.replicas}`);
    case 'PhaseChanged':
      return line(phaseGlyph(e.phase), phaseTone(e.phase), `${e.phase}${e.message === '' ? '' : ` — ${e.message}`}`);
    case 'Paused':
      return undefined; // the PhaseChanged line that follows reads 'Paused — <reason>'
    case 'Resumed':
      return line('▶', 'green', `resumed by ${e.by}`);
    case 'ServiceSwitched':
      return line('⇄', 'magenta', `service ${e.service} now selects ${e.to}`);
    case 'AnalysisRunStarted':
      return line('α', 'cyan', `analysis ${e.name} started (${e.templates.join(', ')})`);
    case 'Measurement':
      return line(measurementGlyph(e.phase), measurementTone(e.phase), `${e.run}/${e.metric} = ${measurementValue(e.value)} → ${e.phase}${e.message === '' ? '' : ` (${e.message})`}${e.judge === undefined ? '' : `: ${judgeText(e.judge)}`}`);
    case 'AnalysisRunCompleted':
      return line(measurementGlyph(e.phase), measurementTone(e.phase), `analysis ${e.name} ${e.phase}${e.message === '' ? '' : `: ${e.message}`}`);
    case 'ExperimentStarted': {
      const templates = e.templates.map((x) => `${x.name} (${x.specRef}, ${x.replicas} replica${x.replicas === 1 ? '' : 's'}${x.weight === null ? '' : `, weight ${x.weight}`})`);
      const analyses = e.analyses.length === 0 ? '' : `; analyses ${e.analyses.map((a) => `${a.name}${a.requiredForCompletion ? ' (required)' : ''}`).join(', ')}`;
      return line('Σ', 'cyan', `experiment ${e.name} started: ${templates.join(', ')}${e.duration === null ? '' : ` for ${formatDuration(e.duration)}`}${analyses}`);
    }
    case 'ExperimentReplicaSetScaled':
      return line('⊞', 'dim', `experiment ReplicaSet ${e.rs} scaled to ${e.replicas}`);
    case 'ExperimentPhaseChanged':
      return e.phase === 'Pending' ? undefined : line(measurementGlyph(e.phase), measurementTone(e.phase), `experiment ${e.name} ${e.phase}${e.message === '' ? '' : `: ${e.message}`}`);
    case 'StepPluginPhaseChanged': {
      const what = e.operation === 'Run' ? `transitioned to ${e.phase}` : `${e.operation === 'Abort' ? 'aborted' : 'terminated'} (${e.phase})`;
      return line(measurementGlyph(e.phase), measurementTone(e.phase), `${stepOf(e.index, totalSteps)}  step plugin ${e.plugin} ${what}${e.message === '' ? '' : `: ${e.message}`}`);
    }
    case 'OperatorAction': {
      const idle = noEffect(e.action, context);
      return line('⌨', 'magenta', `operator: ${e.action}${idle === undefined ? '' : ` (no effect: ${idle})`}`);
    }
    case 'RolloutAborted':
      return line('✖', 'red', `ABORTED: ${e.reason}`);
    case 'RolloutPromoted':
      return line('✔', 'green', 'PROMOTED: the release is now stable');
    case 'SimulationStarted': // its header lines come first (headerLines)
    case 'Warning': // on stderr before the run (cli/warnings.ts), never in the timeline
    case 'Sample': // figures for the live view and reports, not a line
    case 'Summary': // the closing block (formatSummary)
      return undefined;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

function phaseGlyph(p: string): string {
  return p === 'Healthy' ? '✔' : p === 'Degraded' ? '✖' : p === 'Paused' ? '॥' : '◌';
}
function phaseTone(p: string): Tone {
  return p === 'Healthy' ? 'green' : p === 'Degraded' ? 'red' : p === 'Paused' ? 'yellow' : 'cyan';
}
function measurementGlyph(p: string): string {
  return p === 'Successful' ? '✔' : p === 'Failed' ? '✖' : p === 'Error' ? '⚠' : p === 'Inconclusive' ? '?' : '◌';
}
function measurementTone(p: string): Tone {
  return p === 'Successful' ? 'green' : p === 'Failed' || p === 'Error' ? 'red' : 'yellow';
}

/**
 * The lines a run's report starts with, from its SimulationStarted event.
 * Example: ['rollout-sim · canary-happy-path · seed 7 · rollout agent', '  A healthy release …'].
 */
export function headerLines(e: Pick<SimulationStartedFields, 'scenario' | 'seed' | 'rollout' | 'description'>): string[] {
  return [`rollout-sim · ${e.scenario} · seed ${e.seed} · rollout ${e.rollout}`, ...(e.description === '' ? [] : [`  ${e.description}`])];
}

export { formatSummary } from './summary-text.js';
