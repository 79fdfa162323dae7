/**
 * Drives a simulation (or a comparison) for the live UI, without any clock: `advance(t)` runs
 * the core to sim time `t` and returns the actions to fold — the trace events emitted on the way
 * (subscribed once, buffered) and a fresh Sample. The playback hook decides *when*; this decides
 * nothing.
 */
import type { SimEvent } from '../model/events.js';
import { takeSample } from '../run/sample.js';
import type { OperatorActionName } from '../model/scenario.js';
import type { Ms } from '../model/time.js';
import type { Comparison } from '../run/compare.js';
import type { Simulation } from '../run/simulation.js';
import type { CompareAction } from './state/compare.js';
import type { Action } from './state/types.js';

/** What playback needs of a run or a comparison. */
export interface Driver<A> {
  /** Sim time reached so far. */
  readonly now: () => Ms;
  readonly until: Ms;
  /** Runs to `t` (capped at `until`); the events on the way, then a Sample. */
  advance(t: Ms): A[];
  /** Emits the Summary (once); its actions. */
  finish(): A[];
  /** An operator action now; undefined when operator keys are disabled. */
  readonly send: ((action: OperatorActionName) => A[]) | undefined;
}

/**
 * The clock and the once-only finish both drivers share: `advance` moves forward only and stops at
 * `until`; `finish` ends the run a single time. Example: advance(90_000) then advance(60_000) → stays at 90 s.
 */
function clocked<A>(until: Ms, runTo: (t: Ms) => void, finishRun: () => void, drain: () => A[]): Omit<Driver<A>, 'send'> {
  let now = 0;
  let finished = false;
  return {
    now: () => now,
    until,
    advance(t) {
      now = Math.min(Math.max(now, Math.floor(t)), until);
      runTo(now);
      return drain();
    },
    finish() {
      if (finished) return [];
      finished = true;
      finishRun();
      return drain();
    },
  };
}

/** A Sample, with the world's arrival counters it lacks (they tell completed requests from those still in flight). */
function sampleOf(sim: Simulation): Action {
  return { type: 'Sample', sample: takeSample(sim.store, sim.world, sim.engine.now), arrivals: { arrived: sim.world.arrivals, unserved: sim.world.unserved } };
}

/** Example: createRunDriver(sim, 600_000).advance(60_000) → [...events in (0, 60s]], {type: 'Sample', …}]. */
export function createRunDriver(sim: Simulation, until: Ms): Driver<Action> {
  const buffer: SimEvent[] = [];
  sim.subscribe((e) => buffer.push(e));
  const drain = (): Action[] => [...buffer.splice(0), sampleOf(sim)];
  const clock = clocked(until, (t) => sim.runUntil(t), () => void sim.finish(), drain);
  return {
    ...clock,
    send(action) {
      sim.send(action);
      sim.runUntil(clock.now()); // the action is stamped and folded at once, even while playback is paused
      return drain();
    },
  };
}

/**
 * The same for a comparison: every panel advances on one clock; operator keys stay off.
 * Example: advance(60_000) → each panel's events as {type: 'Panel', index, action}, then its Sample.
 */
export function createCompareDriver(cmp: Comparison, until: Ms): Driver<CompareAction> {
  const buffers: SimEvent[][] = cmp.sims.map(() => []);
  cmp.sims.forEach((sim, i) => sim.subscribe((e) => buffers[i]?.push(e)));
  const drain = (): CompareAction[] =>
    cmp.sims.flatMap((sim, index) => [
      ...(buffers[index] ?? []).splice(0).map((action): CompareAction => ({ type: 'Panel', index, action })),
      { type: 'Panel', index, action: sampleOf(sim) } satisfies CompareAction,
    ]);
  return { ...clocked(until, (t) => cmp.runUntil(t), () => void cmp.finish(), drain), send: undefined };
}
