// seedrandom's Alea generator on its own (the package's index also loads five other generators).
declare module 'seedrandom/lib/alea.js' {
  /** Alea's whole state: three 32-bit fractions and the carry. */
  export interface AleaState {
    s0: number;
    s1: number;
    s2: number;
    c: number;
  }
  const alea: (seed?: string, opts?: { state: true }) => (() => number) & { state(): AleaState };
  export default alea;
}
