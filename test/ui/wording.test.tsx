/**
 * The newcomer-review wording in the live view: counts say what they count, the weight after a
 * promotion says the release is now stable, blank measurement values read `(no value)` with their
 * message, a false rollback has its time, and steps read `step i of n` beside Argo's `i/n` index.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisRuns } from '../../src/ui/components/AnalysisRuns.js';
import { LogLine } from '../../src/ui/components/EventLog.js';
import { Harmed } from '../../src/ui/components/Harmed.js';
import { Header } from '../../src/ui/components/Header.js';
import { Steps } from '../../src/ui/components/Steps.js';
import { SummaryBox } from '../../src/ui/components/SummaryBox.js';
import { Verdict } from '../../src/ui/components/Verdict.js';
import { verdictRows } from '../../src/ui/components/CompareScreen.js';
import { reduceCompare } from '../../src/ui/state/compare.js';
import { contextFor, fold, golden, liveCompare, liveSnapshot, text } from './helpers.js';

const lines = (s: string): string[] => s.split('\n');
const happy = fold(contextFor('canary-happy-path'), golden('canary-happy-path'));
const nan = fold(contextFor('low-traffic-nan'), golden('low-traffic-nan'));
const paused = fold(contextFor('canary-tool-call-regression'), golden('canary-tool-call-regression'), 100000);

describe('event log', () => {
  it('the weight line after PROMOTED says the release is now stable', () => {
    const weights = happy.log.filter((e) => e.kind === 'event' && e.event.type === 'WeightChanged');
    expect(weights.map((e) => text(<LogLine entry={e} color={false} totalSteps={4} width={100} />, 100))).toEqual([
      '      20s  ⇄ weight: canary 20% · stable 80%',
      '    5m40s  ⇄ weight: canary 50% · stable 50%',
      '    11m0s  ⇄ weight: canary 100% · stable 0%',
      '    11m0s  ⇄ weight: canary 0% · stable 100% (the release is now stable)',
    ]);
  });

  it('steps read `step i of n`; the empty measurement value reads (no value), its message kept', () => {
    const first = (type: string) => nan.log.find((e) => e.kind === 'event' && e.event.type === type);
    expect(text(<LogLine entry={first('StepStarted')!} color={false} totalSteps={6} width={100} />, 100)).toBe('       0s  • step 1 of 6  setWeight: 10');
    expect(lines(text(<LogLine entry={first('Measurement')!} color={false} totalSteps={6} width={100} />, 100))[0]).toBe(
      '    3m20s  ⚠ agent-unguarded-rv8mt5frdr-2-2/error-rate = (no value) → Error (could not evaluate',
    );
  });

  it('the why-lines say `step i of n` and (no value)', () => {
    const whys = nan.log.filter((e) => e.kind === 'why').map((e) => (e.kind === 'why' ? e.text : ''));
    expect(whys.slice(0, 2)).toEqual([
      'step 1 of 6 (setWeight: 10) done: ActualWeight 10 (canary pods ready) at 20s',
      'paused: step 2 of 6 pause: {duration: 3m0s}, resumes by itself at 3m20s',
    ]);
    expect(whys).toContain('aborted: error-rate = (no value) vs result[0] < 0.05 (consecutiveErrorLimit 4 exceeded) at 4m0s');
  });
});

describe('analysis, header, steps', () => {
  it('AnalysisRuns: an Error measurement shows (no value) and Argo\'s message', () => {
    expect(lines(text(<AnalysisRuns runs={nan.analysisRuns} max={3} width={100} />, 100))).toEqual([
      'α agent-unguarded-rv8mt5frdr-2-2  ⚠ Error  ✔ 0,✖ 0,? 0,⚠ 5',
      '   ⚠ error-rate = (no value): could not evaluate successCondition "result[0] < 0.05": metric result…',
    ]);
  });

  it('Header keeps Argo\'s Step i/n (currentStepIndex) and says which step that is', () => {
    const out = lines(text(<Header header={paused.header} width={56} />, 56));
    expect(out.find((l) => l.startsWith('  Step:'))).toBe('  Step:          1/6 (index of step 2)');
    expect(lines(text(<Header header={happy.header} width={56} />, 56)).find((l) => l.startsWith('  Step:'))).toBe('  Step:          4/4');
  });

  it('Steps marks the current step in words', () => {
    expect(lines(text(<Steps steps={paused.steps} maxRows={10} width={60} strategy="Canary" />, 60)).slice(1, 3)).toEqual([
      '✔ 1 setWeight: 20',
      '॥ 2 pause: {duration: 5m0s}  ← 3m50s left', // the trace's last Sample before 1m40s is at 1m30s; the pause began at 20s
    ]);
  });
});

describe('request counts', () => {
  it('Harmed: of the completed user requests, and how many are still in flight', () => {
    const live = liveSnapshot('canary-tool-call-regression', 330000).snapshot;
    expect(text(<Harmed harmed={live.harmed} width={120} />, 120)).toBe('Harmed  14 of 6581 completed user requests (0.21%) · 22 in flight · 1172 served by the release');
  });

  it('SummaryBox: a false rollback has its time; requests and harm say what they count', () => {
    const out = lines(text(<SummaryBox summary={nan.summary!} color={false} width={120} />, 120)).map((l) => l.slice(2, -1).trimEnd());
    expect(out.slice(1, 5)).toEqual([
      'Summary — agent-unguarded',
      '  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: a',
      '            healthy release was aborted: this analysis is blind',
      '  requests  2383 completed user requests (4 still in flight at the end)',
    ]);
  });

  it('SummaryBox: a run in which no update started (a no-op template) says so instead of "incomplete"', () => {
    const onlySummary = golden('canary-happy-path').flatMap((e) => (e.type === 'Summary' ? [{ ...e, updateStartedAt: null }] : []));
    const noop = fold(contextFor('canary-happy-path'), onlySummary);
    const out = lines(text(<SummaryBox summary={noop.summary!} color={false} width={120} />, 120)).map((l) => l.slice(2, -1).trimEnd());
    expect(out[2]).toBe("  outcome   no update: the Rollout's template is the stable image, so nothing rolled out");
  });

  it('Verdict: the title counts the requests that arrived at each strategy', () => {
    const { snapshot, driver } = liveCompare('low-traffic-nan', 600_000, 600_000);
    const end = reduceCompare(snapshot, { type: 'Batch', actions: driver.finish() });
    expect(lines(text(<Verdict rows={verdictRows(end)!} width={130} />, 130))[0]).toBe(
      'Verdict (identical traffic: the same 1214 user requests arrived at each)',
    );
  });
});
