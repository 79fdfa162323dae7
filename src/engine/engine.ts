/**
 * The discrete-event kernel. It knows nothing about rollouts: it holds the clock (integer ms),
 * the queue, and a table of handlers. Hot-path events (a request arriving, a request finishing)
 * are a handler id plus one number, so scheduling one allocates nothing; control events may
 * schedule a closure with `call`.
 *
 * Ordering: (time, priority, sequence). CONTROL (reconciles, operator actions, analysis) runs
 * before WORLD (requests) at the same instant, and OBSERVE (metric scrapes) last.
 */
import { EventQueue } from './queue.js';

export const CONTROL = 0;
export const WORLD = 1;
export const OBSERVE = 2;
export type Priority = typeof CONTROL | typeof WORLD | typeof OBSERVE;

export type Handler = (aux: number) => void;

export interface Engine {
  /** Current sim time in ms. */
  readonly now: number;
  /** Events processed so far. */
  readonly processed: number;
  /** Registers a handler; the returned id is what `schedule` takes. */
  register(handler: Handler): number;
  /** Schedules handler `kind` with `aux` after `delay` ms (a non-negative integer). */
  schedule(delay: number, priority: Priority, kind: number, aux: number): void;
  /** Schedules at an absolute time (not in the past). */
  scheduleAt(time: number, priority: Priority, kind: number, aux: number): void;
  /** Schedules a one-off closure (control events; not for the per-request path). */
  call(delay: number, priority: Priority, fn: () => void): void;
  /** Time of the next pending event (Infinity when none). */
  peekTime(): number;
  /** Processes one event; false when the queue is empty. */
  step(): boolean;
  /**
   * Processes every event due at or before `until`, then sets the clock to `until`.
   * Example: with events at 5 and 10, runUntil(10) runs both and leaves now = 10.
   */
  runUntil(until: number): void;
}

/**
 * One-off closures parked in recycled slots, so `call` schedules them as plain (handler, aux)
 * events: the aux is the slot. A slot is freed before its closure runs, so the closure's own
 * `call` may reuse it. Example: park(f) → 0, park(g) → 1; run(0) calls f; park(h) → 0 again.
 */
class ClosureSlots {
  private readonly fns: ((() => void) | undefined)[] = [];
  private readonly free: number[] = [];

  /** Keeps `fn` until its event runs; returns its slot. */
  park(fn: () => void): number {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.fns.length;
    this.fns[slot] = fn;
    return slot;
  }

  /** Frees `slot`, then runs the closure it held; an empty slot is a kernel bug and throws. */
  run(slot: number): void {
    const fn = this.fns[slot];
    this.fns[slot] = undefined;
    this.free.push(slot);
    if (fn === undefined) throw new Error(`engine: closure slot ${slot} is empty`);
    fn();
  }
}

/** A direct-call slot no handler has taken yet (never called: step only calls a slot whose kind exists). */
const noHandler: Handler = () => {
  throw new Error('engine: no handler');
};

/** Handler id of `call`'s closures: registered first, before any other handler. */
const CALL = 0;

/** A new engine whose clock starts at `start` ms (negative: the world runs before t = 0, see run/history.ts). */
export function createEngine(start = 0): Engine {
  const queue = new EventQueue();
  const closures = new ClosureSlots();
  const handlers: Handler[] = [(slot) => closures.run(slot)];
  // The first four handlers registered after CALL (the world's: completion, readiness, arrival,
  // scrape) are also called from a call site each (step): a site that only ever sees one function
  // lets V8 inline it, where the one call through the table sees them all and cannot.
  let h1: Handler = noHandler;
  let h2: Handler = noHandler;
  let h3: Handler = noHandler;
  let h4: Handler = noHandler;

  function scheduleAt(time: number, priority: Priority, kind: number, aux: number): void {
    if (!(time >= engine.now) || !Number.isInteger(time)) {
      throw new Error(`engine: cannot schedule at ${time} (now ${engine.now}); times are integer ms, never in the past`);
    }
    if (kind < 0 || kind >= handlers.length) throw new Error(`engine: unknown handler ${kind}`);
    queue.push(time, priority, kind, aux);
  }

  function schedule(delay: number, priority: Priority, kind: number, aux: number): void {
    if (!(delay >= 0)) throw new Error(`engine: negative or invalid delay ${delay}`);
    scheduleAt(engine.now + delay, priority, kind, aux);
  }

  // The clock and the count live on the engine object itself: a field load where every request
  // handler reads `engine.now` (about five times a request), where a getter also loaded the closure.
  const engine: Engine & { now: number; processed: number } = {
    now: start,
    processed: 0,
    register(handler) {
      handlers.push(handler);
      const kind = handlers.length - 1;
      if (kind === 1) h1 = handler;
      else if (kind === 2) h2 = handler;
      else if (kind === 3) h3 = handler;
      else if (kind === 4) h4 = handler;
      return kind;
    },
    schedule,
    scheduleAt,
    call: (delay, priority, fn) => schedule(delay, priority, CALL, closures.park(fn)),
    peekTime: () => queue.peekTime(),
    step,
    runUntil(until) {
      if (until < engine.now) throw new Error(`engine: runUntil(${until}) is before now (${engine.now})`);
      // Compare combined keys: every priority at `until` is due, nothing after it.
      const limit = until * EventQueue.PRIORITIES + (EventQueue.PRIORITIES - 1);
      while (queue.peekKey() <= limit) step();
      engine.now = until;
    },
  };

  function step(): boolean {
    if (queue.size === 0) return false;
    queue.pop();
    engine.now = queue.popTime;
    engine.processed++;
    const kind = queue.popKind;
    const aux = queue.popAux;
    if (kind === 1) h1(aux);
    else if (kind === 2) h2(aux);
    else if (kind === 3) h3(aux);
    else if (kind === 4) h4(aux);
    else (handlers[kind] as Handler)(aux);
    return true;
  }

  return engine;
}
