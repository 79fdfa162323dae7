/** Inline suppression (src/cli/lint-suppress.ts): the pure function, then through `simulate lint`. */
import { describe, expect, it } from 'vitest';
import { applySuppressions, directiveOf } from '../../src/cli/lint-suppress.js';
import type { Finding } from '../../src/lint/types.js';
import { ROOT, sim } from './harness.js';

const at = (line: number, rule: Finding['rule'] = 'pause-without-operator'): Finding => ({ rule, severity: 'warning', message: 'm', file: 'f.yaml', line, column: 9, path: 'p', suggestion: 's' });
const NOTE = 'f.yaml:2: suppression of pause-without-operator ignored: it needs a reason (# rollout-sim-lint: disable=pause-without-operator reason: why it is safe)';

describe('directiveOf', () => {
  it('reads the rule ids and the reason of a comment anywhere on the line', () => {
    expect(directiveOf('  - pause: {} # rollout-sim-lint: disable=pause-without-operator reason: manual gate')).toEqual({ rules: ['pause-without-operator'], reason: 'manual gate' });
    expect(directiveOf('# rollout-sim-lint: disable=a,b reason:  x ')).toEqual({ rules: ['a', 'b'], reason: 'x' });
    expect(directiveOf('# rollout-sim-lint: disable=a')).toEqual({ rules: ['a'], reason: '' });
    expect(directiveOf('- pause: {}  # disable=a reason: x')).toBeUndefined();
  });
});

describe('applySuppressions', () => {
  const above = 'a: 1\n# rollout-sim-lint: disable=pause-without-operator reason: promoted by hand\nb: 2\nc: 3';
  it('a reasoned directive on the line above or on the line itself silences that rule there only', () => {
    expect(applySuppressions([at(3)], above)).toEqual({ kept: [], suppressed: 1, notes: [] });
    expect(applySuppressions([at(2)], above)).toEqual({ kept: [], suppressed: 1, notes: [] });
    expect(applySuppressions([at(4)], above)).toEqual({ kept: [at(4)], suppressed: 0, notes: [] });
    expect(applySuppressions([at(3, 'query-no-series')], above)).toEqual({ kept: [at(3, 'query-no-series')], suppressed: 0, notes: [] });
  });
  it('without a reason the directive is ignored, with one note however many findings it names', () => {
    const bare = 'a: 1\n# rollout-sim-lint: disable=pause-without-operator\nb: 2';
    expect(applySuppressions([at(3), at(3)], bare)).toEqual({ kept: [at(3), at(3)], suppressed: 0, notes: [NOTE] });
    expect(applySuppressions([at(3)], bare.replace('operator', 'operator reason:'))).toEqual({ kept: [at(3)], suppressed: 0, notes: [NOTE] });
  });
});

describe('simulate lint with suppressions', () => {
  it('the reasoned one is counted, the bare one is reported with a note', async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    const r = await sim(['lint', 'test/fixtures/lint/suppressed.yaml', '--fail-on', 'warning']).finally(() => process.chdir(cwd));
    expect(r.code).toBe(3);
    expect(r.out.split('\n').find((l) => l.includes('condition-unknown-name'))).toBe('test/fixtures/lint/suppressed.yaml:27:23: warning condition-unknown-name: successCondition of metric "err" names "reslt", which Argo\'s condition environment does not have: every measurement will be an Error');
    // The two others are the new rules' (no-initial-delay, query-no-canary-selector) on the same fixture.
    expect(r.out.trim().split('\n').at(-1)).toBe('3 findings (0 errors, 3 warnings) in 1 file; 1 suppressed');
    expect(r.err).toBe('note: test/fixtures/lint/suppressed.yaml:27: suppression of condition-unknown-name ignored: it needs a reason (# rollout-sim-lint: disable=condition-unknown-name reason: why it is safe)\n');
  });
});
