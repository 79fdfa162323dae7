/** Key → command, for the live UI's key bindings (DESIGN §7). Pure. */
import type { OperatorActionName } from '../model/scenario.js';

export type Command =
  | { readonly kind: 'togglePause' }
  | { readonly kind: 'speed'; readonly factor: 2 | 0.5 }
  | { readonly kind: 'operator'; readonly action: OperatorActionName }
  | { readonly kind: 'quit' };

const OPERATOR: Readonly<Record<string, OperatorActionName>> = { p: 'promote', P: 'promoteFull', a: 'abort', r: 'retry' };

/**
 * Example: keyCommand(' ', {}) → togglePause; keyCommand('P', {}) → operator promoteFull;
 * keyCommand('c', {ctrl: true}) → quit; keyCommand('x', {}) → undefined.
 */
export function keyCommand(input: string, key: { readonly ctrl?: boolean }): Command | undefined {
  if (key.ctrl === true) return input === 'c' ? { kind: 'quit' } : undefined;
  if (input === ' ') return { kind: 'togglePause' };
  if (input === '+' || input === '=') return { kind: 'speed', factor: 2 };
  if (input === '-' || input === '_') return { kind: 'speed', factor: 0.5 };
  if (input === 'q') return { kind: 'quit' };
  const action = OPERATOR[input];
  return action === undefined ? undefined : { kind: 'operator', action };
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 61_440;

/** Example: nextSpeed(60, 2) === 120; nextSpeed(0.25, 0.5) === 0.25 (clamped). */
export function nextSpeed(speed: number, factor: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed * factor));
}
