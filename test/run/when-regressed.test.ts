/**
 * `expect.whenRegressed`: the same seeds graded again with the release's regressions replaced, so
 * an exercise about a healthy release ("promoted, no false rollback") cannot be passed by deleting
 * the analysis or by a condition that passes everything. Lesson 6 is the case in point.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/run/grade.js';
import { formatLoadError, loadScenarioText } from '../../src/scenario/index.js';

const SOLUTION = readFileSync(fileURLToPath(new URL('../../lessons/06-low-traffic/solution/exercise.yaml', import.meta.url)), 'utf8');

function graded(text: string): { text: string; measured: readonly string[]; passed: boolean }[] {
  const r = loadScenarioText(text, 'lesson-06.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatLoadError).join('\n'));
  const e = r.scenario.expect;
  if (e === undefined) throw new Error('no expect');
  return grade(r.scenario, e).results.map(({ text: t, measured, passed }) => ({ text: t, measured, passed }));
}

function loadErrors(text: string): string[] {
  const r = loadScenarioText(text, 'lesson-06.yaml');
  return r.ok ? [] : r.errors.map(formatLoadError);
}

describe('lesson 6 graded with a bad release too', () => {
  it('the guarded condition passes all three: promoted, no false rollback, and a 20 % error rate caught', () => {
    expect(graded(SOLUTION)).toEqual([
      { text: 'outcome: promoted', measured: ['promoted', 'promoted', 'promoted'], passed: true },
      { text: 'falseRollback: false', measured: ['false', 'false', 'false'], passed: true },
      { text: 'whenRegressed caught: true', measured: ['true', 'true', 'true'], passed: true },
    ]);
  });

  it('deleting the analysis step promotes the healthy release but is not a pass: the bad one is never caught', () => {
    const deleted = SOLUTION.replace(/ {8}- analysis:\n.*\n.*\n/, '');
    expect(deleted).not.toContain('- analysis:');
    expect(graded(deleted).map((r) => [r.text, r.passed])).toEqual([
      ['outcome: promoted', true],
      ['falseRollback: false', true],
      ['whenRegressed caught: true', false],
    ]);
  });

  it('a condition that passes everything is not a pass either', () => {
    const blind = SOLUTION.replace(/successCondition: .*/, 'successCondition: "true"');
    expect(graded(blind).at(-1)).toEqual({ text: 'whenRegressed caught: true', measured: ['false', 'false', 'false'], passed: false });
  });
});

describe('whenRegressed is checked at load', () => {
  it('needs its regressions, with the line and path', () => {
    const errors = loadErrors(SOLUTION.replace('regressions: [{metric: errorRate, to: 20%}]\n', ''));
    expect(errors).toEqual(['lesson-06.yaml:83:13: spec.expect.whenRegressed.regressions: missing required field "regressions"']);
  });

  it('names something to check', () => {
    const errors = loadErrors(SOLUTION.replace('      caught: true\n', ''));
    expect(errors).toEqual([expect.stringMatching(/spec\.expect\.whenRegressed: whenRegressed: names nothing to check/)]);
  });

  it('checks its regressions as spec.release.regressions are checked, at their own path', () => {
    const errors = loadErrors(SOLUTION.replace('{metric: errorRate, to: 20%}', '{metric: errorRate, cohort: nobody, to: 20%}'));
    expect(errors).toEqual([expect.stringMatching(/spec\.expect\.whenRegressed\.regressions\[0\]\.cohort: unknown cohort "nobody"/)]);
  });
});
