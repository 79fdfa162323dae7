/**
 * The compare view's reducer: one RunSnapshot per strategy, folded by the run reducer, and the
 * shared playback. Pure.
 */
import { applyPlayback, type PlaybackChange } from './playback.js';
import { reduce } from './reduce.js';
import type { Action, PlaybackSlice, RunSnapshot } from './types.js';

export type CompareAction =
  | { readonly type: 'Panel'; readonly index: number; readonly action: Action }
  | { readonly type: 'Playback'; readonly change: PlaybackChange }
  | { readonly type: 'Batch'; readonly actions: readonly CompareAction[] };

export interface CompareSnapshot {
  readonly panels: readonly RunSnapshot[];
  readonly playback: PlaybackSlice;
}

/** Example: {type: 'Panel', index: 1, action: e} folds `e` into the second panel only. */
export function reduceCompare(s: CompareSnapshot, a: CompareAction): CompareSnapshot {
  switch (a.type) {
    case 'Batch':
      return a.actions.reduce(reduceCompare, s);
    case 'Playback':
      return { ...s, playback: applyPlayback(s.playback, a.change) };
    case 'Panel':
      return { ...s, panels: s.panels.map((p, i) => (i === a.index ? reduce(p, a.action) : p)) };
  }
}

/** Every panel has its Summary: the comparison is over. Example: true once `finish()`'s actions are folded. */
export function compareFinished(s: CompareSnapshot): boolean {
  return s.panels.length > 0 && s.panels.every((p) => p.summary !== undefined);
}
