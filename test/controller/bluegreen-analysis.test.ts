/**
 * Blue-green with analysis: the pre-promotion job (synthetic tests) gates the switch, the
 * post-promotion analysis on real traffic gates marking the release stable and switches back on
 * failure; and what users see before and after the switch.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisTemplate, RolloutAnalysis } from '../../src/model/rollout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import type { CompletedRequest } from '../../src/world/world.js';
import { aBlueGreenRollout, aRegression, aScenario } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const useTemplate = (name: string): RolloutAnalysis => ({ templates: [{ templateName: name, clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined });
const metric = (over: Partial<AnalysisTemplate['metrics'][number]>): AnalysisTemplate['metrics'][number] => ({
  name: 'm', interval: undefined, initialDelay: undefined, count: undefined, successCondition: undefined, failureCondition: undefined,
  failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
  provider: {}, source: here, ...over,
});
const template = (name: string, metrics: AnalysisTemplate['metrics']): AnalysisTemplate => ({ kind: 'AnalysisTemplate', name, args: [], metrics, dryRun: [], measurementRetention: [], source: here });

const syntheticJob = template('golden-prompts', [metric({ name: 'golden-prompts', provider: { job: { spec: {} } } })]);
const errorRate = template('error-rate', [metric({
  name: 'error-rate', interval: 60_000, count: 5, initialDelay: 120_000, successCondition: 'result[0] < 0.015',
  provider: { prometheus: { address: undefined, query: 'sum(rate(http_requests_total{code="500"}[2m])) / sum(rate(http_requests_total[2m]))' } },
})]);
const toolCallRegression = [aRegression({ metric: 'errorRate', cohort: 'tool-call', to: 0.06 })];

function run(over: Partial<Scenario>, strategy: Parameters<typeof aBlueGreenRollout>[0]) {
  const scenario = aScenario({
    duration: 1_800_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: aScenario().traffic.cohorts },
    analysisTemplates: [syntheticJob, errorRate], syntheticTests: { cases: 40, cohorts: ['chat'], maxFailures: 2 },
    workloads: [aBlueGreenRollout(strategy)], ...over,
  });
  const events: SimEvent[] = [];
  const done: CompletedRequest[] = [];
  const sim = createSimulation(scenario, { store: createMetricStore(), onComplete: (r) => done.push(r) });
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return { events, done, summary: sim.finish() };
}
const switchTimes = (events: SimEvent[]) => events.filter((e) => e.type === 'ServiceSwitched' && e.service === 'agent-active').map((e) => e.t);

describe('pre-promotion analysis with synthetic tests that cover only chat', () => {
  const { events, done, summary } = run({ release: { image: 'agent:v2', at: 0, regressions: toolCallRegression } }, { prePromotionAnalysis: useTemplate('golden-prompts') });
  const [switchAt] = switchTimes(events);

  it('the Job runs the suite against the preview pods and passes (chat is fine), then the active Service switches', () => {
    const m = events.find((e) => e.type === 'Measurement');
    expect(m).toMatchObject({ type: 'Measurement', metric: 'golden-prompts', value: '0/40 failed', phase: 'Successful', query: '' });
    expect(switchAt).toBe(m?.t);
    expect(summary.outcome).toBe('promoted');
  });

  it('before the switch no user meets the release; after it every user does, and harm follows', () => {
    const before = done.filter((r) => r.arrival < (switchAt as number));
    const after = done.filter((r) => r.arrival > (switchAt as number) + 1000);
    expect(before.filter((r) => r.version === 1)).toEqual([]);
    expect(before.filter((r) => r.harmed)).toEqual([]);
    expect(after.every((r) => r.version === 1)).toBe(true);
    const share = after.filter((r) => r.harmed).length / after.length;
    // 30 % of requests are tool calls, 5.5 points more of which fail on the release.
    expect(share).toBeGreaterThan(0.012);
    expect(share).toBeLessThan(0.021);
  });
});

describe('post-promotion analysis on real traffic', () => {
  const { events, summary } = run({ release: { image: 'agent:v2', at: 0, regressions: toolCallRegression } }, { prePromotionAnalysis: useTemplate('golden-prompts'), postPromotionAnalysis: useTemplate('error-rate') });

  it('catches the regression after the switch, aborts with Argo\'s message and switches the active Service back', () => {
    const [to, back] = switchTimes(events);
    const aborted = events.find((e) => e.type === 'RolloutAborted');
    expect(aborted?.type === 'RolloutAborted' && aborted.reason).toMatch(/^Blue\/green post-promotion analysis phase error\/failed: Metric "error-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)$/);
    expect(back).toBe(aborted?.t);
    expect((back as number) - (to as number)).toBeGreaterThanOrEqual(120_000);
    expect(events.filter((e) => e.type === 'RolloutPromoted')).toEqual([]);
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true });
  });

  it('a healthy release passes both analyses and is promoted only after the post-promotion run succeeds', () => {
    const healthy = run({}, { prePromotionAnalysis: useTemplate('golden-prompts'), postPromotionAnalysis: useTemplate('error-rate') });
    const post = healthy.events.find((e) => e.type === 'AnalysisRunCompleted' && e.name.endsWith('-post'));
    expect(post).toMatchObject({ phase: 'Successful' });
    expect(healthy.events.find((e) => e.type === 'RolloutPromoted')?.t).toBe(post?.t);
    expect(healthy.summary.outcome).toBe('promoted');
  });
});

describe('a pre-promotion suite that covers the broken cohort', () => {
  it('fails the Job and aborts before any user meets the release', () => {
    const { events, summary } = run(
      { release: { image: 'agent:v2', at: 0, regressions: [aRegression({ metric: 'errorRate', cohort: 'tool-call', to: 0.5 })] }, syntheticTests: { cases: 40, cohorts: ['tool-call'], maxFailures: 2 } },
      { prePromotionAnalysis: useTemplate('golden-prompts') },
    );
    expect(switchTimes(events)).toEqual([]);
    expect(events.find((e) => e.type === 'RolloutAborted')).toMatchObject({ reason: expect.stringMatching(/^Blue\/green pre-promotion analysis phase error\/failed: /) });
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true, releaseRequests: 0, harmedRequests: 0 });
  });
});
