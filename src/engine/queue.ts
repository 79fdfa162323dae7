/**
 * The pending-event queue: a binary min-heap kept in parallel typed arrays, ordered by
 * (time, priority, sequence). Typed arrays instead of one object per event keep the hot loop
 * free of allocation; the sequence number makes the order total, so two events due at the same
 * instant with the same priority always run first-in first-out (never by heap accident).
 *
 * Example: push(10, 1, A), push(10, 0, B), push(5, 1, C) pops C, B, A.
 */
export class EventQueue {
  private cap = 1024;
  private n = 0;
  private seq = 0;
  /** time * PRIORITIES + priority: one comparison orders both (times are integers < 2^50). */
  private key = new Float64Array(this.cap);
  private order = new Float64Array(this.cap);
  private kinds = new Int32Array(this.cap);
  private auxs = new Float64Array(this.cap);
  /** Filled by pop(): the popped event's fields. */
  popTime = 0;
  popKind = 0;
  popAux = 0;

  static readonly PRIORITIES = 4;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : Math.floor((this.key[0] as number) / EventQueue.PRIORITIES);
  }

  /** The earliest event's combined key (time × PRIORITIES + priority), or Infinity when empty. */
  peekKey(): number {
    return this.n === 0 ? Infinity : (this.key[0] as number);
  }

  push(time: number, priority: number, kind: number, aux: number): void {
    if (this.n === this.cap) this.grow();
    const k = time * EventQueue.PRIORITIES + priority;
    const s = this.seq++;
    const key = this.key, order = this.order, kinds = this.kinds, auxs = this.auxs;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = key[p] as number;
      if (pk < k || (pk === k && (order[p] as number) < s)) break;
      key[i] = pk; order[i] = order[p] as number; kinds[i] = kinds[p] as number; auxs[i] = auxs[p] as number;
      i = p;
    }
    key[i] = k; order[i] = s; kinds[i] = kind; auxs[i] = aux;
  }

  /** Removes the earliest event into popTime/popKind/popAux. The caller checks size first. */
  pop(): void {
    const key = this.key, order = this.order, kinds = this.kinds, auxs = this.auxs;
    this.popTime = Math.floor((key[0] as number) / EventQueue.PRIORITIES);
    this.popKind = kinds[0] as number;
    this.popAux = auxs[0] as number;
    const last = --this.n;
    if (last === 0) return;
    const k = key[last] as number, s = order[last] as number, g = kinds[last] as number, x = auxs[last] as number;
    let i = 0;
    for (;;) {
      let l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      if (r < last) {
        const rk = key[r] as number, lk = key[l] as number;
        if (rk < lk || (rk === lk && (order[r] as number) < (order[l] as number))) l = r;
      }
      const lk = key[l] as number;
      if (k < lk || (k === lk && s < (order[l] as number))) break;
      key[i] = lk; order[i] = order[l] as number; kinds[i] = kinds[l] as number; auxs[i] = auxs[l] as number;
      i = l;
    }
    key[i] = k; order[i] = s; kinds[i] = g; auxs[i] = x;
  }

  private grow(): void {
    this.cap *= 2;
    const k = new Float64Array(this.cap); k.set(this.key); this.key = k;
    const o = new Float64Array(this.cap); o.set(this.order); this.order = o;
    const g = new Int32Array(this.cap); g.set(this.kinds); this.kinds = g;
    const x = new Float64Array(this.cap); x.set(this.auxs); this.auxs = x;
  }
}
