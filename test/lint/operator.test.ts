import { describe, expect, it } from 'vitest';
import { lintOperator, shortDuration } from '../../src/lint/operator.js';
import { load, type Parts } from './fixture.js';

const lint = (p: Parts) => {
  const s = load(p);
  return lintOperator(s, s.workloads[0] as (typeof s.workloads)[number]);
};

const PAUSED = `    canary:
      steps:
        - setWeight: 20
        - pause: {duration: 10m}
        - pause: {}
        - setWeight: 50
        - pause: {}`;

const BLUE_GREEN = `    blueGreen:
      activeService: web-active
      previewService: web-preview
      autoPromotionEnabled: false`;

describe('pause-without-operator', () => {
  it('the first indefinite pause no promote resumes: at the step, with when to promote', () => {
    expect(lint({ strategy: PAUSED })).toEqual([{
      rule: 'pause-without-operator', severity: 'warning', file: 'case.yaml', line: 15, column: 11,
      path: 'spec.strategy.canary.steps[2].pause',
      message: 'Rollout "web" pauses indefinitely at step 2 (pause: {}) and no spec.operator action promotes it: the run will end incomplete',
      suggestion: 'add spec.operator: [{at: 15m, action: promote}] to the Scenario, as kubectl argo rollouts promote would',
    }]);
  });

  it('each promote resumes one pause; abort or promoteFull end the waiting; resume (spec.paused) does not', () => {
    expect(lint({ strategy: PAUSED, spec: '  operator: [{at: 15m, action: promote}]' }).map((f) => f.path)).toEqual(['spec.strategy.canary.steps[4].pause']);
    expect(lint({ strategy: PAUSED, spec: '  operator: [{at: 15m, action: promote}, {at: 20m, action: promote}]' })).toEqual([]);
    expect(lint({ strategy: PAUSED, spec: '  operator: [{at: 15m, action: abort}]' })).toEqual([]);
    expect(lint({ strategy: PAUSED, spec: '  operator: [{at: 15m, action: promoteFull}]' })).toEqual([]);
    expect(lint({ strategy: PAUSED, spec: '  operator: [{at: 15m, action: resume}]' })).toHaveLength(1);
    const s = load({ strategy: PAUSED });
    const forOther = { ...s, operator: [{ at: 900_000, action: 'promoteFull' as const, rollout: 'other' }] };
    expect(lintOperator(forOther, s.workloads[0] as (typeof s.workloads)[number])).toHaveLength(1);
  });

  it('timed pauses wait for nobody', () => {
    expect(lint({})).toEqual([]);
  });
});

describe('promotion-without-operator', () => {
  it('autoPromotionEnabled: false with no promote: at the field', () => {
    expect(lint({ strategy: BLUE_GREEN })).toEqual([{
      rule: 'promotion-without-operator', severity: 'warning', file: 'case.yaml', line: 14, column: 29,
      path: 'spec.strategy.blueGreen.autoPromotionEnabled',
      message: 'Rollout "web" waits for a manual promotion (autoPromotionEnabled: false) and no spec.operator action promotes it: the run will end incomplete',
      suggestion: 'add spec.operator: [{at: 5m, action: promote}] to the Scenario, as kubectl argo rollouts promote would',
    }]);
    expect(lint({ strategy: BLUE_GREEN, spec: '  operator: [{at: 5m, action: promote}]' })).toEqual([]);
    expect(lint({ strategy: BLUE_GREEN.replace('false', 'true') })).toEqual([]);
  });
});

it('shortDuration writes durations as a person does', () => {
  expect([0, 600_000, 3_630_000, 3_600_000, 90_000].map(shortDuration)).toEqual(['0s', '10m', '1h0m30s', '1h', '1m30s']);
});
