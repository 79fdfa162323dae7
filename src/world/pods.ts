/**
 * Pods and ReplicaSets. A pod starts (not ready) for the agent's startup delay, then is ready and
 * takes requests: at most `concurrency` in service, the rest in its FIFO queue. A pod scaled away
 * leaves the endpoints at once but finishes what it holds before it is gone (graceful shutdown).
 */
import type { PodMetrics } from './pod-metrics.js';
import type { Version } from './world-types.js';

export type PodState = 'starting' | 'ready' | 'terminating' | 'gone';

/**
 * FIFO of request slots, a growable ring buffer. Its size is a power of two, so wrapping an index
 * is a mask (`& mask`) rather than an integer division (`%`) on every push and shift.
 */
export class RequestQueue {
  // 64: W1's queues (4 slots a pod, 68 % busy) stay shorter, so the growth path rarely runs at all.
  private buf = new Int32Array(64);
  private mask = 63;
  private head = 0;
  length = 0;

  push(req: number): void {
    if (this.length === this.buf.length) {
      const nb = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i++) nb[i] = this.buf[(this.head + i) & this.mask] as number;
      this.buf = nb;
      this.mask = nb.length - 1;
      this.head = 0;
    }
    this.buf[(this.head + this.length) & this.mask] = req;
    this.length++;
  }

  shift(): number {
    const req = this.buf[this.head] as number;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return req;
  }

  /**
   * Drops the queued requests `drop` selects, keeping the others in order; returns the dropped.
   * Example: queue [4, 7, 9], drop = odd → returns [7, 9], queue is [4].
   */
  removeWhere(drop: (req: number) => boolean): number[] {
    const kept: number[] = [];
    const dropped: number[] = [];
    while (this.length > 0) {
      const req = this.shift();
      (drop(req) ? dropped : kept).push(req);
    }
    for (const req of kept) this.push(req);
    return dropped;
  }
}

export interface Pod {
  readonly id: number;
  readonly name: string;
  readonly rs: number;
  /** Its ReplicaSet's: STABLE_VERSION or RELEASE_VERSION. */
  readonly version: Version;
  readonly createdAt: number;
  /** When it last became ready (Infinity while starting). Pod age for regressions counts from here. */
  readyAt: number;
  state: PodState;
  busy: number;
  /** Bumped by a crash: requests started before it fail. */
  epoch: number;
  readonly queue: RequestQueue;
  readonly metrics: PodMetrics;
}

export interface ReplicaSet {
  readonly id: number;
  readonly hash: string;
  /** The ReplicaSet's name, its pods' name prefix. */
  readonly name: string;
  readonly image: string;
  readonly version: Version;
  /** Pods that count toward `replicas` (starting or ready, not terminating). */
  readonly pods: number[];
  /** Ready pods, the endpoints traffic can reach; order is creation order (deterministic). */
  readonly ready: number[];
}

/** Removes `value` from `list` keeping order (lists are small: pods of one ReplicaSet). */
export function removeFrom(list: number[], value: number): void {
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
}

/**
 * A deterministic pod-template hash in Kubernetes' alphabet (FNV-1a of the text, 10 chars).
 * Example: templateHash('agent:v1') is the same string on every run; it differs for 'agent:v2'.
 */
export function templateHash(text: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = '';
  let a = h1;
  let b = h2;
  for (let i = 0; i < 10; i++) {
    const src = i < 5 ? a : b;
    out += alphabet[src % alphabet.length];
    if (i < 5) a = Math.floor(a / alphabet.length);
    else b = Math.floor(b / alphabet.length);
  }
  return out;
}
