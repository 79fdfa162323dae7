/**
 * What the compare screen shows at a terminal size: panels side by side when each can have about
 * 40 columns, stacked otherwise; as many recent events per panel as the rows allow. Pure.
 */
export interface CompareLayout {
  readonly sideBySide: boolean;
  readonly panelWidth: number;
  /** Recent events listed in each panel. */
  readonly events: number;
  /** Stacked panels: 3 = title, traffic and pods, harmed and why; 2 = no harmed/why; 1 = the title line. */
  readonly lines: 1 | 2 | 3;
}

export const PANEL_MIN_WIDTH = 40;
/** Lines of a side-by-side panel besides its events: border 2, title, status, weights, traffic, pods, harmed, why ×3, events title. */
const SIDE_FIXED = 12;
/** Lines of a full stacked panel besides its events: title+status, traffic+pods, harmed+why. */
const STACKED_FIXED = 3;

/**
 * `extra` counts the lines under the panels (the verdict block at the end), besides the title and
 * status lines. Example: 3 panels at 120×40 → side by side, 40 columns each, 20 events;
 * at 80×24 → stacked, 80 columns, 3 events each.
 */
export function compareLayout(panels: number, columns: number, rows: number, extra = 0): CompareLayout {
  const n = Math.max(1, panels);
  const budget = rows - 1 - 2 - extra;
  if (columns >= n * PANEL_MIN_WIDTH) {
    return { sideBySide: true, panelWidth: Math.floor(columns / n), events: clamp(budget - SIDE_FIXED, 0, 20), lines: 3 };
  }
  const per = Math.floor(budget / n);
  const lines = per >= STACKED_FIXED ? 3 : per >= 2 ? 2 : 1;
  return { sideBySide: false, panelWidth: columns, events: clamp(per - lines, 0, 6), lines };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
