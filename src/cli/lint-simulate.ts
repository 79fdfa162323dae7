/**
 * `simulate lint --simulate`: the detection-power note confirmed by simulation. For each Rollout of
 * a file with a Scenario, the release is given an error-rate regression to exactly the rate the
 * note says the first check's threshold catches in 80 % of measurements (on every request, from
 * the start), and the file is run on N seeds: how often the whole rollout catches it (the healthy
 * twin judging each abort), with a 95 % Wilson interval. The 80 % is for one measurement at the
 * first weight; the rollout's later checks can only add to it, so a figure well below 80 % says
 * the note flatters (pod start-up, the window's edges, routing by pods rather than weight).
 */
import { powerFigures } from '../lint/rules-traffic.js';
import { note, type Finding } from '../lint/types.js';
import type { Rollout } from '../model/rollout.js';
import type { Regression, Scenario } from '../model/scenario.js';
import { gradeSeeds, summaryOf } from '../run/grade.js';
import { wilson } from '../sweep/stats.js';

/** One note per Rollout that has a detection-power figure. */
export function confirmPower(scenario: Scenario, seeds: number): Finding[] {
  const out: Finding[] = [];
  for (const r of scenario.workloads.filter((w): w is Rollout => w.kind === 'Rollout')) {
    const first = powerFigures(scenario).find((f) => f.rollout === r.name);
    if (first === undefined) continue;
    const to = Math.min(1, first.catches);
    const regressed = withRegression(scenario, to);
    const caught = gradeSeeds(scenario.seed, seeds).filter((seed) => summaryOf(regressed, seed, r.name).caught).length;
    const ci = wilson(caught, seeds);
    const pctOf = (x: number | null): string => (x === null ? '?' : `${Number((x * 100).toPrecision(3))} %`);
    out.push(note('detection-power', r.sources?.strategy ?? r.source, `spec.strategy.${r.strategy.type}`,
      `simulated: an error-rate regression on every request to the rate the first check catches 80 % of the time (${pctOf(first.baseline)} → ${pctOf(to)}) is caught in ${caught} of ${seeds} seeds (95 % interval ${pctOf(ci.low)}–${pctOf(ci.high)}) by Rollout "${r.name}"'s whole rollout`,
      `the binomial promises 80 % for one measurement of metric "${first.metric}" at the first weight, and later checks add to it; simulate sweep with --vary 'spec.release.regressions[0].to=…' maps the detection rate against the size of the regression`));
  }
  return out;
}

/** The scenario with one error-rate regression on every request from the start, replacing any written. */
function withRegression(s: Scenario, to: number): Scenario {
  const r: Regression = { metric: 'errorRate', cohort: undefined, to, delta: undefined, factor: undefined, after: 0, ramp: 0, whenUtilizationAbove: undefined, source: { file: s.file, line: 1, column: 1 } };
  return { ...s, release: { ...s.release, regressions: [r] } };
}
