/**
 * Named random streams, the only user of seedrandom. Each stream is seeded from the scenario
 * seed and its own name, so adding a stream (or drawing more from one) never shifts another.
 * Alea is used: it is seedrandom's fastest generator and passes the usual statistical batteries.
 *
 * Example: createRng(7, 'traffic').next() is the same number on every run and machine, and
 * differs from createRng(7, 'routing').next() and from createRng(8, 'traffic').next().
 */
import alea from 'seedrandom/lib/alea.js';

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller, the second variate kept for the next call). */
  normal(): number;
  /** Exponential with mean 1 (never infinite). */
  exponential(): number;
}

/** 2^-32, Alea's scale. */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/**
 * Alea stepped here rather than through seedrandom's closure: seedrandom seeds it (its Mash of the
 * seed string) and hands over the state; each draw is then the same arithmetic on the same doubles,
 * so the numbers are bit-for-bit seedrandom's. One class for every stream keeps the per-request
 * call sites monomorphic, so V8 inlines a draw instead of calling two closures and boxing the result
 * (W1 draws about five numbers per request). The state lives in a typed array for the same reason.
 */
class AleaRng implements Rng {
  /** s0, s1, s2, c (Alea's carry), then the spare normal variate. */
  private readonly st = new Float64Array(5);
  private haveSpare = false;

  constructor(seed: string) {
    const s = alea(seed, { state: true }).state();
    this.st[0] = s.s0;
    this.st[1] = s.s1;
    this.st[2] = s.s2;
    this.st[3] = s.c;
  }

  next(): number {
    const st = this.st;
    const t = 2091639 * (st[0] as number) + (st[3] as number) * TWO_TO_MINUS_32;
    st[0] = st[1] as number;
    st[1] = st[2] as number;
    const c = t | 0;
    st[3] = c;
    return (st[2] = t - c);
  }

  normal(): number {
    if (this.haveSpare) {
      this.haveSpare = false;
      return this.st[4] as number;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const th = 2 * Math.PI * this.next();
    this.st[4] = r * Math.sin(th);
    this.haveSpare = true;
    return r * Math.cos(th);
  }

  exponential(): number {
    return -Math.log(1 - this.next());
  }
}

export function createRng(seed: number, stream: string): Rng {
  return new AleaRng(`${seed}/${stream}`);
}
