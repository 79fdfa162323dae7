/**
 * argo-semantics.md §5.5: when measurements happen — first reconcile, initialDelay, interval,
 * count, the 10 s error retry — and what `nextDue` tells the caller.
 */
import { describe, expect, it } from 'vitest';
import { measure, nextDue } from '../../../src/analysis/run/index.js';
import { MINUTE, SECOND } from '../../../src/model/time.js';
import { aMetric, drive, measurements, runOf, scripted } from './fixtures.js';

const M = MINUTE;
const S = SECOND;

describe('§5.5 measurement scheduling', () => {
  it('a new run is due at its creation; the first reconcile measures at once', () => {
    const run = runOf([aMetric({ interval: M, count: 3 })], { now: 42_000 });
    expect(nextDue(run)).toBe(42_000);
    const first = measure(run, 42_000, scripted({ 'error-rate': 'S' }));
    expect(first.run.startedAt).toBe(42_000);
    expect(measurements(first.events)).toEqual([['error-rate', 42_000, 'Successful']]);
    expect(nextDue(first.run)).toBe(42_000 + M);
  });

  it('interval + count: measured at 0, 1m, 2m; then nothing is due', () => {
    const { run, events } = drive(runOf([aMetric({ interval: M, count: 3 })]), scripted({ 'error-rate': 'SSS' }));
    expect(measurements(events).map(([, t]) => t)).toEqual([0, M, 2 * M]);
    expect(nextDue(run)).toBeUndefined();
  });

  it('nothing is taken before it is due', () => {
    let run = measure(runOf([aMetric({ interval: M, count: 3 })]), 0, scripted({ 'error-rate': 'S' })).run;
    const early = measure(run, M - 1, scripted({}));
    expect(early.events).toEqual([]);
    run = early.run;
    expect(measurements(measure(run, M, scripted({ 'error-rate': 'S' })).events)).toEqual([['error-rate', M, 'Successful']]);
  });

  it('initialDelay: not in the first reconcile; first measurement at startedAt + initialDelay, then every interval', () => {
    const { events } = drive(runOf([aMetric({ initialDelay: 5 * M, interval: M, count: 2 })], { now: 1000 }), scripted({ 'error-rate': 'SS' }));
    expect(measurements(events).map(([, t]) => t)).toEqual([1000 + 5 * M, 1000 + 6 * M]);
  });

  it('initialDelay 0s: measured in the reconcile right after the one that sets startedAt (same instant)', () => {
    const step = measure(runOf([aMetric({ initialDelay: 0 })]), 0, scripted({ 'error-rate': 'S' }));
    expect(measurements(step.events)).toEqual([['error-rate', 0, 'Successful']]);
    expect(step.run.phase).toBe('Successful');
  });

  it('an Error is retried after 10 s whatever the interval; the interval resumes after a success', () => {
    const { events } = drive(runOf([aMetric({ interval: 5 * M, count: 2 })]), scripted({ 'error-rate': 'ESES' }));
    expect(measurements(events)).toEqual([
      ['error-rate', 0, 'Error'], ['error-rate', 10 * S, 'Successful'], ['error-rate', 10 * S + 5 * M, 'Error'], ['error-rate', 20 * S + 5 * M, 'Successful'],
    ]);
  });

  it('a metric without interval runs once (retrying only errors)', () => {
    const { run, events } = drive(runOf([aMetric()]), scripted({ 'error-rate': 'ES' }));
    expect(measurements(events).map(([, t]) => t)).toEqual([0, 10 * S]);
    expect(run.metricResults[0]).toMatchObject({ count: 1, error: 1, successful: 1 });
  });

  it('several metrics keep their own clocks; nextDue is the earliest', () => {
    const run = runOf([aMetric({ name: 'fast', interval: 30 * S, count: 4 }), aMetric({ name: 'slow', interval: M, count: 2, initialDelay: 15 * S })]);
    const first = measure(run, 0, scripted({ fast: 'S' })).run;
    expect(nextDue(first)).toBe(15 * S);
    const { events } = drive(run, scripted({ fast: 'SSSS', slow: 'SS' }));
    expect(measurements(events)).toEqual([
      ['fast', 0, 'Successful'], ['slow', 15 * S, 'Successful'], ['fast', 30 * S, 'Successful'],
      ['fast', 60 * S, 'Successful'], ['slow', 75 * S, 'Successful'], ['fast', 90 * S, 'Successful'],
    ]);
  });

  it('a completed run is never due; reconciling before creation is a programmer error', () => {
    const { run } = drive(runOf([aMetric()]), scripted({ 'error-rate': 'S' }));
    expect(nextDue(run)).toBeUndefined();
    expect(() => measure(runOf([aMetric()], { now: 5000 }), 4999, scripted({}))).toThrow(/before 5000/);
  });
});
