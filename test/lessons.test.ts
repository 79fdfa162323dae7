/**
 * The course (lessons/): every lesson fails as shipped and passes with its solution, on every
 * seed it is graded over (no flaky grading), and each folder holds what the README promises.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHints, parseManifest } from '../src/cli/lessons.js';
import { grade } from '../src/run/grade.js';
import { loadScenarioPath } from '../src/scenario/index.js';

const ROOT = 'lessons';
const lessons = parseManifest(readFileSync(join(ROOT, 'lessons.yaml'), 'utf8'), 'lessons.yaml');

function graded(file: string) {
  const r = loadScenarioPath(file);
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('; ')}`);
  if (r.scenario.expect === undefined) throw new Error(`${file}: no expect: block`);
  return grade(r.scenario, r.scenario.expect);
}

describe('the course', () => {
  it('lists its lessons in order, each folder named by its id', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    expect(lessons.map((l) => l.id)).toEqual([...lessons.map((l) => l.id)].sort());
    const folders = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(lessons.map((l) => l.id));
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s: README, hints, and a solution mirroring the exercise', (_, l) => {
    const dir = join(ROOT, l.id);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(parseHints(readFileSync(join(dir, 'hints.md'), 'utf8')).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, l.exercise), 'utf8')).toMatch(/# TODO/);
    const exercises = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(readdirSync(join(dir, 'solution')).filter((f) => f.endsWith('.yaml'))).toEqual(exercises);
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s: fails as shipped, passes solved, on every graded seed', (_, l) => {
    const shipped = graded(join(ROOT, l.id, l.exercise));
    const solved = graded(join(ROOT, l.id, 'solution', l.exercise));
    expect(shipped.passed).toBe(false);
    expect(solved.passed).toBe(true);
    // Stable: the solution meets every expectation on every seed (not just atLeast of them), so a
    // seed more or less does not flip the grade.
    for (const r of solved.results) expect(`${r.text}: ${r.held}/${r.total}`).toBe(`${r.text}: ${r.total}/${r.total}`);
  });
});
