// seedrandom's Alea generator on its own (the package's index also loads five other generators).
declare module 'seedrandom/lib/alea.js' {
  import type { PRNG } from 'seedrandom';
  const alea: (seed?: string) => PRNG;
  export default alea;
}
