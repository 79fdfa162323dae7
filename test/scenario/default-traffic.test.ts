/**
 * Default traffic (issue 9 point 4): a Scenario without traffic.rps gets about half of what the
 * smallest workload's pods serve, and a note saying so; a given rate is left alone.
 */
import { describe, expect, it } from 'vitest';
import { roundSignificant } from '../../src/scenario/scenario-build.js';
import { ROLLOUT, file, loaded } from './helpers.js';

const BARE = `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
`;

describe('default traffic', () => {
  it('half the capacity of 4 pods × concurrency 4 at the default latency, with a note', () => {
    const { scenario, notes } = loaded(file(ROLLOUT, `${BARE}spec: {}\n`));
    // Default latency {median: 900ms, p99: 4s}: mean 1.106 s; 16 slots / 1.106 s / 2 = 7.23 → 7.2 rps.
    expect(scenario.traffic.rate).toEqual({ kind: 'constant', rps: 7.2 });
    expect(notes).toContain('test.yaml: spec.traffic.rps: not set, so 7.2 rps: about half of what 4 pods × concurrency 4 serve (mean service time 1.11 s)');
  });

  it('follows concurrency, per-cohort latency and the fewest replicas of the file', () => {
    const two = ROLLOUT.replace('name: app', 'name: small').replace('replicas: 4', 'replicas: 2');
    const spec = `${BARE}spec:
  traffic:
    cohorts: [{name: fast, share: 0.5}, {name: slow, share: 0.5}]
  agent:
    concurrency: 8
    latency: {median: 1s, p99: 1s}
    cohorts: {slow: {latency: {median: 3s, p99: 3s}}}
`;
    const { scenario, notes } = loaded(file(ROLLOUT, two, spec));
    // 2 pods × 8 slots / (0.5 × 1 s + 0.5 × 3 s) / 2 = 4 rps.
    expect(scenario.traffic.rate).toEqual({ kind: 'constant', rps: 4 });
    expect(notes.some((n) => n.includes('about half of what 2 pods × concurrency 8 serve (mean service time 2.00 s)'))).toBe(true);
  });

  it('a given rate stays, without a note', () => {
    const { scenario, notes } = loaded(file(ROLLOUT, `${BARE}spec: {traffic: {rps: 30}}\n`));
    expect(scenario.traffic.rate).toEqual({ kind: 'constant', rps: 30 });
    expect(notes.filter((n) => n.includes('traffic.rps'))).toEqual([]);
  });

  it('rounds to two significant digits', () => {
    expect(roundSignificant(18.08, 2)).toBe(18);
    expect(roundSignificant(0.7234, 2)).toBe(0.72);
    expect(roundSignificant(1234, 2)).toBe(1200);
  });
});
