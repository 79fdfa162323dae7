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

export function createRng(seed: number, stream: string): Rng {
  const prng = alea(`${seed}/${stream}`);
  // The spare variate lives in a typed array: a double in a closure variable would be boxed (a
  // heap allocation) on every write, and this runs once per request.
  const spare = new Float64Array(1);
  let haveSpare = false;
  const next = (): number => prng();
  return {
    next,
    normal() {
      if (haveSpare) {
        haveSpare = false;
        return spare[0] as number;
      }
      const r = Math.sqrt(-2 * Math.log(1 - prng()));
      const th = 2 * Math.PI * prng();
      spare[0] = r * Math.sin(th);
      haveSpare = true;
      return r * Math.cos(th);
    },
    exponential: () => -Math.log(1 - prng()),
  };
}
