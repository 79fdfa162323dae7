/**
 * Picking a request's cohort from one uniform draw (src/world/traffic.ts), with exact values.
 */
import { describe, expect, it } from 'vitest';
import { cumulative, pickCohort } from '../../src/world/traffic.js';

describe('cumulative', () => {
  it('runs the sums of the shares', () => {
    expect(cumulative([0.5, 0.25, 0.25])).toEqual([0.5, 0.75, 1]);
    expect(cumulative([])).toEqual([]);
  });
});

describe('pickCohort', () => {
  const sums = [0.5, 0.75, 1];

  it('gives the cohort whose share the draw falls in; a draw on a boundary goes to the next', () => {
    expect([0, 0.2, 0.4999, 0.5, 0.7, 0.75, 0.9, 0.9999].map((u) => pickCohort(sums, u))).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
  });

  it('gives the last cohort whatever the shares leave', () => {
    expect(pickCohort([0.3, 0.6], 0.95)).toBe(1);
    expect(pickCohort([1], 0.99)).toBe(0);
  });
});
