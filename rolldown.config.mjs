// The CLI bundled into dist/bundle/ (after tsc has compiled src/ to dist/): our ~130 modules as a
// few chunks, so a run resolves and loads a handful of files instead of every module (start-up is
// most of a short run's time: see npm run bench). Dynamic imports stay separate chunks, so a
// command still loads only what it needs (PromQL and expr only when a template is in play, ink only
// for the live view). Dependencies are not bundled: they load from node_modules as before.
// The sweep's worker thread is an entry of its own, written beside main.js as sweep-worker.js:
// src/cli/sweep/pool.ts starts it by that name relative to its own module, which holds both in
// dist/cli/sweep/ (tsc) and in dist/bundle/ (here). It is a build of its own: in one build with
// main, rolldown merges modules both entries reach into shared chunks, and the worker's static
// imports (the analysis engine, expr) landed in the chunk a plain `simulate run` loads.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name.replace('/', '\\/')}(\\/|$)`));

/** The entries by output name; test/cli/sweep-processes.test.ts bundles the same ones from src/. */
export const ENTRIES = { main: 'cli/main', 'sweep-worker': 'cli/sweep/sweep-worker' };

const output = { dir: 'dist/bundle', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' };

export default Object.entries(ENTRIES).map(([name, path]) => ({
  input: { [name]: `dist/${path}.js` },
  platform: 'node',
  external,
  output,
}));
