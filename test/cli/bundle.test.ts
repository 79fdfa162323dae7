/**
 * The CLI's bundle as `npm run build` makes it (rolldown.config.mjs, bundled from src/ here so no
 * stale dist/ is tested): what a plain `simulate run` loads before it starts, which is start-up
 * time on every run (npm run bench), and that re2js, required on first use there, still works.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown, type OutputChunk, type OutputOptions, type RolldownOptions } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scenarioPath, sim } from './harness.js';

// Two folders below the root, as dist/bundle is: the bundle finds scenarios/ and package.json at ../../.
const OUT = join(ROOT, 'dist', `bundle-test-${process.pid}`);
const LAUNCHER = join(OUT, 'launch.mjs');
let chunks: OutputChunk[] = [];

beforeAll(async () => {
  const config = (await import(pathToFileURL(join(ROOT, 'rolldown.config.mjs')).href)) as {
    builds: (o: { root: string; ext: string; dir: string; resolveOptions: unknown }) => (Omit<RolldownOptions, 'output'> & { output: OutputOptions })[];
  };
  const [main] = config.builds({ root: join(ROOT, 'src'), ext: '.ts', dir: OUT, resolveOptions: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } } });
  if (main === undefined) throw new Error('rolldown.config.mjs builds nothing');
  const { output, ...input } = main;
  const bundle = await rolldown({ ...input, logLevel: 'silent' });
  chunks = (await bundle.write(output)).output.filter((o): o is OutputChunk => o.type === 'chunk');
  writeFileSync(LAUNCHER, "import('./main.js').then((m) => m.main(process.argv.slice(2)));\n");
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

/** The chunks a chunk loads before it runs (itself and its static imports, transitively). */
function staticallyLoaded(from: OutputChunk): OutputChunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Map<string, OutputChunk>();
  const todo = [from];
  for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
    if (seen.has(c.fileName)) continue;
    seen.set(c.fileName, c);
    for (const name of c.imports) {
      const next = byName.get(name);
      if (next !== undefined) todo.push(next);
    }
  }
  return [...seen.values()];
}

describe('the bundle a plain run loads', () => {
  it('is main.js, cli, run and the bundler runtime: no analysis engine, PromQL, re2js, ink or vega', () => {
    const runChunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(join('src', 'cli', 'commands', 'run.ts'))));
    expect(runChunk?.name).toBe('run');
    const main = chunks.find((c) => c.fileName === 'main.js') as OutputChunk;
    const loaded = [...new Set([...staticallyLoaded(main), ...staticallyLoaded(runChunk as OutputChunk)])];
    expect(loaded.map((c) => c.name).sort()).toEqual(['cli', 'main', 'rolldown-runtime', 'run']);
    const modules = loaded.flatMap((c) => c.moduleIds);
    // The splash line (src/ui/splash.ts: a few lines, no ink) is written before the live view loads.
    const unwanted = modules.filter((id) => /[\\/]src[\\/](analysis[\\/](expr|run(?![\\/]metric-query))|promql|ui(?![\\/]splash\.ts)|report)[\\/]|node_modules[\\/](re2js|ink|react|vega|@lezer|@prometheus-io)[\\/]/.test(id));
    expect(unwanted).toEqual([]);
    // yaml is bundled (one file to compile instead of ~40), the simulation core is there.
    expect(modules.some((id) => /node_modules[\\/]yaml[\\/]/.test(id))).toBe(true);
    expect(modules.some((id) => id.endsWith(join('src', 'run', 'simulation-core.ts')))).toBe(true);
    // re2js is not imported, but required on first use.
    const imported = loaded.flatMap((c) => c.imports);
    expect(imported.filter((name) => name.startsWith('re2js'))).toEqual([]);
    expect(loaded.some((c) => c.code.includes("createRequire(import.meta.url)('re2js')") || c.code.includes('createRequire(import.meta.url)("re2js")'))).toBe(true);
    // `simulate --version` loads main.js and cli only.
    expect(staticallyLoaded(main).map((c) => c.name).sort()).toEqual(['cli', 'main']);
  });

  it('runs a scenario whose analysis matches with =~ (re2js required on first use) exactly as the source does', async () => {
    const scenario = scenarioPath('canary-tool-call-regression.yaml');
    const r = spawnSync(process.execPath, [LAUNCHER, 'run', scenario, '--output', 'json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { type: string; outcome: string; abortCause: string | null };
    expect([summary.type, summary.outcome, summary.abortCause]).toEqual(['Summary', 'aborted', 'failed']);
    expect(r.stdout).toBe((await sim(['run', scenario, '--output', 'json'])).out);
  }, 60_000);
});
