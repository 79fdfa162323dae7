/**
 * The Vega-Lite specs of a comparison: every strategy on one time axis — their phases and the
 * instants that ended them, the release's share of users, harm accumulating, and the release's
 * error rate — so who caught what, when, and at what cost reads straight down the page. Pure.
 */
import { maxOf } from '../../model/numbers.js';
import { chart, type Width, fixedScale, minutes, seriesColors, timeX, TONE_COLOR, yExtentFor } from './chart-kit.js';
import type { RunView, Tone } from './run-view.js';
import type { NamedSpec } from './specs-run.js';
import type { VlSpec } from './vega-render.js';

const TONES = Object.keys(TONE_COLOR) as Tone[];
const DASHES: readonly number[][] = [[1, 0], [7, 4], [2, 3], [10, 3, 2, 3]];

/** The charts of a compare page, in page order. */
export function compareSpecs(views: readonly RunView[], w: Width): NamedSpec[] {
  const names = views.map((v) => v.start.rollout);
  const end = minutes(maxOf(views.map((v) => v.end), 0));
  const yExtent = yExtentFor(names);
  const color = { field: 'workload', type: 'nominal', scale: fixedScale(names, seriesColors(names)), legend: null };
  // Strategies often draw the same line (two that promoted at once): dashes keep each one visible.
  const dash = { field: 'workload', type: 'nominal', scale: { domain: [...names], range: names.map((_, i) => DASHES[i % DASHES.length]) }, legend: null };
  const legend = { legend: names.map((label, i) => ({ label, color: seriesColors(names)[i] as string, dash: DASHES[i % DASHES.length] as number[] })) };
  return [
    { name: 'timeline', spec: timelineSpec(views, names, end, yExtent, w) },
    { name: 'weight', spec: chart('Users on the release, %', [line('series', weightRows(views, end), 'weight', end, { color, strokeDash: dash }, 'step-after', 'd')], yExtent, 'canary weight · active Service · share of new pods', w, legend) },
    { name: 'harm', spec: chart('Harmed requests (cumulative)', [line('series', harmRows(views, end), 'harmed', end, { color, strokeDash: dash }, 'step-after', 'd')], yExtent, 'the same user requests reached every strategy', w, legend) },
    { name: 'errorRate', spec: chart('Release error rate', [line('series', releaseErrorRows(views), 'value', end, { color, strokeDash: dash }, 'linear', '.1%')], yExtent, 'the release version over the last minute, while it served', w, legend) },
  ];
}

function line(name: string, rows: readonly object[], y: string, end: number, series: object, interpolate: string, format: string): VlSpec {
  return { name, data: { values: rows }, mark: { type: 'line', interpolate }, encoding: { x: timeX('t', end), y: { field: y, type: 'quantitative', axis: { format } }, ...series } };
}

function timelineSpec(views: readonly RunView[], names: readonly string[], end: number, yExtent: number, w: Width): VlSpec {
  const bands = views.flatMap((v) => v.bands.filter((b) => b.lane === 'phase').map((b) => ({ workload: v.start.rollout, start: minutes(b.start), end: minutes(b.end), label: b.label, tone: b.tone })));
  const markers = views.flatMap((v) => v.markers.map((m) => ({ workload: v.start.rollout, t: minutes(m.t), label: m.label, kind: m.kind })));
  const y = { field: 'workload', type: 'nominal', sort: [...names], scale: { domain: [...names] }, axis: { title: null, grid: false } };
  const kind = { field: 'kind', type: 'nominal', scale: fixedScale(['aborted', 'promoted', 'operator'], ['#7f0000', '#0b3d0b', '#4a148c']), legend: null };
  const layers: VlSpec[] = [{
    name: 'bands', data: { values: bands }, mark: { type: 'bar', height: { band: 0.6 } },
    encoding: { x: timeX('start', end), x2: { field: 'end' }, y, color: { field: 'tone', type: 'nominal', scale: fixedScale(TONES, TONES.map((t) => TONE_COLOR[t])), legend: null } },
  }];
  if (markers.length > 0) {
    layers.push(
      { name: 'markers', data: { values: markers }, mark: { type: 'tick', thickness: 3, orient: 'vertical' }, encoding: { x: timeX('t', end), y, color: kind } },
      { name: 'marker_labels', data: { values: markers }, mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, dy: -11, fontSize: 10, fontWeight: 'bold' }, encoding: { x: timeX('t', end), y, text: { field: 'label' }, color: kind } },
    );
  }
  return { ...chart('Timeline', layers, yExtent, 'each strategy’s phase: blue progressing, amber paused, green healthy, red degraded', w), height: { step: 34 } };
}

/** Each strategy's weight as a step line to the end. */
function weightRows(views: readonly RunView[], end: number): object[] {
  return views.flatMap((v) => {
    const rows = v.weights.map((w) => ({ workload: v.start.rollout, t: minutes(w.t), weight: w.weight }));
    const last = v.weights[v.weights.length - 1];
    return last === undefined ? rows : [...rows, { workload: v.start.rollout, t: end, weight: last.weight }];
  });
}

function harmRows(views: readonly RunView[], end: number): object[] {
  return views.flatMap((v) => [
    { workload: v.start.rollout, t: 0, harmed: 0 },
    ...v.samples.map((s) => ({ workload: v.start.rollout, t: minutes(s.t), harmed: s.harmed })),
    { workload: v.start.rollout, t: Math.min(end, minutes(v.end)), harmed: v.summary.harmedRequests },
  ]);
}

function releaseErrorRows(views: readonly RunView[]): object[] {
  return views.flatMap((v) => v.samples.flatMap((s) => {
    const r = s.versions.find((x) => x.hash === v.start.releaseHash);
    return r === undefined || r.errorRate === null ? [] : [{ workload: v.start.rollout, t: minutes(s.t), value: r.errorRate }];
  }));
}
