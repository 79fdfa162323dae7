/**
 * Issue 14 at the process level, where only a real process shows it: a closed pipe (EPIPE), SIGINT
 * and SIGTERM, and what --export-metrics leaves on disk after them. The CLI is bundled from src/
 * (rolldown, as `npm run build` does, into a throw-away folder under dist/) so the test runs the
 * code under test, never a stale build.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scenarioPath } from './harness.js';

const BUNDLE = join(ROOT, 'dist', `test-process-${process.pid}`);
const work = mkdtempSync(join(tmpdir(), 'process-'));

beforeAll(async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).map((name) => new RegExp(`^${name.replace('/', '\\/')}(\\/|$)`));
  // Under dist/ (two levels below the root, as dist/bundle is), so the package root and node_modules resolve.
  await build({ input: join(ROOT, 'src/cli/main.ts'), platform: 'node', external, logLevel: 'warn', output: { dir: BUNDLE, format: 'esm', entryFileNames: '[name].js' }, write: true });
  writeFileSync(join(BUNDLE, 'launch.mjs'), "import { main } from './main.js';\nawait main(process.argv.slice(2));\n");
}, 120_000);
afterAll(() => {
  rmSync(BUNDLE, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

interface Ended { code: number | null; signal: NodeJS.Signals | null; err: string }

/** Runs the CLI; `onStart` gets the child once it has written its first bytes to `waitOn`. */
function cli(args: string[], waitOn: 'stdout' | 'stderr', onStart: (child: ReturnType<typeof spawn>) => void): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(BUNDLE, 'launch.mjs'), ...args], { cwd: work, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let err = '';
    let started = false;
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child[waitOn].on('data', () => {
      if (started) return;
      started = true;
      onStart(child);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, err }));
  });
}

describe('a closed pipe', () => {
  it('query output into a reader that stops after one byte: exit 0, nothing on stderr (no EPIPE stack)', async () => {
    let om = '# TYPE m counter\n';
    for (let i = 0; i < 20_000; i++) om += `m_total{i="${i}"} 1 1000\n`; // ~600 KB of table: far past a pipe's 64 KB
    writeFileSync(join(work, 'big.om'), om + '# EOF\n');
    const ended = await cli(['query', 'big.om', 'm_total'], 'stdout', (child) => child.stdout?.destroy());
    expect(ended).toEqual({ code: 0, signal: null, err: '' });
  });

  it('a run streaming its trace stops at its next write once the reader has gone', async () => {
    const ended = await cli(['run', scenarioPath('bench-w1.yaml'), '--output', 'jsonl'], 'stdout', (child) => child.stdout?.destroy());
    expect([ended.code, ended.signal]).toEqual([0, null]);
    expect(ended.err).not.toMatch(/EPIPE|internal error|at .*\.js/);
  });
});

describe('signals during a run with --export-metrics', () => {
  const exports = join(work, 'exports');
  mkdirSync(exports);

  // bench-w1 warns on stderr before its (seconds-long, synchronous) simulation: the signal lands mid-run.
  for (const [signal, shellStatus] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} ends the process by that signal (a shell reports ${shellStatus}); the older export stays, no temporary file`, async () => {
      writeFileSync(join(exports, 'm.om'), 'OLD\n');
      const ended = await cli(['run', scenarioPath('bench-w1.yaml'), '--output', 'json', '--export-metrics', join(exports, 'm.om')], 'stderr', (child) => child.kill(signal));
      expect([ended.code, ended.signal]).toEqual([null, signal]);
      expect(readdirSync(exports)).toEqual(['m.om']);
      expect(readFileSync(join(exports, 'm.om'), 'utf8')).toBe('OLD\n');
    });
  }
});
