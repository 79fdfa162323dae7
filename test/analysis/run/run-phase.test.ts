/**
 * argo-semantics.md §5.8: run phase, messages, dry-run, termination, measurement retention, and
 * the exact events (key order included) the run emits.
 */
import { describe, expect, it } from 'vitest';
import { assessRun, isWorse, measure, nextDue, terminate, type ProviderResult } from '../../../src/analysis/run/index.js';
import type { AnalysisMetric } from '../../../src/model/rollout.js';
import { MINUTE, SECOND } from '../../../src/model/time.js';
import { aMetric, completions, drive, driveThenTerminate, measurements, runOf, scripted } from './fixtures.js';

const M = MINUTE;
const EMPTY_MSG = 'could not evaluate successCondition "result[0] < 0.05": metric result is nil or empty: no data returned from the metric provider';

describe('§5.8 run phase and message', () => {
  it('a failing metric: exact events, in SimEvent key order', () => {
    const { run, events } = drive(runOf([aMetric()]), scripted({ 'error-rate': 'F' }));
    expect(run.phase).toBe('Failed');
    expect(events).toEqual([
      { t: 0, type: 'AnalysisRunStarted', name: 'agent-7f9c-2-1', templates: ['tpl'], args: {} },
      { t: 0, type: 'Measurement', run: 'agent-7f9c-2-1', metric: 'error-rate', query: 'sum(rate(errors[1m]))', value: '[0.5]', phase: 'Failed', message: '' },
      { t: 0, type: 'AnalysisRunCompleted', name: 'agent-7f9c-2-1', phase: 'Failed', message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)' },
    ]);
    expect(events.map((e) => Object.keys(e).join(','))).toEqual([
      't,type,name,templates,args',
      't,type,run,metric,query,value,phase,message',
      't,type,name,phase,message',
    ]);
  });

  it('Inconclusive and Error messages (Error carries the last measurement message)', () => {
    const inc = drive(runOf([aMetric()]), scripted({ 'error-rate': 'I' })).run;
    expect(inc).toMatchObject({ phase: 'Inconclusive', message: 'Metric "error-rate" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)' });
    const err = drive(runOf([aMetric()]), scripted({ 'error-rate': 'EEEEE' })).run;
    expect(err.phase).toBe('Error');
    expect(err.message).toBe(`Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: ${EMPTY_MSG}"`);
    expect(err.completedAt).toBe(40 * SECOND);
  });

  it('#2: a finished metric waits for the others (Running), then Successful', () => {
    const run = runOf([aMetric({ name: 'a' }), aMetric({ name: 'b', interval: M, count: 3 })]);
    const mid = drive(run, scripted({ a: 'S', b: 'SSS' }), M);
    expect(mid.run.phase).toBe('Running');
    expect(mid.run.metricResults.map((r) => r.phase)).toEqual(['Successful', 'Running']);
    const end = drive(run, scripted({ a: 'S', b: 'SSS' }));
    expect(end.run).toMatchObject({ phase: 'Successful', message: '', completedAt: 2 * M });
  });

  it('#4: A fails while B runs ⇒ the same instant\'s next reconcile ends the run Failed, B assessed Successful', () => {
    const run = runOf([aMetric({ name: 'a', interval: M, count: 3 }), aMetric({ name: 'b', interval: M, count: 3 })]);
    const { run: end, events } = drive(run, scripted({ a: 'SF', b: 'SS' }));
    expect(end.phase).toBe('Failed');
    expect(end.completedAt).toBe(M);
    expect(end.metricResults.map((r) => r.phase)).toEqual(['Failed', 'Successful']);
    expect(measurements(events)).toEqual([['a', 0, 'Successful'], ['b', 0, 'Successful'], ['a', M, 'Failed'], ['b', M, 'Successful']]);
    expect(end.message).toBe('Metric "a" assessed Failed due to failed (1) > failureLimit (0)');
  });

  it('#5: A Inconclusive, B Error in the same reconcile ⇒ Error (worst), message names B', () => {
    const run = runOf([aMetric({ name: 'a' }), aMetric({ name: 'b', consecutiveErrorLimit: 0 })]);
    const { run: end } = drive(run, scripted({ a: 'I', b: 'E' }));
    expect(end.phase).toBe('Error');
    expect(end.message).toBe(`Metric "b" assessed Error due to consecutiveErrors (1) > consecutiveErrorLimit (0): "Error Message: ${EMPTY_MSG}"`);
    expect(end.runSummary).toEqual({ count: 2, successful: 0, failed: 0, inconclusive: 1, error: 1 });
  });

  it('#6: A Error, B Failed ⇒ Failed; equally bad metrics: the first one names the run', () => {
    const six = drive(runOf([aMetric({ name: 'a', consecutiveErrorLimit: 0 }), aMetric({ name: 'b' })]), scripted({ a: 'E', b: 'F' })).run;
    expect(six).toMatchObject({ phase: 'Failed', message: 'Metric "b" assessed Failed due to failed (1) > failureLimit (0)' });
    const tie = drive(runOf([aMetric({ name: 'a' }), aMetric({ name: 'b' })]), scripted({ a: 'F', b: 'F' })).run;
    expect(tie.message).toBe('Metric "a" assessed Failed due to failed (1) > failureLimit (0)');
  });

  it('#7-8: dry-run metrics never fail the run; their outcome goes to dryRunSummary', () => {
    const seven = drive(runOf([aMetric({ name: 'a' }), aMetric({ name: 'b' })], {}, { dryRun: [{ metricName: 'a' }] }), scripted({ a: 'F', b: 'S' })).run;
    expect(seven).toMatchObject({ phase: 'Successful', message: '' });
    expect(seven.metricResults[0]).toMatchObject({ phase: 'Failed', dryRun: true, message: 'Metric assessed Failed due to failed (1) > failureLimit (0)' });
    expect(seven.dryRunSummary).toEqual({ count: 1, successful: 0, failed: 1, inconclusive: 0, error: 0 });
    expect(seven.runSummary).toEqual({ count: 1, successful: 1, failed: 0, inconclusive: 0, error: 0 });
    const eight = drive(runOf([aMetric({ name: 'a' }), aMetric({ name: 'b' })], {}, { dryRun: [{ metricName: '.*' }] }), scripted({ a: 'F', b: 'F' })).run;
    expect(eight.phase).toBe('Successful');
  });

  it('a failed dry-run metric does not terminate the run: the others keep measuring', () => {
    const dry = runOf(
      [aMetric({ name: 'a', interval: M, count: 3 }), aMetric({ name: 'b', interval: M, count: 3 })], {}, { dryRun: [{ metricName: '^a$' }] },
    );
    const { run: end, events } = drive(dry, scripted({ a: 'F', b: 'SSS' }));
    expect(end).toMatchObject({ phase: 'Successful', completedAt: 2 * M });
    expect(measurements(events).filter(([m]) => m === 'b').map(([, t]) => t)).toEqual([0, M, 2 * M]);
  });

  it('#9: initialDelay ⇒ Running with no result until the delay passes', () => {
    const run = runOf([aMetric({ initialDelay: 5 * M })]);
    const first = measure(run, 0, scripted({}));
    expect(first.run).toMatchObject({ phase: 'Running', startedAt: 0 });
    expect(first.run.metricResults[0]).toMatchObject({ phase: 'Pending', taken: 0 });
    expect(nextDue(first.run)).toBe(5 * M);
  });

  it('#10: terminated before any measurement ⇒ Successful "Run Terminated", events once', () => {
    const run = runOf([aMetric({ interval: M })]);
    const step = terminate(run, 0);
    expect(step.run).toMatchObject({ phase: 'Successful', message: 'Run Terminated', terminate: true, completedAt: 0 });
    expect(step.events.map((e) => e.type)).toEqual(['AnalysisRunStarted', 'AnalysisRunCompleted']);
    expect(terminate(step.run, 10).events).toEqual([]);
    expect(measure(step.run, 10, scripted({})).events).toEqual([]);
    expect(nextDue(step.run)).toBeUndefined();
  });

  it('terminated with failures under failureLimit ⇒ Successful "Run Terminated"', () => {
    const tolerated = driveThenTerminate(runOf([aMetric({ interval: M, failureLimit: 1 })]), scripted({ 'error-rate': 'SF' }), M + 1);
    expect(tolerated.run).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(completions(tolerated.events)).toHaveLength(1);
  });
});

describe('assessRun / isWorse', () => {
  it('assessRun is the rule measure applies: on a settled run it gives back its phase and message', () => {
    const { run } = drive(runOf([aMetric()]), scripted({ 'error-rate': 'F' }));
    expect(assessRun(run)).toMatchObject({ phase: run.phase, message: run.message });
    const running = measure(runOf([aMetric({ interval: M })]), 0, scripted({ 'error-rate': 'S' })).run;
    expect(assessRun(running)).toMatchObject({ phase: 'Running', message: '' });
  });

  it('worst-of order: Successful < Running < Pending < Inconclusive < Error < Failed', () => {
    expect(isWorse('Successful', 'Inconclusive')).toBe(true);
    expect(isWorse('Inconclusive', 'Error')).toBe(true);
    expect(isWorse('Error', 'Failed')).toBe(true);
    expect(isWorse('Failed', 'Error')).toBe(false);
    expect(isWorse('Failed', 'Failed')).toBe(false);
  });
});

describe('long-running (job-style) measurements', () => {
  const job: Partial<AnalysisMetric> = { name: 'smoke', successCondition: undefined, failureCondition: undefined, provider: { job: { spec: {} } } };

  function jobProvider(finish: number, phase: 'Successful' | 'Failed'): (m: AnalysisMetric, ctx: { now: number; inFlight: unknown }) => ProviderResult {
    return (_m, ctx) => (ctx.now < finish ? { ok: true, running: true, resumeAt: finish } : { ok: true, phase, display: '' });
  }

  it('stays in flight until resumeAt, then finishes with the provider\'s phase', () => {
    const run = runOf([aMetric(job)]);
    const first = measure(run, 0, jobProvider(90_000, 'Successful'));
    expect(first.run.metricResults[0]?.measurements).toEqual([{ phase: 'Running', message: '', value: '', startedAt: 0, finishedAt: undefined, resumeAt: 90_000 }]);
    expect(measurements(first.events)).toEqual([]);
    expect(nextDue(first.run)).toBe(90_000);
    const { run: end, events } = drive(run, jobProvider(90_000, 'Failed'));
    expect(end).toMatchObject({ phase: 'Failed', completedAt: 90_000 });
    expect(measurements(events)).toEqual([['smoke', 90_000, 'Failed']]);
    expect(end.metricResults[0]?.measurements[0]).toMatchObject({ startedAt: 0, finishedAt: 90_000 });
  });

  it('terminated in flight ⇒ Job deleted, measurement Successful "Metric Terminated" ⇒ run Successful', () => {
    const run = runOf([aMetric(job)]);
    const started = measure(run, 0, jobProvider(90_000, 'Successful')).run;
    const { run: end, events } = terminate(started, 30_000);
    expect(measurements(events)).toEqual([['smoke', 30_000, 'Successful']]);
    expect(end.phase).toBe('Successful');
    expect(end.message).toBe('Run Terminated');
  });

  it('terminate calls the provider\'s terminate for the in-flight measurement (Argo deletes the Job)', () => {
    const stopped: [string, number, number][] = [];
    const provider = Object.assign(jobProvider(90_000, 'Successful'), {
      terminate: (m: AnalysisMetric, ctx: { now: number; taken: number }) => void stopped.push([m.name, ctx.now, ctx.taken]),
    });
    const started = measure(runOf([aMetric(job)]), 0, provider).run;
    terminate(started, 30_000, provider);
    expect(stopped).toEqual([['smoke', 30_000, 0]]);
  });

  it('a sibling metric failing makes the run terminating: the in-flight Job is deleted at once', () => {
    const stopped: [string, number][] = [];
    const jobs = jobProvider(90_000, 'Successful');
    const failing = scripted({ 'error-rate': 'F' });
    const provider = Object.assign((m: AnalysisMetric, ctx: Parameters<typeof failing>[1]) => (m.name === 'smoke' ? jobs(m, ctx) : failing(m, ctx)), {
      terminate: (m: AnalysisMetric, ctx: { now: number }) => void stopped.push([m.name, ctx.now]),
    });
    const { run: end } = drive(runOf([aMetric(job), aMetric({ interval: 20 * SECOND, count: 2 })]), provider);
    expect(stopped).toEqual([['smoke', 0]]);
    expect(end.phase).toBe('Failed');
  });
});

describe('measurementRetention', () => {
  it('keeps the last 10 measurements by default, all counted', () => {
    const { run } = drive(runOf([aMetric({ interval: M, count: 12 })]), scripted({ 'error-rate': 'S'.repeat(12) }));
    const r = run.metricResults[0];
    expect(r?.measurements).toHaveLength(10);
    expect(r?.measurements[0]?.startedAt).toBe(2 * M);
    expect(r).toMatchObject({ taken: 12, count: 12, successful: 12, phase: 'Successful' });
  });

  it('a rule (regex, unanchored) sets the limit; the Rollout\'s rules come before the template\'s', () => {
    const run = runOf([aMetric({ name: 'total-5xx-errors', interval: M, count: 5 })], {}, { measurementRetention: [{ metricName: 'total', limit: 2 }] });
    const { run: end } = drive(run, scripted({ 'total-5xx-errors': 'SSSSS' }));
    expect(end.metricResults[0]?.measurements.map((m) => m.startedAt)).toEqual([3 * M, 4 * M]);
  });
});
