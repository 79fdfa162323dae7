/**
 * `simulate check`, `run --expect`, `lessons`, `hint` and `check --class`: exit codes 0 / 3 / 2,
 * the verdict lines, progress kept in the working directory, and a class graded into a table and
 * a CSV.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, sim } from './harness.js';

const L1 = join(ROOT, 'lessons/01-why-not-a-deployment');
let cwd = '';
let dir = '';
beforeEach(() => {
  cwd = process.cwd();
  dir = mkdtempSync(join(tmpdir(), 'check-'));
  process.chdir(dir); // progress and CSVs land here, never in the repository
});
afterEach(() => process.chdir(cwd));

describe('simulate check', () => {
  it('a lesson as shipped: ✖ lines with the measured values, the first hint, exit 3; progress kept', async () => {
    const r = await sim(['check', '1']);
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Lesson 01-why-not-a-deployment: Why not a plain Deployment — ${join(L1, 'exercise.yaml')} (seeds 11–13)`);
    expect(lines.slice(2, 5)).toEqual([
      '✖ outcome: aborted — held in 0 of 3 seeds: promoted, promoted, promoted',
      '✖ caught: true — held in 0 of 3 seeds: false, false, false',
      '✖ harmedShare <= 1% — held in 0 of 3 seeds: 4.71 %, 4.58 %, 4.74 %',
    ]);
    expect(lines[5]).toMatch(/^not yet\. Hint 1 of 3: A Rollout is the Deployment with two changes/);
    expect(JSON.parse(readFileSync('.rollout-sim-progress.json', 'utf8'))).toEqual({ solved: [], hints: { '01-why-not-a-deployment': 1 } });
    // The next check shows the next hint.
    expect((await sim(['check', '01-why'])).out).toContain('Hint 2 of 3');
  });

  it('a solved file: ✔ lines, exit 0; a lesson solved is recorded and lessons shows it', async () => {
    const r = await sim(['check', join(L1, 'solution/exercise.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔ caught: true — held in 3 of 3 seeds: true, true, true');
    expect(r.out.trim().split('\n').at(-1)).toBe('every expectation met');
    // Solving the lesson in a copy of the course in the working directory.
    cpSync(join(ROOT, 'lessons'), 'lessons', { recursive: true });
    cpSync('lessons/01-why-not-a-deployment/solution/exercise.yaml', 'lessons/01-why-not-a-deployment/exercise.yaml');
    const solved = await sim(['check']);
    expect(solved.code).toBe(0);
    expect(solved.out).toContain('solved! Next: simulate check 02-first-canary');
    const list = await sim(['lessons']);
    expect(list.out.split('\n').slice(0, 2)).toEqual([
      '✔ 01  Why not a plain Deployment (10 min)',
      '→ 02  A first canary — setWeight, pause, and the weight you get (10 min)',
    ]);
    expect(list.out).toContain('1 of 10 solved. next: lesson 02, A first canary — setWeight, pause, and the weight you get\n  read  lessons/02-first-canary/README.md\n');
  });

  it('bad input exits 2: no such lesson, a file without expect:, broken YAML', async () => {
    const none = await sim(['check', 'nope']);
    expect([none.code, none.err]).toEqual([2, 'error: no lesson "nope"; simulate lessons lists them\n']);
    const plain = await sim(['check', join(ROOT, 'scenarios/canary-happy-path.yaml')]);
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/the Scenario has no expect: block to grade/);
    writeFileSync('broken.yaml', 'kind: Rollout\n  bad: [\n');
    expect((await sim(['check', 'broken.yaml'])).code).toBe(2);
  });

  it('run --expect grades after the run: exit 3 as shipped, 0 solved', async () => {
    const shipped = await sim(['run', join(L1, 'exercise.yaml'), '--expect', '--output', 'json']);
    expect(shipped.code).toBe(3);
    expect(shipped.err).toContain('✖ caught: true — held in 0 of 3 seeds');
    expect(JSON.parse(shipped.out).outcome).toBe('promoted'); // stdout stays the Summary
    expect((await sim(['run', join(L1, 'solution/exercise.yaml'), '--expect', '--output', 'json'])).code).toBe(0);
  });
});

describe('simulate check --class', () => {
  it('three students (pass, fail, broken YAML): the table and the CSV', async () => {
    const cls = 'class';
    for (const s of ['alice', 'bob', 'carol']) mkdirSync(join(cls, s, '01-why-not-a-deployment'), { recursive: true });
    cpSync(join(L1, 'solution/exercise.yaml'), join(cls, 'alice/01-why-not-a-deployment/exercise.yaml'));
    cpSync(join(L1, 'exercise.yaml'), join(cls, 'bob/01-why-not-a-deployment/exercise.yaml'));
    writeFileSync(join(cls, 'carol/01-why-not-a-deployment/exercise.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: x\n');
    const r = await sim(['check', '--class', cls, '1']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'student  01-why-not-a-deployment',
      'alice    pass',
      'bob      fail',
      'carol    broken',
    ]);
    expect(lines[5]).toBe('  bob / 01-why-not-a-deployment: not met: outcome: aborted; caught: true; harmedShare <= 1%');
    expect(lines[6]).toMatch(/^ {2}carol \/ 01-why-not-a-deployment: .*exercise\.yaml:3:11: metadata: unclosed "\{"/);
    const csv = readFileSync(join(cls, 'grades.csv'), 'utf8').split('\n');
    expect(csv.slice(0, 3)).toEqual([
      'student,lesson,grade,detail',
      'alice,01-why-not-a-deployment,pass,',
      'bob,01-why-not-a-deployment,fail,not met: outcome: aborted; caught: true; harmedShare <= 1%',
    ]);
    expect(csv[3]).toMatch(/^carol,01-why-not-a-deployment,broken,/);
  });

  it('a submission past a work limit is a broken file of that student; the rest of the class is still graded', async () => {
    const cls = 'class';
    for (const s of ['alice', 'dave']) mkdirSync(join(cls, s, '01-why-not-a-deployment'), { recursive: true });
    cpSync(join(L1, 'solution/exercise.yaml'), join(cls, 'alice/01-why-not-a-deployment/exercise.yaml'));
    // A query within the per-series estimate that the run's many series push past MAX_QUERY_SAMPLES.
    const costly = readFileSync(join(L1, 'solution/exercise.yaml'), 'utf8').replace(/query: \|\n(?: {12}.*\n)+/, "query: 'count_over_time(sum(rate(http_requests_total[30m]))[16m:10ms])'\n");
    expect(costly).toContain('[16m:10ms]');
    writeFileSync(join(cls, 'dave/01-why-not-a-deployment/exercise.yaml'), costly);
    const r = await sim(['check', '--class', cls, '1']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['student  01-why-not-a-deployment', 'alice    pass', 'dave     broken']);
    expect(lines[4]).toMatch(/^ {2}dave \/ 01-why-not-a-deployment: analysis stopped at \d+m\d+s: query refused by rollout-sim's work budget: one evaluation may touch at most 50,000,000 samples \(MAX_QUERY_SAMPLES/);
  });
});
