// The CLI bundled into dist/bundle/ (after tsc has compiled src/ to dist/): our ~130 modules as a
// few chunks, so a run resolves and loads a handful of files instead of every module (start-up is
// most of a short run's time: see npm run bench). Dynamic imports stay separate chunks, so a
// command still loads only what it needs (PromQL and expr only when a template is in play, ink only
// for the live view). Dependencies are not bundled: they load from node_modules as before.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name.replace('/', '\\/')}(\\/|$)`));

export default {
  input: 'dist/cli/main.js',
  platform: 'node',
  external,
  output: { dir: 'dist/bundle', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
};
