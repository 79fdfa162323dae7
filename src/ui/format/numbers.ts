/** Small number formatters for the live UI. Pure. */

/**
 * A measured value at a readable precision: three decimals below 1, two below 100, else whole.
 *
 * Example: formatValue(0.020024318671242793) === '0.020'; formatValue(4.5912) === '4.59';
 * formatValue(1234.5) === '1235'.
 */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1 ? x.toFixed(3) : a < 100 ? x.toFixed(2) : Math.round(x).toString();
}

/**
 * A measured value beside the bound it is compared with: readable precision, with more digits when
 * rounding would make it look equal to the bound (an abort on "0.015 ≥ 0.015" reads as a bug).
 * Example: formatAgainst(0.01538, '0.015') === '0.0154'; formatAgainst(0.02, '0.015') === '0.020'.
 */
export function formatAgainst(x: number, bound: string): string {
  let text = formatValue(x);
  for (let digits = 4; digits <= 8 && Number(text) === Number(bound) && x !== Number(bound); digits++) text = x.toFixed(digits);
  return text;
}

export { pct } from '../../report/numbers.js';

/** Example: secs(4.2151) === '4.22s'; secs(null) === '—'. */
export function secs(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}s`;
}

/**
 * A playback speed as simulated seconds per wall second.
 * Example: speedLabel(120) === '120×'; speedLabel(0.5) === '0.5×'.
 */
export function speedLabel(speed: number): string {
  return `${Number.isInteger(speed) ? speed : Number(speed.toFixed(2))}×`;
}

/**
 * Cuts a plain string to `width` columns with an ellipsis (strings here are single-width).
 * Example: fit('agent-rv8mt5frdr-2-2', 10) === 'agent-rv8…'; fit('ok', 10) === 'ok'.
 */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length <= width) return s;
  return width === 1 ? '…' : `${s.slice(0, width - 1)}…`;
}
