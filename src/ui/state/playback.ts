/** Playback changes from the keys: faster (×2), slower (÷2), pause/resume, fast-forward. Pure. */
import type { PlaybackSlice } from './types.js';

export type PlaybackChange = 'faster' | 'slower' | 'togglePause' | 'toggleFastForward';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 61_440;

/** Normal playback at `speed`. Example: playing(60) → {speed: 60, paused: false, fastForward: false}. */
export function playing(speed: number): PlaybackSlice {
  return { speed, paused: false, fastForward: false };
}

/**
 * Fast-forward is a mode on top of the speed, which stays what normal playback returns to: `f`
 * starts it (resuming if paused) and stops it; space stops it and pauses, like a player's pause
 * button, so the next space plays at the normal speed.
 *
 * Example: applyPlayback({speed: 60, paused: false, fastForward: false}, 'faster') → {speed: 120, …};
 * applyPlayback({speed: 0.25, …}, 'slower') keeps 0.25 (the floor);
 * applyPlayback({speed: 60, paused: true, fastForward: false}, 'toggleFastForward') → {speed: 60, paused: false, fastForward: true};
 * applyPlayback({speed: 60, paused: false, fastForward: true}, 'togglePause') → {speed: 60, paused: true, fastForward: false}.
 */
export function applyPlayback(p: PlaybackSlice, change: PlaybackChange): PlaybackSlice {
  switch (change) {
    case 'faster':
      return { ...p, speed: Math.min(MAX_SPEED, p.speed * 2) };
    case 'slower':
      return { ...p, speed: Math.max(MIN_SPEED, p.speed / 2) };
    case 'togglePause':
      return { ...p, paused: !p.paused, fastForward: false };
    case 'toggleFastForward':
      return { ...p, paused: false, fastForward: !p.fastForward };
  }
}
