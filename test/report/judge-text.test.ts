/** A Kayenta judgement in words: the score against the thresholds, each metric's classification. */
import { describe, expect, it } from 'vitest';
import { judgedMetricText, judgeText, scoreText, sig } from '../../src/report/judge-text.js';

describe('judge text', () => {
  it('sig keeps three significant figures, whole numbers from 1000', () => {
    expect([sig(0.0312345), sig(1234.5), sig(-0.5), sig(0), sig(1.1199999)]).toEqual(['0.0312', '1235', '-0.5', '0', '1.12']);
  });

  it('the score against pass and marginal, Argo\'s three outcomes', () => {
    expect(scoreText({ score: 50, pass: 90, marginal: 75 })).toBe('score 50 < marginal 75');
    expect(scoreText({ score: 75, pass: 90, marginal: 75 })).toBe('score 75: ≥ marginal 75, < pass 90');
    expect(scoreText({ score: 90, pass: 90, marginal: 75 })).toBe('score 90 ≥ pass 90');
  });

  it('a metric with and without an interval', () => {
    expect(judgedMetricText({ name: 'p99', group: 'latency', classification: 'High', ratio: 1.1234, interval: { lower: 0.38, upper: 0.6694, estimate: 0.5 } }))
      .toBe('latency/p99 High (×1.12, canary − baseline 0.38…0.669)');
    expect(judgedMetricText({ name: 'p99', group: 'latency', classification: 'Nodata', ratio: null, interval: null })).toBe('latency/p99 Nodata');
  });

  it('the whole judgement on one line', () => {
    expect(judgeText({ score: 100, pass: 90, marginal: 75, metrics: [{ name: 'e', group: 'errors', classification: 'Pass', ratio: 1, interval: null }] }))
      .toBe('score 100 ≥ pass 90 · errors/e Pass (×1)');
  });
});
