#!/usr/bin/env node
// Thin launcher: the compiled, bundled CLI lives in dist/bundle/ (built by `npm ci` through `prepare`).
// A missing build (e.g. `npm ci --ignore-scripts`) gets a one-line fix instead of a stack trace.
import('../dist/bundle/main.js').then(
  (m) => m.main(process.argv.slice(2)).then(exitWhenWritten),
  (err) => {
    const missing = err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist');
    process.stderr.write(missing ? 'simulate: rollout-sim is not built yet; run `npm run build` (npm ci does it)\n' : `simulate: internal error: ${err && err.message}\n`);
    process.exitCode = 1;
  },
);

/**
 * The command is done: exit now, with its exit code, rather than tear the heap down first (a few
 * ms of every run; npm run bench times whole processes). Only once everything written has left
 * the process (a slow pipe keeps its queue: Node then exits by itself when it drains), and never
 * from the live view, whose terminal is restored on the way out as usual.
 */
function exitWhenWritten() {
  if (process.stdout.isTTY) return;
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}
