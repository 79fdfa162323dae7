/**
 * The Summary's verdict fields on real runs: a regression counts only once it is in effect, every
 * time counts from the update's start, the abort says why, and the request counts add up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import { createAbortCauses, isNoData } from '../../src/run/abort-cause.js';
import { formatSummary } from '../../src/report/summary-text.js';
import { aCanaryRollout, aRegression, aScenario, MIN, pause, setWeight, traceOf } from '../helpers/builders.js';

const summaryOf = (events: readonly SimEvent[]): SummaryFields => {
  const s = events.at(-1);
  if (s?.type !== 'Summary') throw new Error('no Summary');
  return s;
};

describe('regressionInEffect, caught and the times of a run', () => {
  const late = aRegression({ metric: 'errorRate', to: 0.2, after: 20 * MIN });

  it('an abort before an after: 20m regression shows up is a false rollback, not a catch (times from release.at)', () => {
    const s = summaryOf(traceOf(aScenario({
      release: { image: 'agent:v2', at: 2 * MIN, regressions: [late] },
      operator: [{ at: 10 * MIN, action: 'abort', rollout: undefined }],
    })));
    expect(s).toMatchObject({
      outcome: 'aborted', updateStartedAt: 120_000, regressionConfigured: true, regressionInEffect: false,
      abortCause: 'operator', caught: false, falseRollback: true, detectedAfter: null, abortedAfter: 480_000, promotedAfter: null,
    });
    expect(formatSummary(s, { color: false })[2]).toBe('  outcome   aborted after 8m0s: by the operator — FALSE ROLLBACK: the regression was not yet in effect when the release was aborted');
  });

  it('the same regression, aborted after it shows up, is caught; left running it is in effect and not caught yet', () => {
    const caught = summaryOf(traceOf(aScenario({
      release: { image: 'agent:v2', at: 0, regressions: [late] },
      operator: [{ at: 30 * MIN, action: 'abort', rollout: undefined }],
    })));
    expect(caught).toMatchObject({ regressionInEffect: true, caught: true, falseRollback: false, abortCause: 'operator', detectedAfter: 1_800_000, abortedAfter: 1_800_000 });
    const running = summaryOf(traceOf(aScenario({ release: { image: 'agent:v2', at: 0, regressions: [late] } })));
    expect(running).toMatchObject({ outcome: 'incomplete', regressionInEffect: true, caught: false, abortCause: null, abortedAfter: null });
    expect(formatSummary(running, { color: false })[2]).toBe('  outcome   incomplete (neither promoted nor aborted); a regression is in effect and was not caught yet');
  });

  it('a promotion before an after: regression shows up: not in effect, yet it ships and harms afterwards', () => {
    const s = summaryOf(traceOf(aScenario({
      workloads: [aCanaryRollout({}, [setWeight(50), pause(MIN)])],
      release: { image: 'agent:v2', at: 0, regressions: [late] },
    })));
    expect(s).toMatchObject({ outcome: 'promoted', regressionInEffect: false, caught: false, falseRollback: false });
    expect(s.promotedAfter).toBeLessThan(20 * MIN);
    expect(s.harmedRequests).toBeGreaterThan(0);
    expect(formatSummary(s, { color: false })[2]).toMatch(/^ {2}outcome {3}promoted after \S+; the regression showed up only later and harmed \d+ requests$/);
  });

  it('progressDeadlineAbort: pods slower to start than the deadline abort with cause progressDeadline', () => {
    const s = summaryOf(traceOf(aScenario({ duration: 10 * MIN, workloads: [aCanaryRollout({ progressDeadlineSeconds: 10, progressDeadlineAbort: true })] })));
    expect(s).toMatchObject({ outcome: 'aborted', abortCause: 'progressDeadline', regressionConfigured: false, falseRollback: true, abortedAfter: 10_000 });
  });
});

describe('every golden Summary', () => {
  const goldens = readdirSync('test/golden').filter((f) => f.endsWith('.jsonl'));
  it.each(goldens)('%s: arrived = completed + in flight + unserved; harmed share of the completed', (file) => {
    const s = summaryOf(readFileSync(`test/golden/${file}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SimEvent));
    expect(s.arrivedRequests).toBe(s.completedRequests + s.inFlightRequests + s.unservedRequests);
    expect(s.completedRequests).toBe(s.versions.stable.requests + s.versions.release.requests);
    expect(s.harmedShare).toBe(Math.round((s.harmedRequests / s.completedRequests) * 1e6) / 1e6);
    expect(s.caught).toBe(s.outcome === 'aborted' && s.regressionInEffect && s.twin?.abortedAfter === null);
    expect(s.falseRollback).toBe(s.outcome === 'aborted' && !s.caught);
    expect(s.twin === null).toBe(s.outcome !== 'aborted');
    expect(s.abortCause === null).toBe(s.outcome !== 'aborted');
  });
});

describe('createAbortCauses', () => {
  const run = 'agent-rv8mt5frdr-2-2';
  const m = (t: number, value: string, phase: 'Failed' | 'Error' | 'Successful', message = ''): SimEvent => ({ t, type: 'Measurement', run, metric: 'error-rate', query: 'q', value, phase, message });
  const completed = (t: number, phase: 'Failed' | 'Error'): SimEvent => ({ t, type: 'AnalysisRunCompleted', name: run, phase, message: '' });
  const aborted = (t: number): SimEvent => ({ t, type: 'RolloutAborted', reason: 'x' });
  const causeOf = (events: SimEvent[]): string | undefined => {
    const c = createAbortCauses();
    events.forEach(c.observe);
    return c.last()?.cause;
  };

  it('names who decided: the analysis (with or without data), an operator, or the deadline', () => {
    const noValue = 'could not evaluate successCondition "result[0] < 0.05": metric result is nil or empty: no data returned from the metric provider';
    expect(causeOf([m(10, '', 'Error', noValue), m(20, '', 'Error', noValue), completed(20, 'Error'), aborted(20)])).toBe('noData');
    expect(causeOf([m(10, '[NaN]', 'Failed'), completed(10, 'Failed'), aborted(10)])).toBe('noData');
    expect(causeOf([m(10, '[NaN]', 'Failed'), m(20, '[0.2]', 'Failed'), completed(20, 'Failed'), aborted(20)])).toBe('failed');
    expect(causeOf([m(10, '', 'Error', 'unknown name reslt'), completed(10, 'Error'), aborted(10)])).toBe('error');
    expect(causeOf([{ t: 5, type: 'OperatorAction', action: 'abort' }, aborted(5)])).toBe('operator');
    expect(causeOf([{ t: 5, type: 'Paused', reason: 'InconclusiveAnalysisRun' }, { t: 9, type: 'OperatorAction', action: 'abort' }, aborted(9)])).toBe('inconclusive');
    expect(causeOf([aborted(600_000)])).toBe('progressDeadline');
    expect(causeOf([completed(10, 'Failed'), aborted(11)])).toBe('progressDeadline'); // a run that ended earlier did not decide this abort
  });

  it('isNoData: an empty result, NaN, or a condition Argo could not evaluate for want of data', () => {
    expect([isNoData('[]', ''), isNoData('NaN', ''), isNoData('[NaN, NaN]', ''), isNoData('', 'metric result is nil or empty')]).toEqual([true, true, true, true]);
    expect([isNoData('[0.02]', ''), isNoData('', 'unknown name reslt'), isNoData('0/40 failed', '')]).toEqual([false, false, false]);
  });
});
