/**
 * The kayenta provider end to end (argo-rollouts metricproviders/kayenta/kayenta.go): Run starts the
 * canary execution (measurement Running), Resume 15 s later (`resumeDelay`, kayenta.go:31) reads the
 * score — here NetflixACAJudge over the Scenario's canary config, baseline scope against canary
 * scope — and maps it: ≥ pass Successful, ≥ marginal Inconclusive, else Failed (kayenta.go
 * evaluateResult); the score is the measurement's value, truncated to an integer (kayenta.go Resume).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { runYaml } from '../helpers/run-yaml.js';

const FILE = 'test/fixtures/kayenta/kayenta-p99.yaml';

const run = (text: string): SimEvent[] => runYaml(text);

const judged = (events: SimEvent[]) =>
  events.flatMap((e) => (e.type === 'Measurement' ? [`${e.t} ${e.metric} ${e.value} ${e.phase}`] : e.type === 'RolloutAborted' || e.type === 'RolloutPromoted' ? [`${e.t} ${e.type}`] : []));

describe('kayenta provider', () => {
  const text = readFileSync(FILE, 'utf8');

  it('the canary 10 % slower scores 50 (latency group High, errors Pass): below marginal 75, the Experiment fails, the Rollout aborts', () => {
    const events = run(text);
    // initialDelay 30m from the run's start at 20 s, then the 15 s resume delay.
    expect(judged(events)).toEqual(['1835000 kayenta 50 Failed', '1835000 RolloutAborted']);
    const aborted = events.find((e) => e.type === 'RolloutAborted');
    expect(aborted?.type === 'RolloutAborted' && aborted.reason).toBe('Experiment analysis phase is error/failed: Metric "kayenta" assessed Failed due to failed (1) > failureLimit (0)');
  });

  it('the measurement carries the judgement: p99 High with its interval above zero, errors Pass, score 50 against 90/75', () => {
    const m = run(text).find((e) => e.type === 'Measurement');
    if (m?.type !== 'Measurement' || m.judge === undefined) throw new Error('no judged measurement');
    expect([m.judge.score, m.judge.pass, m.judge.marginal]).toEqual([50, 90, 75]);
    expect(m.judge.metrics.map((j) => `${j.group}/${j.name} ${j.classification}`)).toEqual(['latency/p99 High', 'errors/error-rate Pass']);
    const p99 = m.judge.metrics[0];
    // High: the whole interval of canary − baseline lies above 0.25 × its estimate (judge.ts).
    expect(p99?.interval !== null && p99?.interval !== undefined && p99.interval.lower > 0.25 * p99.interval.estimate).toBe(true);
    expect(p99?.ratio).toBeGreaterThan(1.05);
  });

  it('the same release without the regression scores 100 and the Rollout promotes', () => {
    const healthy = text.replace(/  release:\n    regressions:\n      - \{metric: latency, factor: 1\.1\}\n/, '');
    expect(healthy).not.toBe(text);
    expect(judged(run(healthy))).toEqual(['1835000 kayenta 100 Successful', '1855000 RolloutPromoted']);
  });

  it('a canaryConfigName the Scenario does not hold: the measurement errs with Kayenta\'s "Canary config not found"', () => {
    const events = run(text.replace('canaryConfigName: agent-latency\n          threshold', 'canaryConfigName: other\n          threshold'));
    const m = events.find((e) => e.type === 'Measurement');
    expect(m?.type === 'Measurement' && [m.phase, m.message]).toEqual(['Error', 'Canary config not found']);
  });
});
