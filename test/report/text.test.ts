import { describe, expect, it } from 'vitest';
import { clock, formatTextLine } from '../../src/report/text.js';

describe('text timeline', () => {
  it('aligns the clock to 9 columns, to the tenth of a second', () => {
    expect(clock(90_000)).toBe('    1m30s');
    expect(clock(784_811)).toBe('  13m4.8s');
    expect(clock(0)).toBe('       0s');
  });

  it('shows ActualWeight only when it differs from setWeight', () => {
    const style = { color: false };
    expect(formatTextLine({ t: 80_000, type: 'WeightChanged', canary: 40, stable: 60, actual: 25 }, style, 8)).toBe('    1m20s  ⇄ weight: canary 40% · stable 60% (actual 25%)');
    expect(formatTextLine({ t: 20_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 20 }, style, 8)).toBe('      20s  ⇄ weight: canary 20% · stable 80%');
  });

  it('leaves Paused to the PhaseChanged line that follows, and writes steps 1-based', () => {
    const style = { color: false };
    expect(formatTextLine({ t: 0, type: 'Paused', reason: 'CanaryPauseStep' }, style, 4)).toBeUndefined();
    expect(formatTextLine({ t: 0, type: 'StepStarted', index: 0, step: 'setWeight: 20' }, style, 4)).toBe('       0s  • step 1 of 4  setWeight: 20');
  });

  it('uses SGR colour only when asked, never cursor codes', () => {
    const line = formatTextLine({ t: 0, type: 'RolloutPromoted' }, { color: true }, 0) as string;
    expect(line).toMatch(/\u001b\[\d+m/);
    expect(line).not.toMatch(/\u001b\[[0-9;]*[HJK]/);
  });
});
