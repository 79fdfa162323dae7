#!/usr/bin/env node
// Thin launcher: the compiled, bundled CLI lives in dist/bundle/ (built by `npm ci` through `prepare`).
// A missing build (e.g. `npm ci --ignore-scripts`) gets a one-line fix instead of a stack trace.
import('../dist/bundle/main.js').then(
  (m) => m.main(process.argv.slice(2)),
  (err) => {
    const missing = err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist');
    process.stderr.write(missing ? 'simulate: rollout-sim is not built yet; run `npm run build` (npm ci does it)\n' : `simulate: internal error: ${err && err.message}\n`);
    process.exitCode = 1;
  },
);
