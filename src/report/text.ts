/**
 * The human-readable timeline: one line per event, sim time on the left, then a summary block.
 * Pure: returns strings; the CLI writes them. Colour is optional SGR only (never cursor codes).
 */
import type { SimEvent, SummaryFields, VersionFigures } from '../model/events.js';
import { formatDuration } from '../model/time.js';

export interface TextStyle {
  readonly color: boolean;
}

const SGR = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
type Tone = keyof typeof SGR;

function paint(style: TextStyle, tone: Tone, s: string): string {
  return style.color ? `\u001b[${SGR[tone]}m${s}\u001b[0m` : s;
}

/**
 * The timeline's time column, right-aligned to 9 columns, to the tenth of a second (instants off
 * the whole second come from pod restarts and key presses; the trace keeps the exact ms).
 * Example: 90000 → '    1m30s'; 784811 → '  13m4.8s'.
 */
export function clock(t: number): string {
  return formatDuration(Math.round(t / 100) * 100).padStart(9);
}

/** The timeline line for one event, or undefined for events the timeline leaves out. */
export function formatTextLine(e: SimEvent, style: TextStyle, totalSteps: number): string | undefined {
  const at = paint(style, 'dim', clock(e.t));
  const line = (glyph: string, tone: Tone, text: string): string => `${at}  ${paint(style, tone, glyph)} ${text}`;
  switch (e.type) {
    case 'RolloutStarted':
      return line('▶', 'bold', `update started: ${e.rollout} (${e.strategy}, ${e.replicas} replicas) ${e.stableImage} → ${e.releaseImage}, ${e.steps} steps`);
    case 'StepStarted':
      return line('•', 'cyan', `step ${e.index + 1}/${totalSteps}  ${e.step}`);
    case 'StepCompleted':
      return line('✔', 'green', `step ${e.index + 1}/${totalSteps} complete`);
    case 'WeightChanged':
      return line('⇄', 'blue', `weight: canary ${e.canary}% · stable ${e.stable}%${e.actual !== e.canary ? ` (actual ${e.actual}%)` : ''}`);
    case 'ReplicaSetScaled':
      return line('⊞', 'dim', `${e.role} ReplicaSet ${e.hash} scaled to ${e.replicas}`);
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
      return line(measurementGlyph(e.phase), measurementTone(e.phase), `${e.run}/${e.metric} = ${e.value} → ${e.phase}${e.message === '' ? '' : ` (${e.message})`}`);
    case 'AnalysisRunCompleted':
      return line(measurementGlyph(e.phase), measurementTone(e.phase), `analysis ${e.name} ${e.phase}${e.message === '' ? '' : `: ${e.message}`}`);
    case 'OperatorAction':
      return line('⌨', 'magenta', `operator: ${e.action}`);
    case 'RolloutAborted':
      return line('✖', 'red', `ABORTED: ${e.reason}`);
    case 'RolloutPromoted':
      return line('✔', 'green', 'PROMOTED: the release is now stable');
    case 'Summary':
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

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(2)}%`;
}

function versionRow(label: string, v: VersionFigures): string {
  const p99 = v.p99 === null ? '—' : formatDuration(v.p99);
  return `  ${label.padEnd(8)} ${v.image.padEnd(24)} ${String(v.requests).padStart(9)}  ${pct(v.errorRate).padStart(7)}  ${p99.padStart(9)}  ${pct(v.taskSuccess).padStart(7)}`;
}

/** The closing block: outcome in one sentence, then the figures. */
export function formatSummary(s: SummaryFields, style: TextStyle): string[] {
  const verdict =
    s.outcome === 'promoted'
      ? paint(style, 'green', `promoted after ${formatDuration(s.timeToPromote ?? 0)}`)
      : s.outcome === 'aborted'
        ? paint(style, 'red', `aborted${s.detectedAt === null ? '' : ` at ${formatDuration(s.detectedAt)}`}`)
        : paint(style, 'yellow', 'incomplete (neither promoted nor aborted)');
  const judgement = s.caught
    ? 'the regression was caught'
    : s.falseRollback
      ? 'FALSE ROLLBACK: a healthy release was aborted'
      : s.regressionPresent && s.outcome === 'promoted'
        ? 'the regression was MISSED and promoted'
        : s.regressionPresent
          ? 'a regression is present and was not caught yet'
          : 'no regression was injected';
  return [
    '',
    paint(style, 'bold', `Summary — ${s.rollout}`),
    `  outcome   ${verdict}; ${judgement}`,
    `  harmed    ${s.harmedRequests} of ${s.userRequests} user requests (${pct(s.harmedShare)}); ${s.releaseRequests} served by the release`,
    '',
    `  ${'version'.padEnd(8)} ${'image'.padEnd(24)} ${'requests'.padStart(9)}  ${'errors'.padStart(7)}  ${'p99'.padStart(9)}  ${'task ok'.padStart(7)}`,
    versionRow('stable', s.versions.stable),
    versionRow('release', s.versions.release),
  ];
}
