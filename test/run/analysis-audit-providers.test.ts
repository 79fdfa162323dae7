/**
 * The simulated providers against Argo's (metricproviders/prometheus/prometheus.go,
 * metricproviders/job/job.go): what a measurement records and what reaches the run's message.
 */
import { describe, expect, it } from 'vitest';
import { buildAnalysisRun, measure, nextDue, type AnalysisRun, type Provider } from '../../src/analysis/run/index.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisMetric } from '../../src/model/rollout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { display, jobProvider, type JobRunner } from '../../src/run/providers.js';
import type { SyntheticJob } from '../../src/world/world.js';

const here = { file: 'test.yaml', line: 1, column: 1 };

describe('prometheus measurement value (model.SampleValue.String = FormatFloat(v, \'f\', -1, 64))', () => {
  it('never uses an exponent', () => {
    expect(display([1e-7, 0.25])).toBe('[0.0000001,0.25]');
    expect(display(2.5e-9)).toBe('0.0000000025');
    expect(display([1e21])).toBe('[1000000000000000000000]');
  });

  it('NaN and ±Inf as Go prints them', () => {
    expect(display([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe('[NaN,+Inf,-Inf]');
  });
});

const smoke: AnalysisMetric = {
  name: 'smoke', interval: undefined, initialDelay: undefined, count: undefined,
  successCondition: undefined, failureCondition: undefined,
  failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
  provider: { job: { spec: {} } }, source: here,
};

function jobRun(): AnalysisRun {
  const b = buildAnalysisRun({
    rolloutName: 'agent', podHash: '7f9c', revision: 2, kind: 'pre',
    analysis: { templates: [{ templateName: 'smoke', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined },
    templates: [{ kind: 'AnalysisTemplate', name: 'smoke', args: [], metrics: [smoke], dryRun: [], measurementRetention: [], source: here }],
    stableHash: '5b6d', latestHash: '7f9c', now: 0,
  });
  if (!b.ok) throw new Error(b.error);
  return b.run;
}

/** A runner whose suites finish at once with `failed` of 40 cases failed. */
function runnerFailing(failed: number): JobRunner {
  const jobs: SyntheticJob[] = [];
  return {
    ready: () => true,
    start: () => jobs.push({ total: 40, done: 40, failed, unreachable: 0, sent: 40, cancelled: false }) - 1,
    job: (id) => jobs[id] as SyntheticJob,
    cancel: (id) => void ((jobs[id] as SyntheticJob).cancelled = true),
  };
}

function driveJob(failed: number): { run: AnalysisRun; events: SimEvent[] } {
  const scenario = { syntheticTests: { cases: 40, cohorts: [], maxFailures: 2 } } as unknown as Scenario;
  const provider: Provider = jobProvider(scenario, runnerFailing(failed));
  const events: SimEvent[] = [];
  let run = jobRun();
  for (let t: number | undefined = 0; t !== undefined; t = nextDue(run)) {
    const step = measure(run, t, provider);
    run = step.run;
    events.push(...step.events);
  }
  return { run, events };
}

describe('job measurement: Job Complete / Failed decide, no message (job.go Resume)', () => {
  it('a failed suite: the run message is Argo\'s, with no "Error Message" part', () => {
    const { run, events } = driveJob(5);
    expect(run).toMatchObject({ phase: 'Failed', message: 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)' });
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ phase: 'Failed', message: '', value: '5/40 failed' });
  });

  it('a passing suite: Successful with an empty message', () => {
    const { run, events } = driveJob(2);
    expect(run).toMatchObject({ phase: 'Successful', message: '' });
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ phase: 'Successful', message: '', value: '2/40 failed' });
  });
});
