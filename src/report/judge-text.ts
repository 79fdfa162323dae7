/**
 * A Kayenta measurement's judgement in words, as Kayenta's report lists it: the score against the
 * template's thresholds, then each metric's classification with the ratio of means and the 98 %
 * Mann-Whitney interval of canary − baseline that decided it.
 */
import type { KayentaJudgementFields } from '../model/events.js';

/** Example: sig(0.0312345) === '0.0312'; sig(1234.5) === '1234'; sig(-0.5) === '-0.5'. */
export function sig(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? String(Math.round(x)) : String(Number(x.toPrecision(3)));
}

/**
 * Example: {score: 50, pass: 90, marginal: 75} → 'score 50 < marginal 75'; 80 → 'score 80: ≥ marginal
 * 75, < pass 90'; 95 → 'score 95 ≥ pass 90'.
 */
export function scoreText(j: Pick<KayentaJudgementFields, 'score' | 'pass' | 'marginal'>): string {
  if (j.score >= j.pass) return `score ${j.score} ≥ pass ${j.pass}`;
  if (j.score >= j.marginal) return `score ${j.score}: ≥ marginal ${j.marginal}, < pass ${j.pass}`;
  return `score ${j.score} < marginal ${j.marginal}`;
}

/**
 * Example: {name: 'p99', group: 'latency', classification: 'High', ratio: 1.1, interval: {lower:
 * 0.031, upper: 0.052, estimate: 0.041}} → 'latency/p99 High (×1.1, canary − baseline 0.031…0.052)'.
 */
export function judgedMetricText(m: KayentaJudgementFields['metrics'][number]): string {
  const parts = [m.ratio === null ? undefined : `×${sig(m.ratio)}`, m.interval === null ? undefined : `canary − baseline ${sig(m.interval.lower)}…${sig(m.interval.upper)}`]
    .filter((p) => p !== undefined);
  return `${m.group}/${m.name} ${m.classification}${parts.length === 0 ? '' : ` (${parts.join(', ')})`}`;
}

/** The whole judgement on one line: the score, then every metric. */
export function judgeText(j: KayentaJudgementFields): string {
  return [scoreText(j), ...j.metrics.map(judgedMetricText)].join(' · ');
}
