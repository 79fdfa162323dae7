/**
 * The newcomer-review wording: request counts say what they count, weight lines after a promotion
 * or abort say so, blank measurement values read `(no value)`, steps read `step i of n`.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import { formatSummary, formatTextLine, measurementValue, nextLineContext, START_CONTEXT, type LineContext } from '../../src/report/text.js';
import { createTimeline } from '../../src/report/timeline.js';
import { explainVerdict, formatVerdict, verdictTitle } from '../../src/report/verdict.js';

const plain = { color: false };
const weight = (canary: number, actual = canary): SimEvent => ({ t: 660_000, type: 'WeightChanged', canary, stable: 100 - canary, actual });
const at = (strategy: LineContext['strategy'], stage: LineContext['stage']): LineContext => ({ ...START_CONTEXT, strategy, stage });

describe('weight lines say what the numbers mean', () => {
  it('canary: Argo\'s words while updating; after promotion the release is the stable; after an abort, back to stable', () => {
    expect(formatTextLine(weight(20), plain, 4, at('canary', 'updating'))).toBe('    11m0s  ⇄ weight: canary 20% · stable 80%');
    expect(formatTextLine(weight(0), plain, 4, at('canary', 'promoted'))).toBe('    11m0s  ⇄ weight: canary 0% · stable 100% (the release is now stable)');
    expect(formatTextLine(weight(0), plain, 4, at('canary', 'aborted'))).toBe('    11m0s  ⇄ weight: canary 0% · stable 100% (aborted: back to the stable version)');
  });

  it('Deployment: new and old pods; blue-green: which version the active Service sends users to', () => {
    expect(formatTextLine(weight(76), plain, 0, at('rollingUpdate', 'updating'))).toBe('    11m0s  ⇄ weight: new 76% · old 24% (share of ready pods)');
    expect(formatTextLine(weight(100), plain, 0, at('blueGreen', 'updating'))).toBe('    11m0s  ⇄ weight: release 100% · old version 0% (the active Service now selects the release)');
    expect(formatTextLine(weight(0), plain, 0, at('blueGreen', 'aborted'))).toBe('    11m0s  ⇄ weight: release 0% · old version 100% (the active Service selects the stable version again)');
  });

  it('ReplicaSets in the strategy\'s words: a Deployment\'s new/old, blue-green\'s old active after the switch; no "0 steps"', () => {
    const scaled = (role: 'stable' | 'canary' | 'active' | 'preview', replicas: number): SimEvent => ({ t: 55_000, type: 'ReplicaSetScaled', role, hash: 'nlfdd44spj', replicas });
    expect(formatTextLine(scaled('canary', 3), plain, 0, at('rollingUpdate', 'updating'))).toBe('      55s  ⊞ new ReplicaSet nlfdd44spj scaled to 3');
    expect(formatTextLine(scaled('stable', 7), plain, 0, at('rollingUpdate', 'updating'))).toBe('      55s  ⊞ old ReplicaSet nlfdd44spj scaled to 7');
    expect(formatTextLine(scaled('active', 0), plain, 0, at('blueGreen', 'promoted'))).toBe('      55s  ⊞ old ReplicaSet nlfdd44spj scaled to 0');
    expect(formatTextLine(scaled('preview', 0), plain, 0, at('blueGreen', 'aborted'))).toBe('      55s  ⊞ preview ReplicaSet nlfdd44spj scaled to 0');
    const started: SimEvent = { t: 0, type: 'RolloutStarted', rollout: 'a', strategy: 'blueGreen', router: null, replicas: 10, stableImage: 'v1', releaseImage: 'v2', stableHash: 'h1', releaseHash: 'h2', steps: 0 };
    expect(formatTextLine(started, plain, 0)).toBe('       0s  ▶ update started: a (blueGreen, 10 replicas) v1 → v2');
  });

  it('an operator action that changes nothing says so, as applyOperatorAction decides', () => {
    const action = (a: 'promote' | 'abort' | 'retry' | 'pause'): SimEvent => ({ t: 900_000, type: 'OperatorAction', action: a });
    expect(formatTextLine(action('promote'), plain, 4, at('canary', 'aborted'))).toBe('    15m0s  ⌨ operator: promote (no effect: the rollout is aborted; retry first)');
    expect(formatTextLine(action('abort'), plain, 4, at('canary', 'promoted'))).toBe('    15m0s  ⌨ operator: abort (no effect: the release is already promoted)');
    expect(formatTextLine(action('retry'), plain, 4, at('canary', 'updating'))).toBe('    15m0s  ⌨ operator: retry (no effect: nothing was aborted)');
    expect(formatTextLine(action('abort'), plain, 4, at('canary', 'updating'))).toBe('    15m0s  ⌨ operator: abort');
    expect(formatTextLine(action('abort'), plain, 0, at('rollingUpdate', 'promoted'))).toBe('    15m0s  ⌨ operator: abort');
    expect(formatTextLine(action('pause'), plain, 0, at('rollingUpdate', 'updating'))).toBe('    15m0s  ⌨ operator: pause (no effect: a Deployment only has abort (kubectl rollout undo))');
  });

  it('the context follows the trace: strategy from RolloutStarted, stage from promote, abort and retry', () => {
    const started: SimEvent = { t: 0, type: 'RolloutStarted', rollout: 'a', strategy: 'rollingUpdate', router: null, replicas: 10, stableImage: 'v1', releaseImage: 'v2', stableHash: 'h1', releaseHash: 'h2', steps: 0 };
    let c = nextLineContext(START_CONTEXT, started);
    expect(c).toEqual({ strategy: 'rollingUpdate', stage: 'updating' });
    c = nextLineContext(c, { t: 5000, type: 'RolloutAborted', reason: 'x' });
    expect(c).toEqual({ strategy: 'rollingUpdate', stage: 'aborted' }); // the abort's time is the Summary's abortedAfter
    c = nextLineContext(c, { t: 6000, type: 'OperatorAction', action: 'retry' });
    expect(c.stage).toBe('updating');
    expect(nextLineContext(c, { t: 7000, type: 'RolloutPromoted' }).stage).toBe('promoted');
  });
});

describe('steps and measurements', () => {
  it('steps read `step i of n` (the header keeps Argo\'s index form i/n)', () => {
    expect(formatTextLine({ t: 20_000, type: 'StepStarted', index: 1, step: 'pause: {duration: 5m0s}' }, plain, 4)).toBe('      20s  • step 2 of 4  pause: {duration: 5m0s}');
    expect(formatTextLine({ t: 20_000, type: 'StepCompleted', index: 1 }, plain, 4)).toBe('      20s  ✔ step 2 of 4 complete');
  });

  it('an empty value (Argo could not evaluate the condition) reads (no value); the message stays', () => {
    const e: SimEvent = { t: 200_000, type: 'Measurement', run: 'r', metric: 'error-rate', query: 'q', value: '', phase: 'Error', message: 'metric result is nil or empty' };
    expect(formatTextLine(e, plain, 6)).toBe('    3m20s  ⚠ r/error-rate = (no value) → Error (metric result is nil or empty)');
    expect(measurementValue('')).toBe('(no value)');
    expect(measurementValue('[0.02]')).toBe('[0.02]');
  });
});

const base: SummaryFields = {
  schemaVersion: 1, rollout: 'agent', strategy: 'canary', router: 'istio', outcome: 'aborted', updateStartedAt: 0,
  regressionConfigured: false, regressionInEffect: false, abortCause: 'noData',
  abortDetail: '5 consecutive measurement errors (the query matched no series)', caught: false, falseRollback: true,
  twin: { abortedAfter: 240_000, abortCause: 'noData' },
  detectedAfter: null, abortedAfter: 240_000, promotedAfter: null,
  arrivedRequests: 2427, completedRequests: 2423, inFlightRequests: 4, unservedRequests: 0,
  releaseRequests: 51, harmedRequests: 0, harmedShare: 0,
  versions: {
    stable: { image: 'agent:v1', requests: 2372, errorRate: 0.0017, p99: 4386, taskSuccess: 0.9481 },
    release: { image: 'agent:v2', requests: 51, errorRate: 0, p99: 2962, taskSuccess: 0.9608 },
  },
  mirrored: null,
};

describe('summary', () => {
  it('counts completed requests, says how many were still in flight, and gives a false rollback its time and cause', () => {
    expect(formatSummary(base, plain)).toEqual([
      '',
      'Summary — agent',
      '  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: a healthy release was aborted: this analysis is blind',
      '  requests  2423 completed user requests (4 still in flight at the end)',
      '  harmed    0 of the 2423 completed (0.00%); 51 served by the release',
      '',
      '  version  image                    completed   errors        p99  task ok',
      '  stable   agent:v1                      2372    0.17%     4.386s   94.81%',
      '  release  agent:v2                        51    0.00%     2.962s   96.08%',
    ]);
  });

  it('says nothing of in-flight requests when none were; unserved ones are named', () => {
    expect(formatSummary({ ...base, arrivedRequests: 2423, inFlightRequests: 0 }, plain)[3]).toBe('  requests  2423 completed user requests');
    expect(formatSummary({ ...base, arrivedRequests: 2430, inFlightRequests: 5, unservedRequests: 2 }, plain)[3]).toBe('  requests  2423 completed user requests (5 still in flight at the end, 2 found no ready pod)');
  });

  it('a regression that never took effect before the outcome is not caught, nor missed', () => {
    const early = { ...base, regressionConfigured: true, abortCause: 'operator' as const, abortDetail: 'by the operator', twin: { abortedAfter: null, abortCause: null } };
    expect(formatSummary(early, plain)[2]).toBe('  outcome   aborted after 4m0s: by the operator — FALSE ROLLBACK: the regression was not yet in effect when the release was aborted');
    const late = { ...base, outcome: 'promoted' as const, regressionConfigured: true, abortCause: null, falseRollback: false, abortedAfter: null, promotedAfter: 600_000 };
    expect(formatSummary(late, plain)[2]).toBe('  outcome   promoted after 10m0s; a regression was configured but never in effect before the promotion');
  });

  it('mirrored copies get a line of their own, from the Summary\'s own figures', () => {
    const mirrored = { image: 'agent:v2', requests: 3201, errorRate: 0.0351, p99: 4231, taskSuccess: 0.912 };
    const s: SummaryFields = { ...base, releaseRequests: 0, mirrored };
    expect(formatSummary(s, plain)[5]).toBe('  mirrored  3201 copies served by the release (never answered users): errors 3.51%, p99 4.231s, task ok 91.20%');
    expect(formatSummary({ ...s, mirrored: { ...mirrored, p99: null } }, plain)[5]).toBe('  mirrored  3201 copies served by the release (never answered users): errors 3.51%, p99 —, task ok 91.20%');
    // Mirrored, but no copy completed yet: the line says so without figures.
    expect(formatSummary({ ...s, mirrored: { ...mirrored, requests: 0, errorRate: null, p99: null, taskSuccess: null } }, plain)[5]).toBe('  mirrored  0 copies served by the release (never answered users)');
  });

  it('a run that never mirrored has no mirrored line (the version table follows the harmed line)', () => {
    expect(formatSummary(base, plain).some((l) => l.startsWith('  mirrored'))).toBe(false);
    expect(formatSummary(base, plain)[5]).toBe('');
  });
});

describe('verdict', () => {
  const row = (rollout: string, s: Partial<SummaryFields>): SummaryFields => ({ ...base, rollout, ...s });
  it('the title counts arrivals; the table shows each strategy\'s completed requests, the shares\' denominator', () => {
    expect(verdictTitle(71973)).toBe('Verdict (identical traffic: the same 71973 user requests arrived at each)');
    const rows = [row('agent-quick', { outcome: 'promoted', regressionConfigured: true, regressionInEffect: true, falseRollback: false, abortCause: null, abortedAfter: null, completedRequests: 53901, releaseRequests: 49822, harmedRequests: 1847, harmedShare: 0.034266, promotedAfter: 600_000 })];
    expect(formatVerdict(rows)).toEqual([
      'workload     strategy  outcome   caught  detected in  completed  on release  harmed  harmed share  promoted in',
      '───────────  ────────  ────────  ──────  ───────────  ─────────  ──────────  ──────  ────────────  ───────────',
      'agent-quick  canary    promoted  NO      —                53901      92.43%    1847         3.43%        10m0s',
    ]);
    expect(explainVerdict(rows)).toEqual(['agent-quick: promoted the regression; 1847 of its 53901 completed user requests (3.43%) were harmed.']);
  });

  it('names the strategy from the Summary: a canary without a router is a basic canary', () => {
    expect(formatVerdict([row('a', { router: null })])[2]).toMatch(/^a {9}basic canary {2}aborted \(false rollback\)/);
    expect(formatVerdict([row('b', { strategy: 'blueGreen', router: null })])[2]).toMatch(/^b {9}blue-green /);
  });
});

describe('createTimeline (what the CLI prints, with the state a line needs)', () => {
  it('words the weight after PROMOTED; the summary reads the Summary alone', () => {
    const t = createTimeline(plain);
    const out = ([
      { t: 0, type: 'RolloutStarted', rollout: 'a', strategy: 'canary', router: 'istio', replicas: 10, stableImage: 'v1', releaseImage: 'v2', stableHash: 'h1', releaseHash: 'h2', steps: 4 },
      { t: 660_000, type: 'RolloutPromoted' },
      { t: 660_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 },
    ] as SimEvent[]).map((e) => t.line(e));
    expect(out[2]).toBe('    11m0s  ⇄ weight: canary 0% · stable 100% (the release is now stable)');
    const u = createTimeline(plain);
    u.line({ t: 0, type: 'RolloutStarted', rollout: 'a', strategy: 'canary', router: null, replicas: 10, stableImage: 'v1', releaseImage: 'v2', stableHash: 'h1', releaseHash: 'h2', steps: 4 });
    u.line({ t: 240_000, type: 'RolloutAborted', reason: 'x' });
    expect(u.summary(base)[2]).toBe('  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: a healthy release was aborted: this analysis is blind');
  });
});
