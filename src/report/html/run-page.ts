/**
 * The sections of one run's report, in page order: the plugin-style header, the timeline band with
 * the why of each transition, weight and pods, the per-version charts, the measurements table and
 * the Summary with harm explained. Pure: a RunView and its rendered charts in, HTML out.
 */
import type { SummaryFields, VersionFigures } from '../../model/events.js';
import { pluginStrategy, strategyName } from '../../model/strategy.js';
import { formatDuration } from '../../model/time.js';
import { judgeText } from '../judge-text.js';
import { pct } from '../numbers.js';
import { outcomeLine, requestsLine } from '../summary-text.js';
import { measurementValue } from '../text.js';
import { PHASE_COLOR, PHASES, TONE_COLOR } from './chart-kit.js';
import { esc, figure, table, type ChartSvg } from './page.js';
import type { RunView } from './run-view.js';
import { versionName } from './specs-run.js';

/** Rendered charts by name (specs-run.ts names them). */
export type Charts = ReadonlyMap<string, ChartSvg>;

const STATUS_GLYPH: Record<string, string> = { Healthy: '✔', Degraded: '✖', Paused: '‖', Progressing: '◌' };

/**
 * The terminal's glyphs as a page shows them: the plugin's paused sign (Devanagari '॥') is missing
 * from most fonts a browser falls back to, so the page draws the double bar. Example: '॥' → '‖'.
 */
function pageGlyph(g: string): string {
  return g === '॥' ? '‖' : g;
}

/** A `Label:   value` line of the plugin's header. Example: kv('Name', 'agent') === 'Name:            agent'. */
function kv(label: string, value: string, indent = 0): string {
  return `${' '.repeat(indent)}${`${label}:`.padEnd(17 - indent)}${value}`;
}

/** The plugin's `kubectl argo rollouts get rollout` header at the end of the run (plain text, escaped). */
export function pluginHeader(v: RunView): string {
  const s = v.start;
  const f = v.final;
  const status = f.phase === null ? 'Unknown' : `${STATUS_GLYPH[f.phase] ?? ''} ${f.phase}`;
  const lines = [kv('Name', s.rollout), kv('Namespace', s.namespace), kv('Status', status)];
  if (f.message !== '') lines.push(kv('Message', f.message));
  lines.push(kv('Strategy', s.kind === 'Deployment' ? 'RollingUpdate (apps/v1 Deployment)' : pluginStrategy(s.strategy)));
  if (s.strategy === 'canary' && s.steps.length > 0 && f.stepIndex !== null) lines.push(kv('Step', `${f.stepIndex}/${s.steps.length}`, 2));
  if (s.strategy === 'canary') lines.push(kv('SetWeight', String(f.canaryWeight), 2), kv('ActualWeight', String(f.actualWeight), 2));
  const releasePods = f.pods.find((p) => p.hash === s.releaseHash)?.pods ?? '';
  const stablePods = f.pods.find((p) => p.hash === s.stableHash)?.pods ?? '';
  const bg = s.strategy === 'blueGreen';
  // Once promoted the release is the stable (and active) version; the old one stays listed while its pods remain.
  const images = v.summary.outcome === 'promoted'
    ? [`${s.releaseImage} (stable${bg ? ', active' : ''})`, ...(stablePods.length > 0 ? [s.stableImage] : [])]
    : [`${s.stableImage} (stable${bg ? ', active' : ''})`, ...(releasePods.length > 0 ? [`${s.releaseImage} (${bg ? 'preview' : 'canary'})`] : [])];
  images.forEach((image, i) => lines.push(i === 0 ? kv('Images', image) : `${' '.repeat(17)}${image}`));
  const all = f.pods.map((p) => p.pods).join('');
  const ready = [...all].filter((c) => c === 'r').length;
  lines.push('Replicas:', kv('Desired', String(s.replicas), 2), kv('Current', String(all.length), 2), kv('Updated', String(releasePods.length), 2), kv('Ready', String(ready), 2));
  return `<pre class="plugin">${esc(lines.join('\n'))}</pre>\n`;
}

/** The ReplicaSets at the end: one row each, pods as the Sample lists them. */
function replicaSets(v: RunView): string {
  const rows = v.final.pods.map((p) => {
    const n = (c: string): string => String([...p.pods].filter((x) => x === c).length);
    return [esc(`${v.start.rollout}-${p.hash}`), esc(versionName(v, p.hash)), n('r'), n('s'), n('t')];
  });
  return rows.length === 0 ? '' : table(['ReplicaSet', 'version', 'ready', 'starting', 'terminating'], rows, [2, 3, 4]);
}

/** The transitions, one a line: time, glyph, the timeline's words (the why is in them). */
function transitions(v: RunView): string {
  const items = v.transitions.map((t) => `<li><span class="t">${esc(formatDuration(Math.round(t.t / 100) * 100))}</span><span>${esc(pageGlyph(t.glyph))}</span><span class="text">${esc(t.text)}</span></li>`);
  return `<ol class="why">\n${items.join('\n')}\n</ol>\n`;
}

/** The analysis metrics: what each measured and what it required. */
function metrics(v: RunView): string {
  if (v.start.metrics.length === 0) return '<p class="muted">No analysis: nothing measured the release, so nothing could roll it back.</p>\n';
  const rows = v.start.metrics.map((m) => [
    esc(m.template), esc(m.name), m.query === null ? '<span class="muted">(not a query)</span>' : `<code>${esc(m.query.trim())}</code>`,
    m.successCondition === null ? '—' : `<code>${esc(m.successCondition)}</code>`, m.failureCondition === null ? '—' : `<code>${esc(m.failureCondition)}</code>`, String(m.failureLimit),
  ]);
  return table(['template', 'metric', 'query', 'successCondition', 'failureCondition', 'failureLimit'], rows, [5]);
}

export function measurementsTable(v: RunView): string {
  if (v.measurements.length === 0) return '<p class="muted">No measurements were taken.</p>\n';
  const rows = v.measurements.map((m) => [
    esc(formatDuration(m.t)), esc(m.run), esc(m.metric), `<code>${esc(measurementValue(m.value))}</code>`, `<span class="phase-${esc(m.phase)}">${esc(m.phase)}</span>`,
    // A kayenta measurement has no message (Argo stores none); its judgement says why.
    esc([m.message, m.judge === undefined ? '' : judgeText(m.judge)].filter((x) => x !== '').join(' — ')),
  ]);
  return table(['at', 'AnalysisRun', 'metric', 'value', 'phase', 'message'], rows, [0]);
}

/** The outcome's tone for the verdict box. */
export function outcomeTone(s: SummaryFields): 'bad' | 'good' | 'wait' {
  if (s.caught) return 'good';
  if (s.falseRollback || (s.regressionInEffect && s.outcome === 'promoted') || (s.regressionConfigured && s.outcome === 'promoted' && s.harmedRequests > 0)) return 'bad';
  return s.outcome === 'promoted' ? 'good' : 'wait';
}

/**
 * Harm in words: what counts, how much, and who served it.
 * Example: '52 of the 71830 completed user requests (0.07%) were harmed: …'.
 */
export function harmText(s: SummaryFields): string {
  const counted = 'A request is harmed when the release erred on it, failed its task, or missed the latency SLO where the stable version, given the same random draws, would not have (the counterfactual). Synthetic tests and mirrored copies are never harm.';
  const share = s.completedRequests === 0 ? '' : ` The release served ${s.releaseRequests} of them (${pct(s.releaseRequests / s.completedRequests)}): harm can only come from those.`;
  return `<p><strong>${s.harmedRequests}</strong> of the ${s.completedRequests} completed user requests (${pct(s.harmedShare)}) were harmed.${share}</p>\n<p class="muted">${counted}</p>\n`;
}

function versionRow(label: string, f: VersionFigures): string[] {
  return [esc(label), esc(f.image), String(f.requests), pct(f.errorRate), f.p99 === null ? '—' : esc(formatDuration(f.p99)), pct(f.taskSuccess)];
}

/** The Summary section: outcome, requests, harm explained, per-version figures. */
export function summarySection(s: SummaryFields): string {
  const rows = [versionRow('stable', s.versions.stable), versionRow('release', s.versions.release)];
  if (s.mirrored !== null) rows.push(versionRow('mirrored copies', s.mirrored));
  return [
    `<div class="verdict ${outcomeTone(s)}"><strong>${esc(outcomeLine(s, { color: false }))}</strong></div>\n`,
    `<p>${esc(requestsLine(s))}.</p>\n`,
    harmText(s),
    table(['version', 'image', 'completed', 'errors', 'p99', 'task ok'], rows, [2, 3, 4, 5]),
  ].join('');
}

function warnings(v: RunView): string {
  if (v.warnings.length === 0) return '';
  const items = v.warnings.map((w) => `<li>${esc(`${w.file}:${w.line}:${w.column} ${w.path}: ${w.message}${w.suggestion === '' ? '' : ` — ${w.suggestion}`}`)} <span class="muted">(${esc(w.rule)})</span></li>`);
  return `<h3>Load-time warnings</h3>\n<ul class="warnings">\n${items.join('\n')}\n</ul>\n`;
}

/** A legend in HTML (it wraps at any width, unlike one drawn inside the chart). Example: swatches([['Failed', '#c62828']], '●'). */
export function swatches(items: readonly (readonly [string, string])[], glyph: string): string {
  return items.map(([label, color]) => `<span class="sw"><span style="color:${color}">${glyph}</span> ${esc(label)}</span>`).join(' ');
}

const MEASURED = `measurements: ${swatches(PHASES.slice(0, 4).map((p, i) => [p, PHASE_COLOR[i] as string]), '●')} · <span style="color:#c62828">- - -</span> the analysis threshold`;
export const TONE_LEGEND = swatches([['progressing / running', TONE_COLOR.busy], ['paused / inconclusive', TONE_COLOR.wait], ['healthy / successful', TONE_COLOR.good], ['degraded / failed / aborted', TONE_COLOR.bad], ['step', TONE_COLOR.step]], '■');

/** The run's sections. `level` is the heading level of the section titles (2 alone, 3 inside a compare page). */
export function runSections(v: RunView, charts: Charts, level: 2 | 3 = 2): string {
  const h = (text: string): string => `<h${level}>${text}</h${level}>\n`;
  const c = (name: string, caption?: string): string => figure(name, charts.get(name), caption);
  const s = v.start;
  return [
    pluginHeader(v),
    `<p class="muted">${esc(strategyName({ type: s.strategy, router: s.router }))} · ${s.replicas} replicas · ${esc(s.stableImage)} → ${esc(s.releaseImage)} · ${s.steps.length} steps · scrape every ${esc(formatDuration(s.scrapeInterval))}</p>\n`,
    warnings(v),
    h('Timeline'), c('timeline', TONE_LEGEND), transitions(v),
    h('Traffic'), c('weight'), c('pods'), replicaSets(v),
    h('Versions'), c('errorRate', MEASURED), c('p99', MEASURED), c('taskSuccess', MEASURED),
    h('Analysis'), metrics(v), measurementsTable(v),
    h('Summary'), summarySection(v.summary), c('harm'),
  ].join('');
}
