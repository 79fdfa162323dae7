/** Playback changes from the keys: faster (×2), slower (÷2), pause/resume. Pure. */
import type { PlaybackSlice } from './types.js';

export type PlaybackChange = 'faster' | 'slower' | 'togglePause';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 61_440;

/**
 * Example: applyPlayback({speed: 60, paused: false}, 'faster') → {speed: 120, paused: false};
 * applyPlayback({speed: 0.25, paused: false}, 'slower') keeps 0.25 (the floor).
 */
export function applyPlayback(p: PlaybackSlice, change: PlaybackChange): PlaybackSlice {
  switch (change) {
    case 'faster':
      return { ...p, speed: Math.min(MAX_SPEED, p.speed * 2) };
    case 'slower':
      return { ...p, speed: Math.max(MIN_SPEED, p.speed / 2) };
    case 'togglePause':
      return { ...p, paused: !p.paused };
  }
}
