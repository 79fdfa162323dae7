/**
 * The UI reducer folded over recorded golden traces (real runs of the shipped scenarios): the
 * facts the screen shows — phase, step marks, weights, why-lines, AnalysisRun counts — must be
 * exactly what the run did.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { reduceCompare } from '../../src/ui/state/compare.js';
import type { PlaybackChange } from '../../src/ui/state/playback.js';
import { initialSnapshot, reduce } from '../../src/ui/state/reduce.js';
import type { Action, RunSnapshot } from '../../src/ui/state/types.js';
import { contextFor, fold, golden } from './helpers.js';

const marks = (s: RunSnapshot): string[] => s.steps.map((r) => r.mark);
const whys = (s: RunSnapshot): string[] => s.log.flatMap((e) => (e.kind === 'why' ? [e.text] : []));

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('reduce over canary-tool-call-regression.jsonl (analysis aborts at 5m20s)', () => {
  const ctx = contextFor('canary-tool-call-regression');
  const trace = golden('canary-tool-call-regression');
  const end = fold(ctx, trace);

  it('ends Degraded with Argo\'s abort message, Step 0/6, weights 0', () => {
    expect(end.header.phase).toBe('Degraded');
    expect(end.header.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    expect(end.header.step).toEqual({ current: 0, total: 6 });
    expect(end.header.setWeight).toBe(0);
    expect(end.header.actualWeight).toBe(0);
    expect(end.header.strategy).toBe('Canary');
  });

  it('marks the steps done up to the analysis that aborted, which is ✖', () => {
    expect(marks(end)).toEqual(['done', 'done', 'aborted', 'pending', 'pending', 'pending']);
    expect(end.steps.map((s) => s.label)).toEqual([
      'setWeight: 20', 'pause: {duration: 5m0s}', 'analysis: {templates: [error-rate]}',
      'setWeight: 50', 'pause: {duration: 5m0s}', 'analysis: {templates: [error-rate]}',
    ]);
  });

  it('explains every transition in one line, the abort with value vs threshold', () => {
    expect(end.why).toEqual({ t: 320000, text: 'aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s' });
    expect(whys(end)).toEqual([
      'step 1 of 6 (setWeight: 20) done: ActualWeight 20 (canary pods ready) at 20s',
      'paused: step 2 of 6 pause: {duration: 5m0s}, resumes by itself at 5m20s',
      'step 2 of 6 (pause: {duration: 5m0s}) done: 5m0s elapsed at 5m20s',
      'aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s',
    ]);
  });

  it('counts the AnalysisRun\'s measurements like the plugin and keeps the last value and condition', () => {
    expect(end.analysisRuns).toHaveLength(1);
    const run = end.analysisRuns[0];
    expect(run).toMatchObject({ name: 'agent-rv8mt5frdr-2-2', phase: 'Failed', successful: 0, failed: 1, inconclusive: 0, error: 0 });
    expect(run?.metrics).toEqual([
      { name: 'error-rate', condition: 'result[0] < 0.015', last: { value: '[0.015379993450386212]', phase: 'Failed', message: '', t: 320000 } },
    ]);
  });

  it('parses the template\'s threshold for the error-rate sparkline', () => {
    expect(end.series.thresholds).toEqual({ errorRate: { kind: 'errorRate', metric: 'error-rate', good: '<', bound: 0.015, literal: '0.015' } });
  });

  it('keeps the Summary and logs every timeline line plus the why-lines', () => {
    expect(end.summary).toMatchObject({ outcome: 'aborted', caught: true, abortCause: 'failed', detectedAfter: 320000, harmedRequests: 14 });
    const logged = end.log.filter((e) => e.kind === 'event').map((e) => (e.kind === 'event' ? e.event.type : ''));
    expect(logged).not.toContain('Paused'); // the PhaseChanged line that follows says it
    expect(logged).not.toContain('Summary');
    expect(end.log.map((e) => e.id)).toEqual(end.log.map((_, i) => i));
    expect(end.log.slice(0, 2)).toEqual([
      { id: 0, kind: 'note', text: 'rollout-sim · canary-tool-call-regression · seed 7 · rollout agent' },
      { id: 1, kind: 'note', text: '  Tool-calling requests fail 6 % of the time on the release (0.5 % on stable); canary analysis catches it at 20 %.' },
    ]);
  });

  it('at 1m40s: paused at step 2, the clock at the last Sample (1m30s), 3m50s of the pause left', () => {
    const mid = fold(ctx, trace, 100000);
    expect(mid.header.phase).toBe('Paused');
    expect(mid.header.message).toBe('CanaryPauseStep');
    expect(mid.header.step).toEqual({ current: 1, total: 6, running: 2 });
    expect(mid.header.setWeight).toBe(20);
    expect(mid.header.actualWeight).toBe(20);
    expect(marks(mid)).toEqual(['done', 'current', 'pending', 'pending', 'pending', 'pending']);
    expect(mid.now).toBe(90000);
    expect(mid.steps[1]?.remaining).toBe(230000);
    expect(mid.header.images).toEqual([{ image: 'agent:v1', tags: ['stable'] }, { image: 'agent:v2', tags: ['canary'] }]);
    expect(mid.traffic.releaseShare).toBe(20);
  });
});

describe('reduce over the other shipped traces', () => {
  it('canary-happy-path: promoted, every step ✔, Step 4/4, 100/100, the release is stable', () => {
    const s = fold(contextFor('canary-happy-path'), golden('canary-happy-path'));
    expect(s.header.phase).toBe('Healthy');
    expect(marks(s)).toEqual(['done', 'done', 'done', 'done']);
    expect(s.header.step).toEqual({ current: 4, total: 4 });
    expect([s.header.setWeight, s.header.actualWeight]).toEqual([100, 100]);
    expect(s.header.images).toEqual([{ image: 'agent:v2', tags: ['stable'] }]);
    expect(s.traffic).toMatchObject({ releaseShare: 100, releaseRole: 'stable' });
    expect(s.why?.text).toBe('promoted: all 4 steps complete at 11m0s');
    expect(s.analysisRuns).toEqual([]);
  });

  it('canary-manual-abort: waits at the indefinite pause, then the operator\'s abort', () => {
    const ctx = contextFor('canary-manual-abort');
    const trace = golden('canary-manual-abort');
    const waiting = fold(ctx, trace, 899999);
    expect(waiting.steps[1]).toMatchObject({ mark: 'current', remaining: undefined, waitsForPromote: true });
    expect(waiting.why?.text).toBe('paused: step 2 of 4 pause: {} waits for promote (p) or abort (a)');
    const s = fold(ctx, trace);
    expect(marks(s)).toEqual(['done', 'aborted', 'pending', 'pending']);
    expect(s.operatorActions).toEqual([{ t: 900000, action: 'abort' }]);
    expect(s.why?.text).toBe('aborted: by the operator at 15m0s');
    expect(s.header.message).toBe('RolloutAborted: Rollout aborted update to revision 2');
  });

  it('flagship.jsonl (agent-canary) folds the same way under its own name', () => {
    const s = fold(contextFor('flagship', 'agent-canary'), golden('flagship'));
    expect(s.header.name).toBe('agent-canary');
    expect(s.analysisRuns[0]?.name).toBe('agent-canary-rv8mt5frdr-2-2');
    expect(s.why?.text).toBe('aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s');
  });
});

describe('reduce is a pure fold', () => {
  const ctx = contextFor('canary-tool-call-regression');
  const trace = golden('canary-tool-call-regression');

  it('never mutates the snapshot or the event it is given', () => {
    let s = deepFreeze(initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false }));
    for (const e of trace) s = deepFreeze(reduce(s, deepFreeze(structuredClone(e))));
    expect(s.header.phase).toBe('Degraded');
  });

  it('a Batch folds like its actions one by one', () => {
    const start = initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false });
    const batched = reduce(start, { type: 'Batch', actions: trace });
    expect(batched).toEqual(trace.reduce(reduce, start));
  });

  it('playback: + doubles, - halves (clamped to 0.25), space toggles', () => {
    const p = (s: RunSnapshot, change: PlaybackChange): RunSnapshot => reduce(s, { type: 'Playback', change });
    let s = initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false });
    s = p(p(s, 'faster'), 'faster');
    expect(s.playback).toEqual({ speed: 240, paused: false, fastForward: false });
    s = p(s, 'togglePause');
    expect(s.playback.paused).toBe(true);
    for (let i = 0; i < 20; i++) s = p(s, 'slower');
    expect(s.playback.speed).toBe(0.25);
  });

  it('playback: f fast-forwards (resuming if paused) and f again plays at the speed it left; space pauses it', () => {
    const p = (s: RunSnapshot, change: PlaybackChange): RunSnapshot => reduce(s, { type: 'Playback', change });
    let s = p(initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false }), 'togglePause');
    s = p(s, 'toggleFastForward');
    expect(s.playback).toEqual({ speed: 60, paused: false, fastForward: true });
    s = p(s, 'faster'); // the speed normal playback returns to
    expect(s.playback).toEqual({ speed: 120, paused: false, fastForward: true });
    expect(p(s, 'toggleFastForward').playback).toEqual({ speed: 120, paused: false, fastForward: false });
    s = p(s, 'togglePause');
    expect(s.playback).toEqual({ speed: 120, paused: true, fastForward: false });
    expect(p(s, 'togglePause').playback).toEqual({ speed: 120, paused: false, fastForward: false });
  });

  it('the compare reducer folds a panel\'s action into that panel only', () => {
    const a = contextFor('flagship', 'agent-canary');
    const b = contextFor('flagship', 'agent-bluegreen');
    const start = { panels: [initialSnapshot(a, { speed: 60, paused: false, fastForward: false }), initialSnapshot(b, { speed: 60, paused: false, fastForward: false })], playback: { speed: 60, paused: false, fastForward: false } };
    const e: SimEvent = { t: 0, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' };
    const s = reduceCompare(start, { type: 'Batch', actions: [{ type: 'Panel', index: 1, action: e as Action }, { type: 'Playback', change: 'faster' }] });
    expect(s.panels[0]?.header.phase).toBe('Healthy');
    expect(s.panels[1]?.header.phase).toBe('Progressing');
    expect(s.playback.speed).toBe(120);
  });
});

describe('a run that ends during a timed pause', () => {
  it('shows the time left while playing and none once the Summary has arrived', () => {
    const ctx = contextFor('canary-happy-path');
    const trace = golden('canary-happy-path');
    const midPause = trace.filter((e) => e.t <= 100_000 && e.type !== 'Summary');
    const playing = fold(ctx, midPause);
    expect(playing.steps[1]?.remaining).toBeGreaterThan(0);
    const summary = trace.find((e) => e.type === 'Summary') as SimEvent;
    const ended = fold(ctx, [...midPause, { ...summary, t: 100_000 } as SimEvent]);
    expect(ended.steps[1]?.mark).toBe('current');
    expect(ended.steps[1]?.remaining).toBeUndefined();
    expect(ended.steps[1]?.waitsForPromote).toBe(false);
  });
});
