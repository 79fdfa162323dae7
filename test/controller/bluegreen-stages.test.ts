/**
 * The blue-green checklist's stages and the shared stage helpers one at a time, from hand-built
 * statuses, asserting the exact status fields and effects of their worked examples.
 */
import { describe, expect, it } from 'vitest';
import { applyOperatorAction } from '../../src/controller/actions.js';
import { blueGreenContext } from '../../src/controller/bluegreen-context.js';
import { reconcileBeforeSwitch, reconcileBlueGreenPause, reconcilePostPromotion, reconcilePromotionAnalysis } from '../../src/controller/bluegreen-promotion.js';
import { reconcileBlueGreenReplicaSets } from '../../src/controller/bluegreen-scaling.js';
import { reconcilePreviewService, restoreActiveServiceOnAbort } from '../../src/controller/bluegreen-services.js';
import { Checklist, scaleDownPastDelay, syncRolloutStatus } from '../../src/controller/stage.js';
import { initialStatus, startUpdate, type Observed, type RolloutStatus } from '../../src/controller/status.js';
import type { AnalysisPhase } from '../../src/model/events.js';
import type { BlueGreenStrategy, RolloutAnalysis } from '../../src/model/rollout.js';
import { aBlueGreenRollout } from '../helpers/builders.js';

const run: RolloutAnalysis = { templates: [{ templateName: 'smoke', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined };
const emit = (event: object) => ({ type: 'emit', event });

function observed(sets: Record<string, [number, number]>, now = 0, runs: Record<string, AnalysisPhase> = {}): Observed {
  return {
    now, paused: false,
    replicaSets: new Map(Object.entries(sets).map(([h, [replicas, available]]) => [h, { replicas, available }])),
    analysisRuns: new Map(Object.entries(runs).map(([k, phase]) => [k, { phase, message: 'm' }])),
  };
}
const updating = (over: Partial<RolloutStatus> = {}): RolloutStatus => ({ ...startUpdate(initialStatus('v1', 0), 'v2', 0), ...over });
const context = (strategy: Partial<BlueGreenStrategy>, s: RolloutStatus, o: Observed) => blueGreenContext(aBlueGreenRollout(strategy), s, o);

describe('blue-green services', () => {
  it('the preview Service follows the new ReplicaSet', () => {
    const s = updating({ previewSelector: 'v1' });
    const r = reconcilePreviewService(context({}, s, observed({ v1: [10, 10] })), s);
    expect(r.effects).toEqual([{ type: 'switchService', service: 'preview', hash: 'v2' }, emit({ t: 0, type: 'ServiceSwitched', service: 'agent-preview', to: 'v2' })]);
    expect(r.status.previewSelector).toBe('v2');
  });

  it('after an abort the active Service goes back to stable, once', () => {
    const s = updating({ abort: true, activeSelector: 'v2' });
    const r = restoreActiveServiceOnAbort(context({}, s, observed({ v1: [10, 10], v2: [10, 10] }, 5_000)), s);
    expect(r.effects).toEqual([
      { type: 'switchService', service: 'active', hash: 'v1' },
      emit({ t: 5_000, type: 'ServiceSwitched', service: 'agent-active', to: 'v1' }),
      emit({ t: 5_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 }),
    ]);
    expect(restoreActiveServiceOnAbort(context({}, r.status, observed({})), r.status).effects).toEqual([]);
  });
});

describe('reconcileBlueGreenReplicaSets', () => {
  it('brings the new ReplicaSet up to previewReplicaCount behind the preview, then reports it saturated', () => {
    const s = updating();
    const up = reconcileBlueGreenReplicaSets(context({ previewReplicaCount: 3 }, s, observed({ v1: [10, 10] })), s);
    expect(up.effects).toEqual([{ type: 'scale', hash: 'v2', replicas: 3, role: 'preview' }]);
    expect(up.saturated).toBe(false);
    const ready = reconcileBlueGreenReplicaSets(context({ previewReplicaCount: 3 }, s, observed({ v1: [10, 10], v2: [3, 3] })), s);
    expect(ready).toEqual({ status: s, effects: [], saturated: true });
  });

  it('after an abort keeps the new ReplicaSet abortScaleDownDelaySeconds from the abort, then scales it to 0', () => {
    const s = updating({ abort: true, abortedAt: 60_000, activeSelector: 'v1' });
    const kept = reconcileBlueGreenReplicaSets(context({}, s, observed({ v1: [10, 10], v2: [10, 10] }, 61_000)), s);
    expect(kept.effects).toEqual([{ type: 'requeueAt', at: 90_000 }]);
    expect(kept.status.scaleDownAt).toBe(90_000);
    const due = reconcileBlueGreenReplicaSets(context({}, kept.status, observed({ v1: [10, 10], v2: [10, 10] }, 90_000)), kept.status);
    expect(due.effects).toEqual([{ type: 'scale', hash: 'v2', replicas: 0, role: 'preview' }]);
  });
});

describe('blue-green promotion', () => {
  it('pre-promotion analysis starts once and passes when Successful', () => {
    const s = updating();
    const started = reconcilePromotionAnalysis(context({ prePromotionAnalysis: run }, s, observed({})), s, 'pre');
    expect(started.effects).toEqual([{ type: 'startAnalysis', key: 'pre', kind: 'pre', analysis: run, stepIndex: undefined }]);
    expect(started).toMatchObject({ status: { analysisKeys: ['pre'] }, passed: false });
    const done = reconcilePromotionAnalysis(context({ prePromotionAnalysis: run }, started.status, observed({}, 0, { pre: 'Successful' })), started.status, 'pre');
    expect(done).toEqual({ status: started.status, effects: [], passed: true });
  });

  it('autoPromotionSeconds pauses before the cutover and ends the pause by itself', () => {
    const st = { autoPromotionSeconds: 30 };
    const s = updating();
    const paused = reconcileBlueGreenPause(context(st, s, observed({}, 10_000)), s);
    expect(paused.effects).toEqual([emit({ t: 10_000, type: 'Paused', reason: 'BlueGreenPause' }), { type: 'requeueAt', at: 40_000 }]);
    expect(paused).toMatchObject({ status: { pauseConditions: [{ reason: 'BlueGreenPause', startTime: 10_000 }], controllerPause: true }, holds: true });
    expect(reconcileBlueGreenPause(context(st, paused.status, observed({}, 39_999)), paused.status)).toEqual({ status: paused.status, effects: [], holds: true });
    const ended = reconcileBlueGreenPause(context(st, paused.status, observed({}, 40_000)), paused.status);
    expect(ended.effects).toEqual([emit({ t: 40_000, type: 'Resumed', by: 'autoPromotionSeconds' })]);
    expect(ended).toMatchObject({ status: { pauseConditions: [] }, holds: false });
  });

  it('with nothing to wait for, a saturated new ReplicaSet takes the active Service', () => {
    const s = updating();
    const c = context({}, s, observed({ v1: [10, 10], v2: [10, 10] }, 20_000));
    const r = reconcileBeforeSwitch(c, s, { saturated: true });
    expect(r.effects).toEqual([
      { type: 'switchService', service: 'active', hash: 'v2' },
      emit({ t: 20_000, type: 'ServiceSwitched', service: 'agent-active', to: 'v2' }),
      emit({ t: 20_000, type: 'WeightChanged', canary: 100, stable: 0, actual: 100 }),
    ]);
    expect(r.status.activeSelector).toBe('v2');
    expect(reconcileBeforeSwitch(c, s, { saturated: false })).toEqual({ status: s, effects: [] });
  });

  it('a smaller preview is scaled to full size before the cutover', () => {
    const s = updating();
    const r = reconcileBeforeSwitch(context({ previewReplicaCount: 3 }, s, observed({ v1: [10, 10], v2: [3, 3] })), s, { saturated: true });
    expect(r.effects).toEqual([{ type: 'scale', hash: 'v2', replicas: 10, role: 'preview' }]);
    expect(r.status.previewScaledUp).toBe(true);
  });

  it('after the cutover the new ReplicaSet becomes stable; the old one waits scaleDownDelaySeconds', () => {
    const s = updating({ activeSelector: 'v2' });
    const r = reconcilePostPromotion(context({}, s, observed({ v1: [10, 10], v2: [10, 10] }, 100_000)), s);
    expect(r.effects).toEqual([emit({ t: 100_000, type: 'RolloutPromoted' }), { type: 'requeueAt', at: 130_000 }]);
    expect(r.status).toMatchObject({ stableRS: 'v2', scaleDownHash: 'v1', scaleDownAt: 130_000, controllerPause: false });
  });

  it('a failed post-promotion run aborts and switches the active Service back', () => {
    const s = updating({ activeSelector: 'v2', analysisKeys: ['post'] });
    const r = reconcilePostPromotion(context({ postPromotionAnalysis: run }, s, observed({}, 50_000, { post: 'Failed' })), s);
    expect(r.effects).toEqual([
      emit({ t: 50_000, type: 'RolloutAborted', reason: 'Blue/green post-promotion analysis phase error/failed: m' }),
      { type: 'switchService', service: 'active', hash: 'v1' },
      emit({ t: 50_000, type: 'ServiceSwitched', service: 'agent-active', to: 'v1' }),
      emit({ t: 50_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 }),
    ]);
    expect(r.status).toMatchObject({ abort: true, activeSelector: 'v1', stableRS: 'v1' });
  });
});

describe('shared stages', () => {
  it('Checklist threads the status and keeps the effects in stage order', () => {
    const list = new Checklist(updating());
    list.step((s) => ({ status: { ...s, canaryWeight: 20 }, effects: [{ type: 'setWeight', canary: 20 }] }));
    list.step((s) => ({ status: { ...s, actualWeight: s.canaryWeight }, effects: [{ type: 'requeueAt', at: 5 }] }));
    expect(list.result().effects).toEqual([{ type: 'setWeight', canary: 20 }, { type: 'requeueAt', at: 5 }]);
    expect(list.result().status).toMatchObject({ canaryWeight: 20, actualWeight: 20 });
  });

  it('scaleDownPastDelay clears a passed deadline even when the ReplicaSet is already at 0', () => {
    const s = updating({ scaleDownHash: 'v1', scaleDownAt: 30_000 });
    expect(scaleDownPastDelay(s, observed({ v1: [0, 0] }, 30_000), 'active')).toEqual({
      status: { ...s, scaleDownHash: undefined, scaleDownAt: undefined }, effects: [], scaled: false,
    });
  });

  it('syncRolloutStatus emits PhaseChanged only when phase or message moved', () => {
    const rollout = aBlueGreenRollout();
    const s = updating({ phase: 'Progressing', message: 'more replicas need to be updated' });
    const o = observed({ v1: [10, 10] }, 1_000);
    const moved = syncRolloutStatus(rollout, s, o, true, () => ({ phase: 'Paused', message: 'BlueGreenPause' }));
    expect(moved.effects).toEqual([emit({ t: 1_000, type: 'PhaseChanged', phase: 'Paused', message: 'BlueGreenPause' })]);
    expect(moved.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause', progressAt: 1_000 });
    expect(syncRolloutStatus(rollout, moved.status, o, true, () => ({ phase: 'Paused', message: 'BlueGreenPause' })).effects).toEqual([]);
  });
});

describe('applyOperatorAction', () => {
  it('promote on an Inconclusive current step skips it; on an Inconclusive background run restarts that run', () => {
    const paused = updating({ currentStepIndex: 2, controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: 0 }], analysisKeys: ['background', 'step:2'] });
    const skip = applyOperatorAction(paused, false, 'promote', 9_000, 4, ['step:2']);
    expect(skip.events).toEqual([{ t: 9_000, type: 'OperatorAction', action: 'promote' }, { t: 9_000, type: 'Resumed', by: 'promote' }]);
    expect(skip.status).toMatchObject({ currentStepIndex: 3, controllerPause: false, pauseConditions: [], progressAt: 9_000, analysisKeys: ['background', 'step:2'] });
    const restart = applyOperatorAction(paused, false, 'promote', 9_000, 4, ['background']);
    expect(restart.status).toMatchObject({ currentStepIndex: 2, controllerPause: true, pauseConditions: [], analysisKeys: ['step:2'] });
  });

  it('promote with no pause condition skips a canary step and gives blue-green no status patch', () => {
    const s = updating({ currentStepIndex: 0 });
    expect(applyOperatorAction(s, true, 'promote', 5_000, 3)).toEqual({
      status: { ...s, progressAt: 5_000, currentStepIndex: 1, controllerPause: false }, paused: false,
      events: [{ t: 5_000, type: 'OperatorAction', action: 'promote' }],
    });
    expect(applyOperatorAction(s, false, 'promote', 5_000, 0).status).toBe(s);
  });

  it('abort once and retry only after an abort', () => {
    const s = updating({ currentStepIndex: 2 });
    const aborted = applyOperatorAction(s, false, 'abort', 60_000, 4);
    expect(aborted.events).toEqual([{ t: 60_000, type: 'OperatorAction', action: 'abort' }, { t: 60_000, type: 'RolloutAborted', reason: 'aborted by operator' }]);
    expect(aborted.status).toMatchObject({ abort: true, abortedAt: 60_000, currentStepIndex: 0 });
    expect(applyOperatorAction(aborted.status, false, 'abort', 61_000, 4).status).toBe(aborted.status);
    expect(applyOperatorAction(s, false, 'retry', 61_000, 4).status).toBe(s);
    expect(applyOperatorAction(aborted.status, false, 'retry', 90_000, 4).status).toMatchObject({ abort: false, currentStepIndex: 0, progressAt: 90_000, announcedStep: -1 });
  });
});
