/**
 * The list: each of these inputs gives one precise error (message, line, column, path).
 */
import { describe, expect, it } from 'vitest';
import { ROLLOUT, SCENARIO, edit, errorsOf, file, messages } from './helpers.js';

describe('the issue list: precise errors', () => {
  it('invalid YAML is reported where the bracket opens, in plain words, with its path', () => {
    const text = 'apiVersion: rollout-sim/v1alpha1\nkind: Scenario\nspec:\n  traffic: {rps: [1, 2}\n';
    expect(messages(text)).toEqual(['test.yaml:4:18: spec.traffic.rps: unclosed "[": this list has no closing "]" (end the list with "]")']);
  });

  it('a misspelled key (cohrts) suggests the right one', () => {
    const text = file(edit(SCENARIO, '    rps: 10\n', '    rps: 10\n    cohrts:\n      - {name: a, share: 1}\n'), ROLLOUT);
    expect(errorsOf(text)).toEqual([
      { file: 'test.yaml', line: 7, column: 5, path: 'spec.traffic.cohrts', message: 'unknown field "cohrts"', suggestion: 'did you mean "cohorts"?' },
    ]);
    expect(messages(text)).toEqual(['test.yaml:7:5: spec.traffic.cohrts: unknown field "cohrts" (did you mean "cohorts"?)']);
  });

  it('setWeight: 120 is outside [0, 100]', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'setWeight: 20', 'setWeight: 120'));
    expect(messages(text)).toEqual(['test.yaml:26:22: spec.strategy.canary.steps[0].setWeight: SetWeight needs to be between 0 and 100 (got 120)']);
  });

  it('rps: -1 is refused', () => {
    const text = file(edit(SCENARIO, 'rps: 10', 'rps: -1'), ROLLOUT);
    expect(messages(text)).toEqual(['test.yaml:6:10: spec.traffic.rps: must be greater than 0, got -1']);
  });

  it('a negative duration is refused', () => {
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  duration: -30m\n'), ROLLOUT);
    expect(messages(text)).toEqual(['test.yaml:5:13: spec.duration: a duration must not be negative, got "-30m"']);
  });

  it('an unknown kind suggests the close one', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'kind: Rollout', 'kind: Rolout'));
    expect(messages(text)).toEqual(['test.yaml:9:7: kind: unknown kind "Rolout" for apiVersion "argoproj.io/v1alpha1" (did you mean "Rollout"?)']);
  });

  it('an empty file says so', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n---\n']) {
      expect(errorsOf(text)).toEqual([
        {
          file: 'test.yaml',
          line: 1,
          column: 1,
          path: '',
          message: 'the file is empty',
          suggestion: 'a scenario file holds Argo manifests (a Rollout or an apps/v1 Deployment) and one `kind: Scenario` document',
        },
      ]);
    }
  });
});

