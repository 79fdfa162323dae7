/**
 * Real-time playback: the only wall-clock code of the program. Every tick (~100 ms) it advances
 * sim time by speed × elapsed wall time, folds what happened into the snapshot, and at `until`
 * (or on quit) finishes the run. Fast-forward (`f`) only changes how much sim time a tick runs
 * (a step grown to fill a wall budget, so the screen still redraws several times a second); the
 * simulation is driven by sim time, so its trace is the same. The clock is injected (XState's
 * `Clock`), so tests drive ticks by hand; the default is the host's `Date.now` and `setInterval`.
 */
import { useApp } from 'ink';
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
 * Wall ms a fast-forward tick aims to spend running the simulation; the rest of the ~100 ms tick
 * is left to ink to draw the frame and read keys (so `f`, space and `q` stay responsive).
 */
export const FAST_FORWARD_BUDGET_MS = 50;
/** The smallest fast-forward step (sim ms), whatever the speed. */
export const FAST_FORWARD_MIN_STEP_MS = 6_000;

/**
 * Where a fast-forward starts: what a normal tick runs at `speed`, but at least 6 s.
 * Example: fastForwardBase(600) === 60_000; fastForwardBase(1) === 6_000.
 */
export function fastForwardBase(speed: number): Ms {
  return Math.max(FAST_FORWARD_MIN_STEP_MS, Math.floor(speed * TICK_MS));
}

/**
 * The next fast-forward step from how long the last one took: doubled under half the budget,
 * halved over it, never under `base`. A frame runs one step because only its last Sample shows,
 * and a Sample costs milliseconds: many small steps would spend the budget sampling.
 * Example: nextFastForwardStep(12_000, 10, 6_000) === 24_000; nextFastForwardStep(12_000, 40, 6_000)
 * === 12_000; nextFastForwardStep(12_000, 90, 6_000) === 6_000 (and never less).
 */
export function nextFastForwardStep(step: Ms, took: number, base: Ms): Ms {
  if (took < FAST_FORWARD_BUDGET_MS / 2) return step * 2;
  if (took > FAST_FORWARD_BUDGET_MS) return Math.max(base, Math.floor(step / 2));
  return step;
}

/**
 * The sim instant a tick reaches: `speed` sim seconds per wall second, capped at `until`.
 * Example: nextSimTime({now: 60_000, speed: 60, elapsed: 100, until: 3_600_000}) === 66_000.
 */
export function nextSimTime(o: { now: Ms; speed: number; elapsed: number; until: Ms }): Ms {
  return Math.min(o.until, o.now + Math.floor(o.speed * o.elapsed));
}

/** One tick as a plain object, so it can be driven without React or a clock. */
export interface Ticker {
  /**
   * Advances by `elapsed` wall ms at the playback's speed, or, fast-forwarding, by one step sized
   * to the wall budget (nothing while paused or finished).
   */
  tick(elapsed: number, playback: PlaybackSlice): void;
  /** Finishes now (the `q` key): the Summary is folded in at the current sim time. */
  quit(): void;
  readonly done: () => boolean;
}

/**
 * `wall` times the fast-forward steps (the playback's clock).
 * Example: createTicker(driver, dispatch).tick(100, playing(60)) runs 6 sim seconds; with
 * {…, fastForward: true} it runs 6 s, then 12 s, 24 s, … while each step takes under 25 wall ms.
 */
export function createTicker<A>(driver: Driver<A>, dispatch: (batch: readonly A[]) => void, wall: Pick<Clock, 'now'> = hostClock): Ticker {
  let done = false;
  const finish = (before: readonly A[]): void => {
    done = true;
    dispatch([...before, ...driver.finish()]);
  };
  /** Dispatches a tick's actions, finishing the run if the tick reached `until`. */
  const settle = (t: Ms, actions: readonly A[]): void => {
    if (t >= driver.until) finish(actions);
    else dispatch(actions);
  };
  let step: Ms | undefined; // the fast-forward step; undefined while playing normally
  const fastForward = (speed: number): void => {
    const base = fastForwardBase(speed);
    const current = Math.max(base, step ?? base); // a `+` while fast-forwarding raises the base
    const t = Math.min(driver.until, driver.now() + current);
    const start = wall.now();
    const actions = driver.advance(t);
    step = nextFastForwardStep(current, wall.now() - start, base);
    settle(t, actions);
  };
  return {
    tick(elapsed, playback) {
      if (done || playback.paused) return;
      if (playback.fastForward) {
        fastForward(playback.speed);
      } else {
        step = undefined;
        const t = nextSimTime({ now: driver.now(), speed: playback.speed, elapsed, until: driver.until });
        settle(t, driver.advance(t));
      }
    },
    quit() {
      if (!done) finish([]);
    },
    done: () => done,
  };
}

/**
 * Plays `ticker` in real time while mounted (example: at speed 60, each ~100 ms tick runs ~6 s of
 * sim time). `playback` is read at every tick (a ref), so speed, pause and fast-forward changes
 * apply from the next tick without restarting the interval.
 */
export function usePlayback(ticker: Ticker, playback: PlaybackSlice, clock: Clock = hostClock): void {
  const latest = useRef(playback);
  latest.current = playback;
  const { exit } = useApp();
  useEffect(() => {
    let last = clock.now();
    // A run that cannot go on (a work limit: model/work-limit.ts) ends the app with its error, so
    // the terminal is restored and the command reports it (exit 2), not a stack from a timer.
    const tick = (elapsed: number): void => {
      try {
        ticker.tick(elapsed, latest.current);
      } catch (err) {
        clock.clearInterval(handle);
        exit(asError(err));
      }
    };
    const handle = clock.setInterval(() => {
      const now = clock.now();
      const elapsed = Math.min(MAX_TICK_MS, now - last);
      last = now;
      tick(elapsed);
      if (ticker.done()) clock.clearInterval(handle);
    }, TICK_MS);
    tick(0); // the t = 0 events and a first sample, before the first interval
    return () => clock.clearInterval(handle);
  }, [ticker, clock, exit]);
}

/** Example: asError(new Error('x')) is that error; asError('x') → Error('x'). */
export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
