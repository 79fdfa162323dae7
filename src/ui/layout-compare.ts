/**
 * What the compare screen shows at a terminal size. Nothing a reader compares is ever cut: every
 * panel block is wrapped whole (compare/blocks.ts), so the layout only chooses which blocks fit,
 * giving them up in a fixed order (compare/content.ts: sparklines first, the why last), and
 * whether the panels sit side by side or stacked — whichever keeps more of them; side by side on
 * a tie. Rows left over list recent events. Pure.
 */
import { FINAL_ORDER, LIVE_ORDER, panelLines, type Feature } from './compare/content.js';
import { recentEvents } from './compare/blocks.js';
import type { RunSnapshot } from './state/types.js';
import { maxOf } from '../model/numbers.js';

export interface CompareLayout {
  readonly sideBySide: boolean;
  readonly panelWidth: number;
  /** The blocks every panel shows (and `explain`: the verdict's sentences). */
  readonly features: ReadonlySet<Feature>;
  /** Recent events listed in each panel. */
  readonly events: number;
  /** Lines the whole screen takes. */
  readonly height: number;
}

/** Side by side needs about 40 columns a panel. */
export const PANEL_MIN_WIDTH = 40;
const MAX_EVENTS_SIDE = 20;
const MAX_EVENTS_STACKED = 6;

export interface CompareSpace {
  /** Lines outside the panels: title, status line, and on the final screen the verdict table and replay line. */
  readonly fixed: number;
  /** Lines of the verdict's sentences (0 while playing). */
  readonly explain: number;
  /** The final screen (the verdict is drawn). */
  readonly final: boolean;
}

interface Panel {
  readonly snapshot: RunSnapshot;
  readonly strategy: string;
}

function panelsHeight(panels: readonly Panel[], side: boolean, width: number, features: ReadonlySet<Feature>, events: number): number {
  const heights = panels.map((p) => panelLines(p.snapshot, p.strategy, width, side ? 'side' : 'stacked', features, events).length);
  return side ? 2 + maxOf(heights, 0) : heights.reduce((a, b) => a + b, 0);
}

/**
 * Example: flagship's three panels at 120×40 while playing → side by side, 40 columns each, every
 * block and as many events as fit; at 80×24 → stacked, the sparklines given up first
 * (why, harm, analysis and traffic kept).
 */
export function compareLayout(panels: readonly Panel[], columns: number, rows: number, space: CompareSpace): CompareLayout {
  const n = Math.max(1, panels.length);
  const budget = rows - 1 - space.fixed;
  const order = space.final ? FINAL_ORDER : LIVE_ORDER;
  const arrangements = [...(columns >= n * PANEL_MIN_WIDTH ? [true] : []), false];
  let best: CompareLayout | undefined;
  for (const side of arrangements) {
    const width = side ? Math.floor(columns / n) : columns;
    for (let k = order.length; k >= 0; k--) {
      const features = new Set(order.slice(0, k));
      const explain = features.has('explain') ? space.explain : 0;
      const used = panelsHeight(panels, side, width, features, 0) + explain;
      if (used > budget && k > 0) continue;
      const events = fillEvents(panels, side, width, features, budget - explain);
      const layout = { sideBySide: side, panelWidth: width, features, events, height: space.fixed + explain + panelsHeight(panels, side, width, features, events) };
      if (best === undefined || k > best.features.size) best = layout;
      break;
    }
  }
  return best as CompareLayout;
}

/**
 * The most events each panel can list within `budget` lines: each event is a line, and a panel
 * with fewer events to list takes fewer (side by side, the `─ events` rule is one more).
 */
function fillEvents(panels: readonly Panel[], side: boolean, width: number, features: ReadonlySet<Feature>, budget: number): number {
  const max = side ? MAX_EVENTS_SIDE : MAX_EVENTS_STACKED;
  const base = panels.map((p) => ({ h: panelLines(p.snapshot, p.strategy, width, side ? 'side' : 'stacked', features, 0).length, available: recentEvents(p.snapshot.log, max).length }));
  const height = (n: number): number => {
    const hs = base.map((b) => b.h + Math.min(n, b.available) + (side && Math.min(n, b.available) > 0 ? 1 : 0));
    return side ? 2 + maxOf(hs, 0) : hs.reduce((a, b) => a + b, 0);
  };
  let n = 0;
  while (n < max && height(n + 1) <= budget) n++;
  return n;
}
