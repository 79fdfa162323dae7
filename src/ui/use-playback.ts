/**
 * Real-time playback: the only wall-clock code of the program. Every tick (~100 ms) it advances
 * sim time by speed × elapsed wall time, folds what happened into the snapshot, and at `until`
 * (or on quit) finishes the run. The clock is injected (XState's `Clock`), so tests drive ticks
 * by hand; the default is the host's `Date.now` and `setInterval`.
 */
import { useEffect, useRef } from 'react';
import type { Ms } from '../model/time.js';
import type { Driver } from './driver.js';
import type { PlaybackSlice } from './state/types.js';

export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const hostClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export const TICK_MS = 100;
/**
 * The most wall time one tick may account for: if the core falls behind (a heavy scenario at a
 * high speed), playback slows down instead of asking for ever larger steps.
 */
export const MAX_TICK_MS = 400;

/**
 * The sim instant a tick reaches: `speed` sim seconds per wall second, capped at `until`.
 * Example: nextSimTime({now: 60_000, speed: 60, elapsed: 100, until: 3_600_000}) === 66_000.
 */
export function nextSimTime(o: { now: Ms; speed: number; elapsed: number; until: Ms }): Ms {
  return Math.min(o.until, o.now + Math.floor(o.speed * o.elapsed));
}

/** One tick as a plain object, so it can be driven without React or a clock. */
export interface Ticker {
  /** Advances by `elapsed` wall ms at the playback's speed (nothing while paused or finished). */
  tick(elapsed: number, playback: PlaybackSlice): void;
  /** Finishes now (the `q` key): the Summary is folded in at the current sim time. */
  quit(): void;
  readonly done: () => boolean;
}

/** Example: createTicker(driver, dispatch).tick(100, {speed: 60, paused: false}) runs 6 sim seconds. */
export function createTicker<A>(driver: Driver<A>, dispatch: (batch: readonly A[]) => void): Ticker {
  let done = false;
  const finish = (before: readonly A[]): void => {
    done = true;
    dispatch([...before, ...driver.finish()]);
  };
  return {
    tick(elapsed, playback) {
      if (done || playback.paused) return;
      const t = nextSimTime({ now: driver.now(), speed: playback.speed, elapsed, until: driver.until });
      const actions = driver.advance(t);
      if (t >= driver.until) finish(actions);
      else dispatch(actions);
    },
    quit() {
      if (!done) finish([]);
    },
    done: () => done,
  };
}

/**
 * Plays `ticker` in real time while mounted (example: at speed 60, each ~100 ms tick runs ~6 s of sim time). `playback` is read at every tick (a ref), so speed
 * and pause changes apply from the next tick without restarting the interval.
 */
export function usePlayback(ticker: Ticker, playback: PlaybackSlice, clock: Clock = hostClock): void {
  const latest = useRef(playback);
  latest.current = playback;
  useEffect(() => {
    let last = clock.now();
    const handle = clock.setInterval(() => {
      const now = clock.now();
      const elapsed = Math.min(MAX_TICK_MS, now - last);
      last = now;
      ticker.tick(elapsed, latest.current);
      if (ticker.done()) clock.clearInterval(handle);
    }, TICK_MS);
    ticker.tick(0, latest.current); // the t = 0 events and a first sample, before the first interval
    return () => clock.clearInterval(handle);
  }, [ticker, clock]);
}
