/** Number formats every reporter shares (text, live view, verdict table). Pure. */

/** Example: pct(0.0201) === '2.01%'; pct(0.94512, 1) === '94.5%'; pct(null) === '—'. */
export function pct(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}
