/** The traffic bar and pod dots. Pure. */
import type { LivePodState } from '../../model/events.js';

/**
 * Cells of a `width`-wide bar given to the release for `share` percent: rounded, but never 0
 * cells for a non-zero share nor all cells for a share under 100.
 *
 * Example: releaseCells(20, 20) === 4; releaseCells(1, 20) === 1; releaseCells(99, 20) === 19.
 */
export function releaseCells(share: number, width: number): number {
  const n = Math.round((share / 100) * width);
  if (share > 0 && n === 0) return Math.min(1, width);
  if (share < 100 && n === width) return Math.max(0, width - 1);
  return n;
}

export const POD_GLYPH: Record<LivePodState, string> = { ready: '●', starting: '◌', terminating: '○' };

/**
 * One dot per pod, cut to `max` dots with a `+n` tail.
 *
 * Example: podDots(['ready', 'ready', 'starting'], 10) === '●●◌'; podDots(12 × 'ready', 5) === '●●●●+8'.
 */
export function podDots(pods: readonly LivePodState[], max: number): string {
  if (pods.length <= max) return pods.map((p) => POD_GLYPH[p]).join('');
  const keep = Math.max(0, max - 1);
  return pods.slice(0, keep).map((p) => POD_GLYPH[p]).join('') + `+${pods.length - keep}`;
}
