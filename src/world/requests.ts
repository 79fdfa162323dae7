/**
 * In-flight requests, stored as parallel typed arrays indexed by a recycled slot number. Memory
 * is bounded by the requests in the system at once (queued + in service), never by the total.
 * Each request draws its random numbers once, at arrival: the same draws decide its outcome on
 * whichever version serves it, which is what makes harm counterfactual and `compare` fair.
 */
import type { Rng } from '../engine/rng.js';

export const USER = 0;
export const SYNTHETIC = 1;
export const MIRROR = 2;
/** User traffic before t = 0: the world's history (run/history.ts), scraped but never tallied. */
export const HISTORY = 3;

/** A request's fault, decided when its service starts (a crash is also an error to the caller). */
export const FAULT_NONE = 0;
export const FAULT_ERROR = 1;
export const FAULT_CRASH = 2;
export type Fault = typeof FAULT_NONE | typeof FAULT_ERROR | typeof FAULT_CRASH;

export class RequestPool {
  private cap = 0;
  /** Released slots, a stack in a typed array (a JS array's elements kind can change, deoptimizing alloc). */
  private free = new Int32Array(0);
  private nFree = 0;
  private next = 0;
  arrival = new Float64Array(0);
  cohort = new Uint8Array(0);
  kind = new Uint8Array(0);
  /** Standard-normal draw for the service time. */
  z = new Float64Array(0);
  uError = new Float64Array(0);
  uTask = new Float64Array(0);
  uCrash = new Float64Array(0);
  pod = new Int32Array(0);
  /** Index of the Service the request came through (for mesh metrics). */
  service = new Uint8Array(0);
  /** Pod crash epoch when service started: a crash in between fails the request. */
  epoch = new Int32Array(0);
  /** Decided at service start: FAULT_NONE, FAULT_ERROR or FAULT_CRASH. */
  fault = new Uint8Array(0);
  taskOk = new Uint8Array(0);
  tokens = new Float64Array(0);
  serviceMs = new Float64Array(0);
  harmed = new Uint8Array(0);
  /** Synthetic requests: the test job they belong to. */
  job = new Int32Array(0);

  constructor(initial = 256) {
    this.resize(initial);
  }

  get inUse(): number {
    return this.next - this.nFree;
  }

  alloc(): number {
    if (this.nFree > 0) return this.free[--this.nFree] as number;
    if (this.next === this.cap) this.resize(this.cap * 2);
    return this.next++;
  }

  /** Frees slot `i` for reuse (each slot is released once: at most `cap` are ever free). */
  release(i: number): void {
    this.free[this.nFree++] = i;
  }

  /**
   * Request `r`'s own random numbers, drawn once from `rng` in the same order for every strategy.
   * The crash draw is taken only when some version can crash (`crashPossible`), else it is 1 (never).
   */
  draw(r: number, rng: Rng, crashPossible: boolean): void {
    this.z[r] = rng.normal();
    this.uError[r] = rng.next();
    this.uTask[r] = rng.next();
    this.uCrash[r] = crashPossible ? rng.next() : 1;
  }

  /** Gives request `to` the cohort and draws of `from`: a mirrored copy is the same request. */
  copyDraws(from: number, to: number): void {
    this.cohort[to] = this.cohort[from] as number;
    this.z[to] = this.z[from] as number;
    this.uError[to] = this.uError[from] as number;
    this.uTask[to] = this.uTask[from] as number;
    this.uCrash[to] = this.uCrash[from] as number;
  }

  private resize(cap: number): void {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    const f = (n: number) => new Float64Array(n);
    const u = (n: number) => new Uint8Array(n);
    const i = (n: number) => new Int32Array(n);
    this.arrival = grow(this.arrival, f);
    this.cohort = grow(this.cohort, u);
    this.kind = grow(this.kind, u);
    this.z = grow(this.z, f);
    this.uError = grow(this.uError, f);
    this.uTask = grow(this.uTask, f);
    this.uCrash = grow(this.uCrash, f);
    this.pod = grow(this.pod, i);
    this.service = grow(this.service, u);
    this.epoch = grow(this.epoch, i);
    this.fault = grow(this.fault, u);
    this.taskOk = grow(this.taskOk, u);
    this.tokens = grow(this.tokens, f);
    this.serviceMs = grow(this.serviceMs, f);
    this.harmed = grow(this.harmed, u);
    this.job = grow(this.job, i);
    this.free = grow(this.free, i);
    this.cap = cap;
  }
}
