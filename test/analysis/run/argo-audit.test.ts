/**
 * Rules checked against Argo Rollouts' Go source (analysis/analysis.go `runMeasurements`,
 * metricproviders/job/job.go `Terminate`, metricproviders/prometheus/prometheus.go `Run`) where
 * the simulator used to differ.
 */
import { describe, expect, it } from 'vitest';
import { measure, terminate, type Provider, type ProviderResult } from '../../../src/analysis/run/index.js';
import type { AnalysisMetric } from '../../../src/model/rollout.js';
import { aMetric, measurements, runOf, scripted } from './fixtures.js';

const job: Partial<AnalysisMetric> = { name: 'smoke', successCondition: undefined, failureCondition: undefined, provider: { job: { spec: {} } } };

/** A Job that is still running at every poll. */
const stillRunning: Provider = (_m, ctx): ProviderResult => ({ ok: true, running: true, resumeAt: ctx.now + 5_000 });

describe('a Job measurement in flight when the run terminates (job.go Terminate ⇒ Successful)', () => {
  it('owner terminates: the Job is deleted, the measurement is Successful "Metric Terminated", the run Successful "Run Terminated"', () => {
    const started = measure(runOf([aMetric(job)]), 0, stillRunning).run;
    const { run, events } = terminate(started, 30_000);
    expect(measurements(events)).toEqual([['smoke', 30_000, 'Successful']]);
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ message: 'Metric Terminated' });
    expect(run).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(run.metricResults[0]).toMatchObject({
      phase: 'Successful', message: 'Metric Terminated', count: 1, successful: 1, inconclusive: 0, consecutiveSuccess: 1,
    });
    expect(run.metricResults[0]?.measurements[0]).toMatchObject({ phase: 'Successful', message: 'Metric Terminated', startedAt: 0, finishedAt: 30_000 });
  });

  it.each(['F', 'I', 'E'] as const)('another metric ends the run (%s): the Job metric is Successful, the run takes the other metric\'s phase', (letter) => {
    const errorLimit = letter === 'E' ? { consecutiveErrorLimit: 0 } : {};
    const run = runOf([aMetric(job), aMetric({ name: 'error-rate', ...errorLimit })]);
    const prom = scripted({ 'error-rate': letter });
    const provider: Provider = (m, ctx) => (m.provider.job !== undefined ? stillRunning(m, ctx) : prom(m, ctx));
    const end = measure(run, 0, provider).run;
    const phase = { F: 'Failed', I: 'Inconclusive', E: 'Error' }[letter];
    expect(end.phase).toBe(phase);
    expect(end.metricResults.map((r) => r.phase)).toEqual(['Successful', phase]);
    expect(end.metricResults[0]).toMatchObject({ message: 'Metric Terminated', successful: 1 });
    expect(end.message).toMatch(new RegExp(`^Metric "error-rate" assessed ${phase}`));
  });
});

describe('a condition that cannot be evaluated (prometheus.go Run ⇒ MarkMeasurementError)', () => {
  it('the measurement is Error with the evaluation message and no value, as for a provider error', () => {
    const provider: Provider = () => ({ ok: true, value: [], display: '[]' });
    const { run, events } = measure(runOf([aMetric()]), 0, provider);
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ phase: 'Error', value: '' });
    expect(run.metricResults[0]?.measurements[0]).toMatchObject({ phase: 'Error', value: '' });
  });

  it('a result that evaluates keeps its value (Successful, Failed, Inconclusive)', () => {
    const provider = scripted({ 'error-rate': 'I' });
    const { events } = measure(runOf([aMetric()]), 0, provider);
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ phase: 'Inconclusive', value: '[0.07]' });
  });
});
