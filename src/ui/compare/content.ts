/**
 * A compare panel's lines for a set of features: the blocks of blocks.ts in reading order. The
 * layout measures panels with it and the panel component draws the same lines, so what is
 * measured is what is drawn. Pure.
 */
import { analysisLines, eventLines, harmLines, sparkLines, statusLines, titleLines, trafficLines, whyLines, type PanelVariant } from './blocks.js';
import type { Line } from '../format/spans.js';
import type { RunSnapshot } from '../state/types.js';

/**
 * What a panel may show besides its title, in the order the layout gives them up (the last
 * first). `explain` is the verdict's plain sentences under the panels (final screen only);
 * `sparkKey` is one sparkline row (the metric an analysis judges), `sparkAll` all three.
 */
export type Feature = 'why' | 'harm' | 'explain' | 'status' | 'analysis' | 'traffic' | 'sparkKey' | 'sparkAll';

/** While playing: the why and the harm are what a reader compares; sparklines go first. */
export const LIVE_ORDER: readonly Feature[] = ['why', 'harm', 'status', 'analysis', 'traffic', 'sparkKey', 'sparkAll'];
/**
 * The final screen: the verdict table under the panels carries every harm figure whole, so a
 * panel's harm line goes before the verdict's sentences do.
 */
export const FINAL_ORDER: readonly Feature[] = ['why', 'explain', 'harm', 'analysis', 'status', 'traffic', 'sparkKey', 'sparkAll'];

/** Columns a side-by-side panel's text gets inside its border and padding. */
export const SIDE_CHROME = 4;
/** A stacked panel's lines under its title are indented by this much. */
export const STACKED_INDENT = 2;

/**
 * The panel's lines, border excluded. `width` is the panel's outer width. Side by side, a rule
 * `─ events ─…` precedes the events.
 * Example: the canary of flagship at 6m40s, side, 40 columns, every feature, 3 events →
 * '✖ agent-canary canary', 'Status ✖ Degraded · Step 0/6', …, '─ events ───', three event lines.
 */
export function panelLines(s: RunSnapshot, strategy: string, width: number, variant: PanelVariant, features: ReadonlySet<Feature>, events: number): Line[] {
  const inner = variant === 'side' ? width - SIDE_CHROME : width - STACKED_INDENT;
  const has = (f: Feature): boolean => features.has(f);
  const body: Line[] = [
    ...(variant === 'side' && has('status') ? statusLines(s, inner) : []),
    ...(has('traffic') ? trafficLines(s, inner, variant) : []),
    ...(has('harm') ? harmLines(s, inner) : []),
    ...(has('why') ? whyLines(s, inner) : []),
    ...(has('analysis') ? analysisLines(s, inner) : []),
    ...(has('sparkAll') ? sparkLines(s, inner, 'all') : has('sparkKey') ? sparkLines(s, inner, 'key') : []),
  ];
  const listed = eventLines(s, events, inner);
  const rule: Line[] = variant === 'side' && listed.length > 0 ? [[{ text: '─ events '.padEnd(inner, '─'), tone: 'dim' }]] : [];
  const indent = (l: Line): Line => (variant === 'stacked' ? [{ text: ' '.repeat(STACKED_INDENT) }, ...l] : l);
  return [...titleLines(s, strategy, variant === 'side' ? inner : width, variant), ...[...body, ...rule, ...listed].map(indent)];
}
