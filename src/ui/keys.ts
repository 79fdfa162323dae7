/** Key → command, for the live UI's key bindings (DESIGN §7). Pure. */
import type { OperatorActionName } from '../model/scenario.js';
import type { PlaybackChange } from './state/playback.js';

export type Command =
  | { readonly kind: 'playback'; readonly change: PlaybackChange }
  | { readonly kind: 'operator'; readonly action: OperatorActionName }
  | { readonly kind: 'quit' }
  /** Ctrl+C: stop now, as a shell's Ctrl-C stops any program (exit 130), not `q`'s finish-and-summarize. */
  | { readonly kind: 'interrupt' };

const OPERATOR: Readonly<Record<string, OperatorActionName>> = { p: 'promote', P: 'promoteFull', a: 'abort', r: 'retry' };

/**
 * Example: keyCommand(' ', {}) → playback togglePause; keyCommand('f', {}) → playback
 * toggleFastForward; keyCommand('P', {}) → operator promoteFull;
 * keyCommand('c', {ctrl: true}) → interrupt; keyCommand('x', {}) → undefined.
 */
export function keyCommand(input: string, key: { readonly ctrl?: boolean }): Command | undefined {
  if (key.ctrl === true) return input === 'c' ? { kind: 'interrupt' } : undefined;
  if (input === ' ') return { kind: 'playback', change: 'togglePause' };
  if (input === 'f') return { kind: 'playback', change: 'toggleFastForward' };
  if (input === '+' || input === '=') return { kind: 'playback', change: 'faster' };
  if (input === '-' || input === '_') return { kind: 'playback', change: 'slower' };
  if (input === 'q') return { kind: 'quit' };
  const action = OPERATOR[input];
  return action === undefined ? undefined : { kind: 'operator', action };
}
