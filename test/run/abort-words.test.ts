/**
 * The abort in words (the Summary's abortDetail), folded from the trace's events: the deciding
 * metric's last bad Measurement, Argo's completion message and the metric's condition.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent, TraceMetric } from '../../src/model/events.js';
import { createAbortCauses } from '../../src/run/abort-cause.js';
import { analysisAbortWords, decidingMetric, errorReason, shortValue } from '../../src/run/abort-words.js';

const run = 'agent-rv8mt5frdr-2-2';
const metric = (over: Partial<TraceMetric> = {}): TraceMetric => ({ template: 't', name: 'error-rate', query: 'q', successCondition: 'result[0] < 0.05', failureCondition: null, failureLimit: 0, ...over });
const started = (metrics: TraceMetric[]): SimEvent => ({ t: 0, type: 'SimulationStarted', metrics } as unknown as SimEvent);
const m = (t: number, value: string, phase: 'Failed' | 'Error', message = '', name = 'error-rate'): SimEvent => ({ t, type: 'Measurement', run, metric: name, query: 'q', value, phase, message });
const completed = (t: number, phase: 'Failed' | 'Error', message: string): SimEvent => ({ t, type: 'AnalysisRunCompleted', name: run, phase, message });
const aborted = (t: number): SimEvent => ({ t, type: 'RolloutAborted', reason: 'x' });

function detailOf(events: SimEvent[]): string | undefined {
  const c = createAbortCauses();
  events.forEach(c.observe);
  return c.last()?.detail;
}

describe('abortDetail', () => {
  it('a Failed run: the deciding metric, its value, and the condition it did not meet (or the failureCondition it met)', () => {
    const msg = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
    expect(detailOf([started([metric()]), m(10, '[0.061234]', 'Failed'), completed(10, 'Failed', msg), aborted(10)])).toBe('analysis failed: error-rate = 0.0612, not result[0] < 0.05');
    expect(detailOf([started([metric({ successCondition: null, failureCondition: 'result[0] > 0.05' })]), m(10, '[0.061234]', 'Failed'), completed(10, 'Failed', msg), aborted(10)])).toBe('analysis failed: error-rate = 0.0612, result[0] > 0.05');
    const three = 'Metric "error-rate" assessed Failed due to failed (3) > failureLimit (2)';
    expect(detailOf([started([metric()]), m(10, '[0.07]', 'Failed'), completed(10, 'Failed', three), aborted(10)])).toBe('analysis failed: error-rate = 0.07, not result[0] < 0.05 (3 failed measurements)');
  });

  it('an Error run: how many consecutive errors, and why in plain words', () => {
    const nil = 'could not evaluate successCondition "result[0] < 0.05": metric result is nil or empty: no data returned from the metric provider';
    const msg = `Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: ${nil}"`;
    expect(detailOf([started([metric()]), m(10, '', 'Error', nil), completed(10, 'Error', msg), aborted(10)])).toBe('5 consecutive measurement errors (the query matched no series)');
    const typo = 'Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: unknown name reslt"';
    expect(detailOf([started([metric()]), m(10, '', 'Error', 'unknown name reslt'), completed(10, 'Error', typo), aborted(10)])).toBe('5 consecutive measurement errors (unknown name reslt)');
  });

  it('a NaN that failed the condition is a failure on no data', () => {
    const msg = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
    expect(detailOf([started([metric()]), m(10, '[NaN]', 'Failed'), completed(10, 'Failed', msg), aborted(10)])).toBe('analysis failed on no data: error-rate = NaN (the query returned NaN: no requests to divide by)');
  });

  it('operators and deadlines say who decided', () => {
    expect(detailOf([{ t: 5, type: 'OperatorAction', action: 'abort' }, aborted(5)])).toBe('by the operator');
    expect(detailOf([aborted(600_000)])).toBe('progress deadline exceeded (progressDeadlineAbort)');
  });

  it('first() keeps the first abort of a retried rollout; last() the one in force', () => {
    const c = createAbortCauses();
    [{ t: 5, type: 'OperatorAction', action: 'abort' } as SimEvent, aborted(5), aborted(900)].forEach(c.observe);
    expect([c.first()?.cause, c.last()?.cause]).toEqual(['operator', 'progressDeadline']);
  });

  it('the pure pieces', () => {
    expect([shortValue('[0.020024318671242793]'), shortValue('[0.0611, 0.9]'), shortValue(''), shortValue('[NaN]')]).toEqual(['0.02', '[0.0611, 0.9]', '(no value)', 'NaN']);
    expect(decidingMetric('Metric "p99" assessed Failed due to failed (1) > failureLimit (0)')).toBe('p99');
    expect(decidingMetric('no metric here')).toBeUndefined();
    expect(errorReason({ value: '[]', phase: 'Error', message: '' })).toBe('the query matched no series');
    expect(analysisAbortWords('error', { completedMessage: 'job failed', metric: undefined, last: undefined, conditions: undefined })).toBe('job failed');
  });
});
