/**
 * What the compare screen shows at a terminal size: panels side by side when each can have about
 * 40 columns, stacked otherwise; as many recent events per panel as the rows allow. Pure.
 */
export interface CompareLayout {
  readonly sideBySide: boolean;
  readonly panelWidth: number;
  /** Recent events listed in each panel. */
  readonly events: number;
  /** Stacked panels: include the harmed/why line. */
  readonly detail: boolean;
}

export const PANEL_MIN_WIDTH = 40;
/** Lines of a side-by-side panel besides its events: border 2, title, status, step, traffic, pods, harmed, why ×2, events title. */
const SIDE_FIXED = 11;
/** Lines of a stacked panel besides its events: title+status, traffic+pods, harmed+why. */
const STACKED_FIXED = 3;

/**
 * `extra` counts the lines under the panels (the verdict block at the end), besides the title and
 * status lines. Example: 3 panels at 120×40 → side by side, 40 columns each, 12 events;
 * at 80×24 → stacked, 80 columns, 3 events each.
 */
export function compareLayout(panels: number, columns: number, rows: number, extra = 0): CompareLayout {
  const n = Math.max(1, panels);
  const budget = rows - 1 - 2 - extra;
  if (columns >= n * PANEL_MIN_WIDTH) {
    return { sideBySide: true, panelWidth: Math.floor(columns / n), events: clamp(budget - SIDE_FIXED, 0, 12), detail: true };
  }
  const per = Math.floor(budget / n);
  const detail = per >= STACKED_FIXED;
  return { sideBySide: false, panelWidth: columns, events: clamp(per - (detail ? STACKED_FIXED : 2), 0, 6), detail };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
