/**
 * `simulate sweep` in-process (one worker: this thread). The threads and processes are in
 * sweep-processes.test.ts. The acceptance sweep of 40 seeds takes about 10 s on the loaded
 * 2-core machine.
 */
import { describe, expect, it } from 'vitest';
import { listDirectory, readTextFile } from '../../src/cli/io.js';
import { dispatch } from '../../src/cli/main.js';
import type { SweepResult } from '../../src/sweep/result.js';
import type { Terminal } from '../../src/ui/terminal.js';
import { sim } from './harness.js';

const json = (out: string): SweepResult => JSON.parse(out) as SweepResult;

describe('simulate sweep', () => {
  it('canary-tool-call-regression: detection ≥ 95 % and the healthy twin\'s false-rollback rate, both with intervals', async () => {
    const r = await sim(['sweep', 'canary-tool-call-regression', '--seeds', '40', '--workers', '1', '--output', 'json']);
    expect(r.code).toBe(0);
    const res = json(r.out);
    expect(res).toMatchObject({ resultVersion: 1, command: 'sweep', scenario: 'canary-tool-call-regression', seeds: 40, seedRange: [7, 46], horizon: 'decision', vary: [] });
    const cell = res.cells[0];
    expect(cell?.workload).toBe('agent');
    const d = cell?.regressed?.detection;
    expect(d?.of).toBe(40);
    expect(d?.rate).toBeGreaterThanOrEqual(0.95);
    // The interval is Wilson's for exactly these counts.
    const fr = cell?.healthy.falseRollback;
    expect(fr?.of).toBe(40);
    expect(fr?.low).toBeLessThanOrEqual(fr?.rate ?? -1);
    expect(fr?.high).toBeGreaterThan(fr?.rate ?? 2);
    expect(d?.low).toBeLessThan(d?.rate ?? 0);
    // Seed 7 is the scenario's own run: caught at 320 s (simulate run canary-tool-call-regression).
    expect(cell?.regressed?.timeToDetect.n).toBe(d?.count);
    expect(cell?.healthy.promoted.count).toBe(40 - (fr?.count ?? 0));
  });

  it('the first seed is simulate run --seed S: the same verdict and time', async () => {
    const one = await sim(['sweep', 'canary-tool-call-regression', '--seeds', '1', '--workers', '1', '--output', 'json']);
    const run = JSON.parse((await sim(['run', 'canary-tool-call-regression', '--output', 'json'])).out) as { caught: boolean; detectedAfter: number };
    const cell = json(one.out).cells[0];
    expect(cell?.regressed?.detection.count).toBe(run.caught ? 1 : 0);
    expect(cell?.regressed?.timeToDetect.median).toBe(run.detectedAfter);
  });

  it('--vary makes one cell per value, labelled in the table and the CSV', async () => {
    const args = ['sweep', 'canary-tool-call-regression', '--seeds', '3', '--workers', '1', '--vary', 'spec.release.regressions[0].to=0.5%,6%'];
    const res = json((await sim([...args, '--output', 'json'])).out);
    expect(res.cells.map((c) => c.vary)).toEqual([{ 'spec.release.regressions[0].to': '0.5%' }, { 'spec.release.regressions[0].to': '6%' }]);
    // A "regression" to the stable error rate is caught no more often than the real one.
    expect(res.cells[0]?.regressed?.detection.count).toBeLessThanOrEqual(res.cells[1]?.regressed?.detection.count ?? 0);
    const table = (await sim(args)).out;
    expect(table).toContain('to=0.5%');
    expect(table).toContain('to= is --vary spec.release.regressions[0].to');
    const csv = (await sim([...args, '--output', 'csv'])).out.trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]?.startsWith('agent,canary,spec.release.regressions[0].to=0.5%,3,')).toBe(true);
  });

  it('shards merged in process equal the whole sweep, byte for byte', async () => {
    const base = ['sweep', 'canary-happy-path', '--seeds', '5', '--workers', '1'];
    const whole = await sim([...base, '--output', 'json']);
    const parts = await Promise.all([0, 1, 2].map((i) => sim([...base, '--shard', `${i}/3`])));
    const files = new Map(parts.map((p, i) => [`part-${i}.json`, p.out]));
    const merged = await simWithFiles(['sweep', 'merge', ...files.keys(), '--output', 'json'], files);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(whole.out);
    const healthyOnly = json(whole.out).cells[0];
    expect(healthyOnly?.regressed).toBeNull();
    expect(healthyOnly?.healthy.falseRollback.count).toBe(0);
  });

  it('refuses a part of another sweep, a missing shard and a shard given twice (exit 2)', async () => {
    const a = (await sim(['sweep', 'canary-happy-path', '--seeds', '2', '--workers', '1', '--shard', '0/2'])).out;
    const b = (await sim(['sweep', 'canary-happy-path', '--seeds', '3', '--workers', '1', '--shard', '1/2'])).out;
    const files = new Map([['a.json', a], ['b.json', b], ['x.json', '{"format":"nope"}']]);
    const other = await simWithFiles(['sweep', 'merge', 'a.json', 'b.json'], files);
    expect(other.code).toBe(2);
    expect(other.err).toContain('b.json: a part of another sweep than a.json');
    expect((await simWithFiles(['sweep', 'merge', 'a.json'], files)).err).toContain('shard 1/2 missing (have 1 of 2)');
    expect((await simWithFiles(['sweep', 'merge', 'a.json', 'a.json'], files)).err).toContain('shard 0/2 again');
    expect((await simWithFiles(['sweep', 'merge', 'x.json'], files)).err).toContain('not a partial sweep result');
  });

  it('bad input exits 2 with the fix: a wrong path, a bad value, a bad flag', async () => {
    const bad = async (...args: string[]): Promise<string> => {
      const r = await sim(['sweep', 'canary-tool-call-regression', '--seeds', '2', '--workers', '1', ...args]);
      expect(r.code).toBe(2);
      return r.err;
    };
    expect(await bad('--vary', 'spec.release.regresions[0].to=1%')).toContain('spec.release has no key "regresions" (did you mean "regressions"?)');
    expect(await bad('--vary', 'spec.release.regressions[0].to=200%')).toContain('(with --vary spec.release.regressions[0].to=200%)');
    expect(await bad('--vary', 'AnalysisTemplate/error-rate:spec.metrics[name=error-rate].failureLimt=1')).toContain('did you mean "failureLimit"');
    expect(await bad('--shard', '4/4')).toContain('--shard 4/4: I must be 0…N-1');
    expect(await bad('--shard', '/4')).toContain('JOB_COMPLETION_INDEX is not set');
    expect(await bad('--horizon', 'soon')).toContain('--horizon must be decision or end');
    expect((await sim(['sweep', 'canary-tool-call-regression'])).err).toContain('--seeds N is required');
  });
});

describe('simulate compare --seeds', () => {
  it('one row per strategy, on the same seeds', async () => {
    const r = await sim(['compare', 'flagship', '--seeds', '2', '--workers', '1', '--output', 'json']);
    expect(r.code).toBe(0);
    const res = json(r.out);
    expect(res.command).toBe('compare');
    expect(res.cells.map((c) => `${c.workload} ${c.strategy}`)).toEqual(['agent-canary canary', 'agent-bluegreen blueGreen', 'agent-deployment rollingUpdate']);
    // The rolling Deployment has no analysis: it never detects anything.
    expect(res.cells[2]?.regressed?.detection.count).toBe(0);
  });

  it('on a terminal the table fits: one table, two tables at 120 columns, a list at 80; piped, always one', async () => {
    const args = ['compare', 'flagship', '--seeds', '2', '--workers', '1'];
    const onScreen = async (columns: number): Promise<string[]> => {
      const terminal = { stdout: { isTTY: true, columns }, stderr: { isTTY: false }, stdin: {} } as unknown as Terminal;
      let out = '';
      const code = await dispatch(args, { stdout: (s) => void (out += s), stderr: () => undefined, readFile: readTextFile, listDir: listDirectory, clock: () => 0, env: { CI: 'true' }, isTTY: true, terminal });
      expect(code).toBe(0);
      return out.split('\n');
    };
    const piped = (await sim(args)).out.split('\n');
    expect(await onScreen(400)).toEqual(piped);
    expect(Math.max(...piped.map((l) => l.length))).toBeGreaterThan(120);
    // Each row of the one table, split at its column gaps.
    const whole = piped.slice(piped.findIndex((l) => l.startsWith('cell ')), piped.findIndex((l) => l.startsWith('cell ')) + 4).map((l) => l.split(/ {3,}/));
    const at120 = await onScreen(120);
    expect(Math.max(...at120.map((l) => l.length))).toBeLessThanOrEqual(120);
    const heads = at120.flatMap((l, i) => (l.startsWith('cell ') ? [i] : []));
    const block = (from: number): string[][] => at120.slice(from, from + 4).map((l) => l.split(/ {3,}/));
    expect(block(heads[0] as number)).toEqual(whole.map((c) => [0, 1, 2, 6].map((i) => c[i])));
    expect(block(heads[1] as number)).toEqual(whole.map((c) => [0, 3, 4, 5].map((i) => c[i])));
    const at80 = await onScreen(80);
    expect(Math.max(...at80.map((l) => l.length))).toBeLessThanOrEqual(80);
    // The list: per cell its name, then each column's heading and value.
    const [head, ...rows] = whole as [string[], ...string[][]];
    for (const row of rows) {
      const at = at80.indexOf(row[0] as string);
      expect(at80.slice(at + 1, at + 7).map((l) => l.trim().split(/ {3,}/))).toEqual(head.slice(1).map((h, k) => [h, row[k + 1]]));
    }
  });
});

async function simWithFiles(args: string[], files: Map<string, string>): Promise<{ code: number; out: string; err: string }> {
  const { dispatch } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const code = await dispatch(args, {
    stdout: (s) => void (out += s), stderr: (s) => void (err += s), listDir: () => [], clock: () => 0, env: { CI: 'true' }, isTTY: false,
    readFile: (p) => {
      const t = files.get(p);
      if (t === undefined) throw new Error('no such file');
      return t;
    },
  });
  return { code, out, err };
}
