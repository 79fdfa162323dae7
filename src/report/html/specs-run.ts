/**
 * The Vega-Lite specs of one run's report: the timeline band, the weight and pods over time, one
 * chart per version figure (error rate, p99, task success) with the analysis thresholds and the
 * measurements coloured by phase, and harm accumulating. Pure: a RunView in, plain JSON out.
 */
import { formatDuration } from '../../model/time.js';
import { chart, PLOT_WIDTHS, type LegendItem, type Width, fixedScale, markerLayers, minutes, PHASE_COLOR, PHASES, seriesColors, timeX, TONE_COLOR, yExtentFor } from './chart-kit.js';
import type { RunView, Tone } from './run-view.js';
import { figureOf, measuredNumber, thresholdsOf, type Figure } from './thresholds.js';
import type { VlSpec } from './vega-render.js';

/** A named chart of the page. `figure` is the data-chart name the page (and the browser test) use. */
export interface NamedSpec {
  readonly name: string;
  readonly spec: VlSpec;
}

const LANES = ['phase', 'steps', 'pauses', 'analysis'] as const;
const TONES = Object.keys(TONE_COLOR) as Tone[];
/** The y axis's width on every chart of a run page (the lane names and numbers fit). */
const Y_EXTENT = yExtentFor(['analysis']);

/** A bar never thinner than this share of the axis: an analysis decided in one instant still shows. */
const MIN_BAR = 0.004;

/**
 * The version a Sample's hash is: stable or release (with its image), an Experiment's template,
 * or the hash itself. Example: 'rv8mt5frdr' → 'release agent:v2'; an experiment's baseline →
 * 'experiment baseline agent:v1'.
 */
export function versionName(view: RunView, hash: string): string {
  if (hash === view.start.stableHash) return `stable ${view.start.stableImage}`;
  if (hash === view.start.releaseHash) return `release ${view.start.releaseImage}`;
  return view.experimentArms[hash] ?? hash;
}

/** Every chart of a run's page, in page order. */
export function runSpecs(view: RunView, w: Width): NamedSpec[] {
  const end = minutes(view.end);
  const figures: NamedSpec[] = (['errorRate', 'p99', 'taskSuccess'] as const).map((f) => ({ name: f, spec: figureSpec(view, f, end, w) }));
  return [{ name: 'timeline', spec: timelineSpec(view, end, w) }, { name: 'weight', spec: weightSpec(view, end, w) }, { name: 'pods', spec: podsSpec(view, end, w) }, ...figures, { name: 'harm', spec: harmSpec(view, end, w) }];
}

function timelineSpec(view: RunView, end: number, w: Width): VlSpec {
  const bands = view.bands.map((b) => ({ lane: b.lane, start: minutes(b.start), end: Math.max(minutes(b.end), minutes(b.start) + end * MIN_BAR), label: b.label, tone: b.tone }));
  const layers: VlSpec[] = [
    {
      name: 'bands', data: { values: bands }, mark: { type: 'bar', cornerRadius: 2, height: { band: 0.7 } },
      encoding: {
        x: timeX('start', end), x2: { field: 'end' },
        y: { field: 'lane', type: 'nominal', sort: [...LANES], scale: { domain: [...LANES] }, axis: { title: null, grid: false } },
        color: { field: 'tone', type: 'nominal', scale: fixedScale(TONES, TONES.map((t) => TONE_COLOR[t])), legend: null },
      },
    },
    ...markerLayers(view.markers.map((m) => ({ t: minutes(m.t), label: m.label, kind: m.kind })), end),
  ];
  return { ...chart('Timeline', layers, Y_EXTENT, 'phase · steps · pauses · analysis runs; dashed lines: abort, promotion, operator', w), height: { step: 20 } };
}

/** A step line over [0, end]: each value holds until the next. */
function stepLine(name: string, rows: readonly Record<string, unknown>[], y: string, end: number, extra: Record<string, unknown> = {}, yFormat?: string): VlSpec {
  return {
    name, data: { values: rows }, mark: { type: 'line', interpolate: 'step-after' },
    encoding: { x: timeX('t', end), y: { field: y, type: 'quantitative', ...(yFormat === undefined ? {} : { axis: { format: yFormat } }) }, ...extra },
  };
}

function weightSpec(view: RunView, end: number, w: Width): VlSpec {
  const rows = view.weights.map((w) => ({ t: minutes(w.t), weight: w.weight }));
  const last = view.weights[view.weights.length - 1];
  if (last !== undefined) rows.push({ t: end, weight: last.weight });
  const what = view.start.strategy === 'blueGreen' ? 'users on the release (the active Service)' : view.start.strategy === 'rollingUpdate' ? 'new pods, % of ready pods' : 'canary weight, %';
  return chart('Weight', [stepLine('series', rows, 'weight', end, {}, 'd')], Y_EXTENT, what, w);
}

function podsSpec(view: RunView, end: number, w: Width): VlSpec {
  const rows = view.samples.flatMap((s) => s.replicaSets.map((rs) => ({ t: minutes(s.t), version: versionName(view, rs.hash), ready: count(rs.pods, 'r') })));
  const names = versionsOf(view);
  return chart('Ready pods', [stepLine('series', rows, 'ready', end, { color: versionColor(names) }, 'd')], Y_EXTENT, 'per ReplicaSet, at each scrape', w, versionLegend(names));
}

/** Example: count('rrsr', 'r') === 3. */
function count(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}

/** The versions in the Samples, stable first. */
function versionsOf(view: RunView): string[] {
  const names = [versionName(view, view.start.stableHash), versionName(view, view.start.releaseHash)];
  for (const s of view.samples) for (const v of s.versions) if (!names.includes(versionName(view, v.hash))) names.push(versionName(view, v.hash));
  return names;
}

function versionLegend(names: readonly string[]): { legend: LegendItem[] } {
  const colors = seriesColors(names);
  return { legend: names.map((label, i) => ({ label, color: colors[i] as string })) };
}

function versionColor(names: readonly string[]): Record<string, unknown> {
  return { field: 'version', type: 'nominal', scale: fixedScale(names, seriesColors(names)), legend: null };
}

const FIGURE_TITLE: Record<Figure, [string, string]> = {
  errorRate: ['Error rate', 'per version over the last minute; measurements as the analysis saw them'],
  p99: ['p99 latency (seconds)', 'per version over the last minute; measurements as the analysis saw them'],
  taskSuccess: ['Task success', 'per version over the last minute; measurements as the analysis saw them'],
};

/** The chart's value for a Sample figure (p99 in seconds, as queries measure it). */
function sampleValue(f: Figure, v: { errorRate: number | null; p99: number | null; taskSuccess: number | null }): number | null {
  if (f === 'p99') return v.p99 === null ? null : Math.round(v.p99) / 1000;
  return v[f];
}

/** The figure's measurements that have a number, as chart points. */
export function chartedMeasurements(view: RunView, f: Figure): { t: number; value: number; phase: string; metric: string }[] {
  const on = new Set(view.start.metrics.filter((m) => figureOf(m) === f).map((m) => m.name));
  return view.measurements.flatMap((m) => {
    const value = on.has(m.metric) ? measuredNumber(m.value) : null;
    return value === null ? [] : [{ t: minutes(m.t), value, phase: m.phase, metric: m.metric }];
  });
}

function figureSpec(view: RunView, f: Figure, end: number, w: Width): VlSpec {
  const names = versionsOf(view);
  const rows = view.samples.flatMap((s) => s.versions.flatMap((v) => {
    const value = sampleValue(f, v);
    return value === null ? [] : [{ t: minutes(s.t), version: versionName(view, v.hash), value }];
  }));
  const format = f === 'p99' ? '.1f' : f === 'errorRate' ? '.1%' : '.0%';
  const layers: VlSpec[] = [{
    name: 'series', data: { values: rows }, mark: { type: 'line', interpolate: 'linear' },
    encoding: { x: timeX('t', end), y: { field: 'value', type: 'quantitative', scale: { zero: f !== 'taskSuccess' }, axis: { format } }, color: versionColor(names) },
  }];
  const thresholds = thresholdsOf(view.start.metrics, f).map((th) => ({ value: th.value, label: `${th.metric}: ${th.condition}` }));
  if (thresholds.length > 0) {
    layers.push(
      { name: 'thresholds', data: { values: thresholds }, mark: { type: 'rule', color: '#c62828', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'value', type: 'quantitative' } } },
      { name: 'threshold_labels', data: { values: thresholds }, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, x: 'width', color: '#c62828', fontSize: 10, limit: PLOT_WIDTHS[w] - 10 }, encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } },
    );
  }
  const points = chartedMeasurements(view, f);
  if (points.length > 0) {
    layers.push({
      name: 'measurements', data: { values: points }, mark: { type: 'point', filled: true, size: 70, stroke: '#ffffff', strokeWidth: 1, opacity: 1 },
      encoding: { x: timeX('t', end), y: { field: 'value', type: 'quantitative' }, fill: { field: 'phase', type: 'nominal', scale: fixedScale(PHASES, PHASE_COLOR), legend: null } },
    });
  }
  const [title, subtitle] = FIGURE_TITLE[f];
  return chart(title, [...layers, ...markerLayers(view.markers.map((m) => ({ t: minutes(m.t), label: m.label, kind: m.kind })), end)], Y_EXTENT, subtitle, w, versionLegend(names));
}

function harmSpec(view: RunView, end: number, w: Width): VlSpec {
  const rows = [{ t: 0, harmed: 0 }, ...view.samples.map((s) => ({ t: minutes(s.t), harmed: s.harmed }))];
  rows.push({ t: end, harmed: view.summary.harmedRequests });
  const sub = `${view.summary.harmedRequests} of ${view.summary.completedRequests} completed user requests by ${formatDuration(view.end)}`;
  return chart('Harmed requests (cumulative)', [stepLine('series', rows, 'harmed', end, {}, 'd'), ...markerLayers(view.markers.map((m) => ({ t: minutes(m.t), label: m.label, kind: m.kind })), end)], Y_EXTENT, sub, w);
}
