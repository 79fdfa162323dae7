/**
 * The sweep as users run it: the CLI bundled (the entries of rolldown.config.mjs, bundled from
 * src/ here so no stale dist/ is tested) in separate processes, on worker threads. Byte-identical
 * JSON for --workers 1 and 2; four shards as four processes, merged, equal to one process. And,
 * since the bundle is here, what a terminal shows: the sweep's progress bar and the live view's
 * replay line, under a pseudo-terminal. About 25 s on the loaded 2-core machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

// Two folders below the root, as dist/bundle is: the bundle finds scenarios/ and package.json at ../../.
const OUT = join(ROOT, 'dist', `sweep-test-${process.pid}`);
const LAUNCHER = join(OUT, 'launch.mjs');

beforeAll(async () => {
  const { ENTRIES } = (await import(pathToFileURL(join(ROOT, 'rolldown.config.mjs')).href)) as { ENTRIES: Record<string, string> };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name.replace('/', '\\/')}(\\/|$)`));
  const input = Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(ROOT, 'src', `${path}.ts`)]));
  const bundle = await rolldown({ input, platform: 'node', external, resolve: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } }, logLevel: 'silent' });
  await bundle.write({ dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
  // What bin/simulate.js does with dist/bundle/main.js.
  writeFileSync(LAUNCHER, "import('./main.js').then((m) => m.main(process.argv.slice(2)));\n");
}, 60_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function simulate(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** util-linux's script(1) gives the CLI a terminal (a pseudo-terminal; its output is the screen's bytes). */
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

/** The bundled CLI run on a 120×40 pseudo-terminal, outside CI. */
function onTerminal(args: string[]): Promise<{ code: number | null; out: string }> {
  const command = [process.execPath, LAUNCHER, ...args].map((a) => `'${a}'`).join(' ');
  const env: Record<string, string | undefined> = { ...process.env, CI: undefined, COLUMNS: '120', LINES: '40' };
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const SWEEP = ['sweep', 'canary-tool-call-regression', '--seeds', '4', '--vary', 'spec.release.regressions[0].to=3%,6%'];

describe('simulate sweep across threads and processes', () => {
  it('--workers 1 and --workers 2 write the same bytes', async () => {
    const [one, two] = [await simulate([...SWEEP, '--workers', '1', '--output', 'json']), await simulate([...SWEEP, '--workers', '2', '--output', 'json'])];
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect(two.out).toBe(one.out);
    expect(JSON.parse(one.out).cells).toHaveLength(2);
    // Piped: progress as plain lines, no escape codes.
    expect(two.err).toContain('sweep: 8/8 seeds');
    expect(two.err).not.toContain('\x1b');
  });

  it('four shards as four processes (one from JOB_COMPLETION_INDEX), merged, equal one process', async () => {
    const dir = join(OUT, 'parts');
    mkdirSync(dir, { recursive: true });
    const [whole, ...parts] = await Promise.all([
      simulate([...SWEEP, '--workers', '2']),
      ...[0, 1, 2].map((i) => simulate([...SWEEP, '--workers', '1', '--shard', `${i}/4`])),
      simulate([...SWEEP, '--workers', '1', '--shard', '/4'], { JOB_COMPLETION_INDEX: '3' }),
    ]);
    const files = parts.map((p, i) => {
      expect(p.code, p.err).toBe(0);
      const f = join(dir, `part-${i}.json`);
      writeFileSync(f, p.out);
      return f;
    });
    const merged = await simulate(['sweep', 'merge', ...files.reverse()]);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(whole.out);
    expect(whole.out).toContain('rollout-sim sweep · canary-tool-call-regression · 4 seeds (7…10)');
  });

  it('a seed past the run query budget stops the sweep with exit 2, naming the same seed for any --workers', async () => {
    // A background analysis whose subquery is within budget per series but not over the run's
    // ~20 series: the healthy twin, which runs longest, uses MAX_RUN_QUERY_SAMPLES up at 20m10s.
    const file = join(OUT, 'heavy.yaml');
    expect(HEAVY).toContain('templateName: heavy');
    expect(HEAVY).toContain('name: heavy');
    writeFileSync(file, HEAVY);
    const [one, two] = [await simulate(['sweep', file, '--seeds', '2', '--workers', '1']), await simulate(['sweep', file, '--seeds', '2', '--workers', '2'])];
    expect(one.code, one.err).toBe(2);
    expect(one.err).toMatch(/^error: seed 1: analysis stopped at 20m10s: query refused by rollout-sim's work budget: the analysis queries of one run may touch at most 200,000,000 samples together \(MAX_RUN_QUERY_SAMPLES\)/m);
    expect(two.code, two.err).toBe(2);
    expect(two.err.split('\n').filter((l) => l.startsWith('error:'))).toEqual(one.err.split('\n').filter((l) => l.startsWith('error:')));
    expect(one.out + two.out).toBe('');
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal the progress bar is redrawn in place: its own control codes reach the terminal, not shown as escapes', async () => {
    const screen = await onTerminal(['sweep', 'canary-tool-call-regression', '--seeds', '3', '--workers', '1']);
    expect(screen.code, screen.out).toBe(0);
    expect(screen.out).toContain('\r\x1b[K[##########....................] 1/3 seeds');
    expect(screen.out).toContain('\r\x1b[K[##############################] 3/3 seeds');
    expect(screen.out).not.toContain('\\x1b');
  }, 60_000);
});

describe('the live view on a terminal', () => {
  it.skipIf(!HAS_SCRIPT)('run NAME on a scenario that lists spec.compare: the replay line repeats the name as typed', async () => {
    // Played at 600× to 2m, where the live view ends by itself.
    const screen = await onTerminal(['run', 'latency-leak-pod-age', '--until', '2m', '--speed', '600']);
    expect(screen.code, screen.out).toBe(0);
    const replay = screen.out.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').match(/Replay: [^(\r\n]*/g)?.at(-1);
    expect(replay?.trimEnd()).toBe('Replay: simulate compare latency-leak-pod-age --seed 7 --until 2m0s');
  }, 60_000);
});

/** bench-sweep's canary with a costly background analysis (every 10 s, a 1 h subquery at 500 ms steps). */
const HEAVY = readFileSync(join(ROOT, 'scenarios', 'bench-sweep.yaml'), 'utf8')
  .replace('      steps:\n', '      analysis:\n        templates: [{templateName: heavy}]\n      steps:\n')
  .replace('---\napiVersion: rollout-sim/v1alpha1', [
    '---', 'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: heavy}', 'spec:', '  metrics:',
    '    - name: heavy', '      interval: 10s', '      successCondition: result[0] >= 0',
    '      provider: {prometheus: {address: "http://prometheus.monitoring:9090", query: "sum(count_over_time(http_requests_total[1h:500ms]))"}}',
    '---', 'apiVersion: rollout-sim/v1alpha1',
  ].join('\n'));
