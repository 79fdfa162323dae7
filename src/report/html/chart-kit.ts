/**
 * What every chart of a report shares: the palette, the time axis in minutes over one domain (so
 * the charts of a page line up: the same plot width and a y-axis area of fixed width), and the
 * Vega-Lite config. Pure data: the specs are plain JSON, rendered by vega-render.ts.
 */
import type { AnalysisPhase } from '../../model/events.js';
import { maxOf } from '../../model/numbers.js';
import type { Ms } from '../../model/time.js';
import type { Tone } from './run-view.js';
import type { VlSpec } from './vega-render.js';

/**
 * The plot area's width in px for a wide screen or paper, and for a phone: each chart is drawn at
 * both and the page shows the one that fits (page.ts), so a phone never shrinks 11 px labels to 6.
 */
export const PLOT_WIDTHS = { wide: 600, narrow: 300 } as const;
export type Width = keyof typeof PLOT_WIDTHS;
/** A line chart's plot height in px (the timeline band sets its own, by lanes). */
export const PLOT_HEIGHT = 150;

export const TONE_COLOR: Record<Tone, string> = { good: '#2e7d32', bad: '#c62828', wait: '#f9a825', busy: '#1565c0', step: '#90a4ae' };
export const PHASES: readonly AnalysisPhase[] = ['Successful', 'Failed', 'Error', 'Inconclusive', 'Running', 'Pending'];
export const PHASE_COLOR: readonly string[] = ['#2e7d32', '#c62828', '#6a1b9a', '#f9a825', '#1565c0', '#90a4ae'];
/** Colour-blind-safe categorical colours (Okabe–Ito), for versions and strategies. */
export const SERIES_COLOR: readonly string[] = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'];

/** A series in the page's legend: its colour and, for lines that may coincide, its dash pattern. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
}

/** Sim ms as minutes to 1/10000 (the axis unit). Example: minutes(320000) === 5.3333. */
export function minutes(t: Ms): number {
  return Math.round(t / 6) / 10000;
}

/** The shared x encoding: minutes from 0 to the end of the run. */
export function timeX(field: string, endMinutes: number, title: string | null = 'minutes since the run started'): Record<string, unknown> {
  return { field, type: 'quantitative', scale: { domain: [0, endMinutes], nice: false, zero: true }, axis: { title, tickMinStep: 1, grid: true } };
}

/**
 * A chart: `layers` over one time axis, titled, with the report's config; `subtitle` is its
 * `description` (the page's caption, and the SVG's aria label). `yExtent` is the width
 * reserved for the y axis's labels (the same on every chart of a page so the time axes line up).
 * Example: chart('Error rate', [lineLayer], 58, undefined, 'wide') → {title: {text: 'Error rate', …}, width: 600, layer: [lineLayer], config: …}.
 */
export function chart(title: string, layers: readonly VlSpec[], yExtent: number, subtitle: string | undefined, width: Width, usermeta?: { legend: readonly LegendItem[] }): VlSpec {
  return {
    // Legends are drawn by the page (they wrap on a phone; one inside the chart widens it): see page.ts.
    ...(usermeta === undefined ? {} : { usermeta }),
    title: { text: title, anchor: 'start' },
    // The subtitle goes under the chart as HTML (page.ts), where it wraps at any width.
    ...(subtitle === undefined ? {} : { description: subtitle }),
    width: PLOT_WIDTHS[width],
    height: PLOT_HEIGHT,
    layer: layers,
    // Each layer colours by its own field (versions, phases, marker kinds): scales apart, time shared.
    ...(layers.length > 1 ? { resolve: { scale: { color: 'independent', fill: 'independent' } } } : {}),
    config: config(yExtent),
  };
}

function config(yExtent: number): VlSpec {
  return {
    font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
    background: '#ffffff',
    padding: { left: 4, right: 12, top: 4, bottom: 4 },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
    axisY: { title: null, minExtent: yExtent, maxExtent: yExtent },
    title: { fontSize: 14 },
    view: { stroke: null },
    line: { strokeWidth: 2 },
  };
}

/** A nominal colour scale over fixed values (the legend never depends on which values occur). */
export function fixedScale(domain: readonly string[], range: readonly string[]): Record<string, unknown> {
  return { domain: [...domain], range: range.slice(0, Math.max(1, domain.length)) };
}

/** The series colours for `names`, cycling past the palette. Example: seriesColors(['a', 'b']) → ['#0072b2', '#e69f00']. */
export function seriesColors(names: readonly string[]): string[] {
  return names.map((_, i) => SERIES_COLOR[i % SERIES_COLOR.length] as string);
}

/**
 * The y-axis area for nominal labels (lanes, workload names), as Vega sizes it without a canvas:
 * 0.8 × the 11 px font a character, plus tick and padding; within 48…190 px. The same on every
 * chart of a page, so the time axes line up.
 * Example: yExtentFor(['analysis']) === 79; yExtentFor(['agent-canary']) === 114.
 */
export function yExtentFor(labels: readonly string[]): number {
  const longest = maxOf(labels.map((l) => l.length), 0);
  return Math.min(190, Math.max(48, Math.ceil(longest * 8.8 + 8)));
}

/** A vertical line (and its label above the plot) at each instant of `rows` ({t, label, kind}), coloured by kind. */
export function markerLayers(rows: readonly { t: number; label: string; kind: string }[], endMinutes: number): VlSpec[] {
  if (rows.length === 0) return [];
  const color = { field: 'kind', type: 'nominal', scale: fixedScale(['aborted', 'promoted', 'operator'], ['#c62828', '#2e7d32', '#6a1b9a']), legend: null };
  return [
    { name: 'markers', data: { values: rows }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: timeX('t', endMinutes), color } },
    { name: 'marker_labels', data: { values: rows }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 0, fontSize: 10, fontWeight: 'bold' }, encoding: { x: timeX('t', endMinutes), text: { field: 'label' }, color } },
  ];
}
