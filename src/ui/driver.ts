/**
 * Drives a simulation (or a comparison) for the live UI, without any clock: `advance(t)` runs
 * the core to sim time `t` and returns the trace events emitted on the way (subscribed once,
 * buffered). The view folds nothing but those events, so a saved trace redraws the same screen.
 * The playback hook decides *when*; this decides nothing.
 */
import type { SimEvent, SimulationStartedFields } from '../model/events.js';
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
  /** Runs to `t` (capped at `until`); the events on the way. */
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

/**
 * Subscribes a buffer to a simulation and runs it to t = 0, so its SimulationStarted event (the
 * context a view is built from) is known before playback starts; the event stays buffered and is
 * folded with the rest. Example: startBuffer(sim).start.rollout === 'agent'.
 */
function startBuffer(sim: Simulation): { buffer: SimEvent[]; start: SimulationStartedFields } {
  const buffer: SimEvent[] = [];
  sim.subscribe((e) => buffer.push(e));
  sim.runUntil(0);
  const first = buffer[0];
  if (first?.type !== 'SimulationStarted') throw new Error('a simulation emits SimulationStarted first');
  return { buffer, start: first };
}

/** Example: createRunDriver(sim, 600_000).advance(60_000) → the events in [0, 60 s] (t = 0 ones on the first call). */
export function createRunDriver(sim: Simulation, until: Ms): Driver<Action> & { readonly start: SimulationStartedFields } {
  const { buffer, start } = startBuffer(sim);
  const drain = (): Action[] => buffer.splice(0);
  const clock = clocked(until, (t) => sim.runUntil(t), () => void sim.finish(), drain);
  return {
    ...clock,
    start,
    send(action) {
      sim.send(action);
      sim.runUntil(clock.now()); // the action is stamped and folded at once, even while playback is paused
      return drain();
    },
  };
}

/**
 * The same for a comparison: every panel advances on one clock; operator keys stay off.
 * Example: advance(60_000) → each panel's events as {type: 'Panel', index, action}.
 */
export function createCompareDriver(cmp: Comparison, until: Ms): Driver<CompareAction> & { readonly starts: readonly SimulationStartedFields[] } {
  const buffers = cmp.sims.map(startBuffer);
  const drain = (): CompareAction[] =>
    buffers.flatMap(({ buffer }, index) => buffer.splice(0).map((action): CompareAction => ({ type: 'Panel', index, action })));
  return { ...clocked(until, (t) => cmp.runUntil(t), () => void cmp.finish(), drain), send: undefined, starts: buffers.map((b) => b.start) };
}
