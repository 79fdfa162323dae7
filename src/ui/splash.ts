/**
 * The line a live view shows before anything else: on a loaded machine, loading the UI's
 * libraries and building the simulations takes seconds, so the CLI writes this at once (no ink,
 * nothing heavy imported), and the live view's first frame takes its place.
 */
import type { Terminal } from './terminal.js';

/**
 * Example: splashText('compare', 'flagship', 7, 120) === 'rollout-sim compare · flagship · seed 7 · simulating…';
 * cut to the width (less one column, so it never wraps).
 */
export function splashText(command: 'run' | 'compare', scenario: string, seed: number, columns: number): string {
  const text = `rollout-sim ${command} · ${scenario} · seed ${seed} · simulating…`;
  const room = Math.max(1, columns - 1);
  return [...text].length <= room ? text : `${[...text].slice(0, room - 1).join('')}…`;
}

let shown: NodeJS.WriteStream | undefined;

/** Writes the splash line, leaving the cursor on it (the live view erases it before its first frame). */
export function showSplash(terminal: Terminal, command: 'run' | 'compare', scenario: string, seed: number): void {
  terminal.stdout.write(splashText(command, scenario, seed, terminal.stdout.columns || 80));
  shown = terminal.stdout;
}

/** Erases the splash line, if one is on `out` (a carriage return and erase-line: ink draws from there). */
export function clearSplash(out: NodeJS.WriteStream): void {
  if (shown !== out) return;
  out.write('\r\u001b[2K');
  shown = undefined;
}
