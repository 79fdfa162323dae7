import { describe, expect, it } from 'vitest';
import { capacityNote } from '../../src/run/capacity.js';
import { aScenario } from '../helpers/builders.js';

describe('capacityNote', () => {
  it('warns when the peak traffic needs more busy slots than the pods have (the worked example)', () => {
    const s = aScenario({ traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: [{ name: 'chat', share: 1, headers: {} }] } });
    expect(capacityNote(s, 4)).toBe(
      'traffic needs about 22 busy slots at its peak but 4 pods × concurrency 4 give 16: requests will queue and latency will grow without bound (lower traffic.rps or raise agent.concurrency)',
    );
  });

  it('stays quiet when the pods have room (22 needed, 40 slots)', () => {
    const s = aScenario({ traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: [{ name: 'chat', share: 1, headers: {} }] } });
    expect(capacityNote(s, 10)).toBeUndefined();
  });

  it('uses the peak of a stepped profile', () => {
    const s = aScenario({ traffic: { rate: { kind: 'steps', points: [{ at: 0, rps: 5 }, { at: 60_000, rps: 40 }] }, cohorts: [{ name: 'chat', share: 1, headers: {} }] } });
    expect(capacityNote(s, 10)).toMatch(/about 44 busy slots/);
  });
});
