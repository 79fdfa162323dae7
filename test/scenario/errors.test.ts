import { describe, expect, it } from 'vitest';
import { Issues, closest, didYouMean, editDistance, formatLoadError } from '../../src/scenario/errors.js';

describe('formatLoadError', () => {
  it('prints file:line:col: path: message (suggestion)', () => {
    const e = { file: 'scenarios/x.yaml', line: 12, column: 7, path: 'spec.traffic.cohrts', message: 'unknown field "cohrts"', suggestion: 'did you mean "cohorts"?' };
    expect(formatLoadError(e)).toBe('scenarios/x.yaml:12:7: spec.traffic.cohrts: unknown field "cohrts" (did you mean "cohorts"?)');
  });
  it('omits an empty path and a missing suggestion', () => {
    expect(formatLoadError({ file: 'a.yaml', line: 1, column: 1, path: '', message: 'the file is empty' })).toBe('a.yaml:1:1: the file is empty');
  });
  it('indents a multi-line suggestion under the message', () => {
    const e = { file: 'a.yaml', line: 1, column: 1, path: '', message: 'no Scenario document', suggestion: 'add:\n---\nkind: Scenario' };
    expect(formatLoadError(e)).toBe('a.yaml:1:1: no Scenario document\n    add:\n    ---\n    kind: Scenario');
  });
});

describe('did you mean', () => {
  it('edit distance counts inserts, deletes and substitutions, ignoring case', () => {
    expect(editDistance('cohrts', 'cohorts')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('SetWeight', 'setWeight')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    // A swap of neighbours is one typo, not two substitutions.
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('cohrots', 'cohorts')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
  it('suggests only plausible typos', () => {
    expect(closest('cohrts', ['seed', 'cohorts', 'traffic'])).toBe('cohorts');
    expect(closest('setWieght', ['setWeight', 'pause'])).toBe('setWeight');
    expect(closest('to', ['at'])).toBeUndefined();
    expect(closest('rnu', ['compare', 'run'])).toBe('run');
    expect(closest('xyz', ['seed'])).toBeUndefined();
    expect(closest('seed', ['seed'])).toBeUndefined();
    expect(didYouMean('promte', ['promote', 'abort'])).toBe('did you mean "promote"?');
  });
});

describe('Issues', () => {
  it('sorts by file order, then line and column, and drops exact duplicates', () => {
    const issues = new Issues();
    issues.addFile('b.yaml');
    issues.addFile('a.yaml');
    issues.add({ file: 'a.yaml', line: 1, column: 1 }, '', 'third');
    issues.add({ file: 'b.yaml', line: 9, column: 2 }, '', 'second');
    issues.add({ file: 'b.yaml', line: 3, column: 5 }, 'x', 'first');
    issues.add({ file: 'b.yaml', line: 3, column: 5 }, 'x', 'first');
    expect(issues.sorted().map((e) => e.message)).toEqual(['first', 'second', 'third']);
  });
});
