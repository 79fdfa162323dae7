/**
 * argo-semantics.md §5.7: the metric phase truth table, row by row, through the whole module
 * (build → measure at every nextDue → real evaluateResult), with the instants of measurements.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisMetric } from '../../../src/model/rollout.js';
import { MINUTE, SECOND } from '../../../src/model/time.js';
import { aMetric, drive, driveThenTerminate, measurements, runOf, scripted } from './fixtures.js';

const M = MINUTE;
const S = SECOND;

interface Row {
  readonly row: number;
  readonly metric: Partial<AnalysisMetric>;
  readonly script: string;
  readonly phase: string;
  /** Measurement instants, one per letter of the script. */
  readonly at: number[];
  /** Terminate the run at this instant (unbounded metrics). */
  readonly terminateAt?: number;
}

const ROWS: Row[] = [
  { row: 1, metric: {}, script: 'S', phase: 'Successful', at: [0] },
  { row: 2, metric: {}, script: 'F', phase: 'Failed', at: [0] },
  { row: 3, metric: {}, script: 'I', phase: 'Inconclusive', at: [0] },
  { row: 4, metric: {}, script: 'EEEEE', phase: 'Error', at: [0, 10 * S, 20 * S, 30 * S, 40 * S] },
  { row: 5, metric: {}, script: 'EES', phase: 'Successful', at: [0, 10 * S, 20 * S] },
  { row: 6, metric: { interval: M, count: 5 }, script: 'SSF', phase: 'Failed', at: [0, M, 2 * M] },
  { row: 7, metric: { interval: M, count: 5, failureLimit: 1 }, script: 'SFSSS', phase: 'Successful', at: [0, M, 2 * M, 3 * M, 4 * M] },
  { row: 8, metric: { interval: M, count: 5, failureLimit: 1 }, script: 'SFSF', phase: 'Failed', at: [0, M, 2 * M, 3 * M] },
  { row: 9, metric: { interval: M }, script: 'SSS', phase: 'Successful', at: [0, M, 2 * M], terminateAt: 2 * M + 30 * S },
  { row: 10, metric: { interval: M, count: 0 }, script: 'SSS', phase: 'Successful', at: [0, M, 2 * M], terminateAt: 2 * M + 30 * S },
  { row: 11, metric: { interval: M, count: 3 }, script: 'SI', phase: 'Inconclusive', at: [0, M] },
  { row: 12, metric: { interval: M, count: 3, inconclusiveLimit: 1 }, script: 'ISS', phase: 'Successful', at: [0, M, 2 * M] },
  { row: 13, metric: { interval: M, count: 3, consecutiveErrorLimit: 0 }, script: 'E', phase: 'Error', at: [0] },
  {
    row: 14, metric: { interval: M, count: 3 }, script: 'EEEES EEEES S', phase: 'Successful',
    at: [0, 10 * S, 20 * S, 30 * S, 40 * S, 100 * S, 110 * S, 120 * S, 130 * S, 140 * S, 200 * S],
  },
  { row: 15, metric: { interval: M, count: 2 }, script: 'SES', phase: 'Successful', at: [0, M, M + 10 * S] },
  { row: 16, metric: { interval: M, count: 10, failureLimit: -1, consecutiveSuccessLimit: 3 }, script: 'FFSSS', phase: 'Successful', at: [0, M, 2 * M, 3 * M, 4 * M] },
  { row: 17, metric: { interval: M, count: 5, failureLimit: -1, consecutiveSuccessLimit: 3 }, script: 'SSFSS', phase: 'Failed', at: [0, M, 2 * M, 3 * M, 4 * M] },
  { row: 18, metric: { interval: M, count: 6, failureLimit: 2, consecutiveSuccessLimit: 3 }, script: 'SFSSFS', phase: 'Inconclusive', at: [0, M, 2 * M, 3 * M, 4 * M, 5 * M] },
  { row: 19, metric: { interval: M, count: 6, failureLimit: 2, consecutiveSuccessLimit: 2 }, script: 'FSS', phase: 'Successful', at: [0, M, 2 * M] },
  { row: 20, metric: { interval: M, count: 4, failureLimit: 0, consecutiveSuccessLimit: 2 }, script: 'F', phase: 'Failed', at: [0] },
  {
    row: 21, metric: { interval: M, failureLimit: -1, consecutiveSuccessLimit: 2 }, script: 'FFFFSFS', phase: 'Successful',
    at: [0, M, 2 * M, 3 * M, 4 * M, 5 * M, 6 * M], terminateAt: 6 * M + 1,
  },
  { row: 22, metric: { interval: M, count: 1 }, script: 'F', phase: 'Failed', at: [0] },
  { row: 23, metric: { interval: M, failureLimit: 3 }, script: 'FSFSFSF', phase: 'Failed', at: [0, M, 2 * M, 3 * M, 4 * M, 5 * M, 6 * M] },
];

describe('§5.7 metric phase truth table', () => {
  it.each(ROWS)('row $row: $script → $phase', ({ metric, script, phase, at, terminateAt }) => {
    const provider = scripted({ 'error-rate': script });
    const run = runOf([aMetric(metric)]);
    const { run: end, events } = terminateAt === undefined ? drive(run, provider) : driveThenTerminate(run, provider, terminateAt);
    const result = end.metricResults[0];
    expect(result?.phase).toBe(phase);
    expect(measurements(events).map(([, t]) => t)).toEqual(at);
    expect(result?.taken).toBe(at.length);
    // Errors do not count toward `count`.
    expect(result?.count).toBe(script.replace(/[\sE]/g, '').length);
    // A single-metric run ends with its metric's phase.
    expect(end.phase).toBe(phase);
    expect(events.filter((e) => e.type === 'AnalysisRunCompleted')).toHaveLength(1);
  });

  it('row 14: streaks of 4 errors never exceed the default consecutiveErrorLimit (4)', () => {
    const run = runOf([aMetric({ interval: M, count: 3 })]);
    const { run: end } = drive(run, scripted({ 'error-rate': 'EEEESEEEESS' }));
    expect(end.metricResults[0]).toMatchObject({ error: 8, consecutiveError: 0, successful: 3, count: 3 });
  });

  it('row 9: an unbounded metric keeps running until terminated', () => {
    const run = runOf([aMetric({ interval: M })]);
    const { run: mid } = drive(run, scripted({ 'error-rate': 'SSSSS' }), 4 * M);
    expect(mid.phase).toBe('Running');
    expect(mid.metricResults[0]?.phase).toBe('Running');
  });

  it('rows 24-25: invalid metrics make the run Error at its first reconcile, without measuring', () => {
    const a = drive(runOf([aMetric({ count: 3 })]), scripted({}));
    expect(a.run).toMatchObject({ phase: 'Error', message: 'Analysis spec invalid: metrics[0]: interval must be specified when count > 1' });
    const b = drive(runOf([aMetric({ failureLimit: -1 })]), scripted({}));
    expect(b.run.message).toBe('Analysis spec invalid: metrics[0]: failureLimit and consecutiveSuccessLimit cannot both be disabled');
    expect(measurements(b.events)).toEqual([]);
  });

  it('row 26: terminated before the first measurement ⇒ Successful', () => {
    const run = runOf([aMetric({ initialDelay: 5 * M, interval: M })]);
    const { run: end, events } = driveThenTerminate(run, scripted({}), M);
    expect(end).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(measurements(events)).toEqual([]);
  });
});
