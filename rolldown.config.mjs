// The CLI bundled into dist/bundle/ (after tsc has compiled src/ to dist/): our ~130 modules as a
// few chunks, so a run resolves and loads a handful of files instead of every module. Start-up is
// a good part of a short run's time (npm run bench times whole processes; README: Performance),
// and what a plain `simulate run` pays for is what it loads and compiles, so:
// - Dynamic imports stay separate chunks, so a command still loads only what it needs (PromQL and
//   expr only when a template is in play, ink only for the live view).
// - The sweep's worker thread is a build of its own, written beside main.js as sweep-worker.js
//   (src/cli/sweep/pool.ts starts it by that name relative to its own module, which holds both in
//   dist/cli/sweep/ and here). Built together, rolldown merged the modules both entries reach into
//   shared chunks, and the worker's static imports (the analysis engine, expr) landed in a chunk
//   every plain run loaded.
// - yaml and seedrandom's Alea are bundled: one file to compile instead of yaml's ~40 CommonJS
//   modules, each resolved, read and wrapped on its own. Other dependencies load from node_modules.
// - re2js (260 kB) is required on first use (lazyRe2js below): most runs compile no regexp at all.
// - What a plain run loads besides main.js (its command, the loader, the simulation core, yaml) is
//   one chunk, `run`: one file to resolve, read and link instead of about twenty (plainRunChunk).
// - Doc comments are dropped (less source to read and scan); code stays unminified, so a stack
//   trace under DEBUG=1 still reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const BUNDLED = new Set(['yaml', 'seedrandom']);
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)).map((name) => new RegExp(`^${name.replace('/', '\\/')}(\\/|$)`));

/** The entries by output name; test/cli/sweep-processes.test.ts bundles the same ones from src/. */
export const ENTRIES = { main: 'cli/main', 'sweep-worker': 'cli/sweep/sweep-worker' };

const RE2_IMPORT = "import { RE2JS } from 're2js';";

/**
 * yaml's ES-module build (what its exports map gives browsers; the same code as its CommonJS
 * build for Node). Bundled from ES modules, yaml is hoisted into the chunk like our own modules:
 * no CommonJS wrapper per file to evaluate at start-up, and what the loader never calls is left out.
 */
const YAML_ESM = fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url));

/**
 * src/go/regexp.ts imports re2js statically (core modules import no `node:` module and call no
 * `require`: test/architecture.test.ts). Here, in the CLI's bundle only, that import becomes a
 * `require` on the first compile, so a run whose scenario has no regexp never loads re2js. It
 * fails the build, rather than silently keep the eager import, if regexp.ts changes shape.
 */
export const lazyRe2js = {
  name: 'lazy-re2js',
  transform(code, id) {
    if (!/[\\/]go[\\/]regexp\.[jt]s$/.test(id)) return null;
    if (!code.includes(RE2_IMPORT) || /RE2JS\.(?!compile\()/.test(code)) throw new Error(`lazy-re2js: ${id} no longer uses re2js as this plugin expects (${RE2_IMPORT} and RE2JS.compile only)`);
    return code.replace(RE2_IMPORT, [
      "import { createRequire } from 'node:module';",
      'let re2js;',
      "const RE2JS = { compile: (pattern) => (re2js ??= createRequire(import.meta.url)('re2js').RE2JS).compile(pattern) };",
    ].join('\n'));
  },
};

/** Every module `from` loads before it runs: its static imports, transitively. */
function staticClosure(from, ctx) {
  const seen = new Set();
  const todo = [from];
  while (todo.length > 0) {
    const id = todo.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) todo.push(next);
  }
  return seen;
}

/**
 * The chunk groups of the main build: `cli` for what main.js imports (so `simulate --version` or
 * `lint` load no more than that), `run` for what `simulate run` loads statically besides; other
 * modules where rolldown puts them. A group takes its modules' imports along unless a higher-priority
 * group has them. `file(path)` is a module's file, e.g. 'cli/main' → /…/dist/cli/main.js.
 */
function chunkGroups(file) {
  let chunkOf;
  const chunk = (id, ctx) => {
    if (chunkOf === undefined) {
      const closure = (path) => staticClosure(ctx.getModuleInfo(file(path))?.id ?? file(path), ctx);
      const main = closure('cli/main');
      const run = [...closure('cli/commands/run')].filter((m) => !main.has(m));
      if (main.size < 5 || run.length < 10) throw new Error(`rolldown.config.mjs: main loads ${main.size} modules, run ${run.length} more; is ${file('')} built?`);
      chunkOf = new Map([...main].map((m) => [m, 'cli']));
      for (const m of run) chunkOf.set(m, 'run');
      chunkOf.delete(file('cli/main'));
    }
    return chunkOf.get(id) ?? null;
  };
  return [
    { name: (id, ctx) => (chunk(id, ctx) === 'cli' ? 'cli' : null), debugName: 'cli', priority: 2 },
    { name: (id, ctx) => (chunk(id, ctx) === 'run' ? 'run' : null), debugName: 'run', priority: 1 },
  ];
}

/**
 * The builds (one per entry) from the compiled modules in `root` (files `.js`: dist/, as npm run
 * build; test/cli/bundle.test.ts bundles src/ itself with ext '.ts') into `dir`.
 */
export function builds({ root = 'dist', ext = '.js', dir = 'dist/bundle', resolveOptions = undefined } = {}) {
  const file = (path) => resolve(root, `${path}${ext}`);
  const output = {
    dir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js',
    comments: { legal: true, annotation: false, jsdoc: false },
  };
  return Object.entries(ENTRIES).map(([name, path]) => ({
    input: { [name]: file(path) },
    platform: 'node',
    external,
    plugins: [lazyRe2js],
    resolve: { alias: { yaml: YAML_ESM }, ...resolveOptions },
    output: name === 'main' ? { ...output, codeSplitting: { groups: chunkGroups(file) } } : output,
  }));
}

export default builds();
