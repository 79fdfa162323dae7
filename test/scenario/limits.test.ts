/**
 * Values no run could finish with (DESIGN §11): numbers past Argo's int32 fields and Go's duration
 * range, and scenarios whose work (pods × cohorts × scrapes, measurements, synthetic cases) would
 * take minutes and gigabytes. Each is a located error naming the knob to turn; the shipped
 * scenarios stay well inside every cap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { ROLLOUT, SCENARIO, edit, file, loaded, messages, where } from './helpers.js';

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: t}
spec:
  metrics:
    - name: m
      interval: 1m
      successCondition: "true"
      provider:
        prometheus: {query: "vector(1)"}
`;
const ANALYSED = edit(ROLLOUT, '        - pause: {duration: 1m}\n', '        - pause: {duration: 1m}\n        - analysis: {templates: [{templateName: t}]}\n');

describe('numbers past what Argo and Go accept', () => {
  it('an int32 field above 2147483647 (replicas: 3000000000) is refused', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'replicas: 4', 'replicas: 3000000000'));
    expect(messages(text)).toContain(`${where(text, '3000000000')}: spec.replicas: must be at most 2147483647, got 3000000000`);
  });

  it('a Go duration past 2562047h is out of range, as time.ParseDuration says', () => {
    const text = file(edit(SCENARIO, '  traffic:', '  duration: 9999999999999h\n  traffic:'), ROLLOUT);
    expect(messages(text)[0]).toMatch(/spec\.duration: "9999999999999h" is out of range \(Go durations end at 2562047h\)/);
  });

  it('a pause of more seconds than an int32 holds is refused', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'pause: {duration: 1m}', 'pause: {duration: 99999999999999999999}'));
    expect(messages(text)[0]).toMatch(/steps\[1\]\.pause\.duration: Duration needs to be greater than 0/);
    // One second past int32 (a safe integer, accepted before the cap) names the reason.
    const over = file(SCENARIO, edit(ROLLOUT, 'pause: {duration: 1m}', 'pause: {duration: 2147483648}'));
    expect(messages(over)[0]).toMatch(/steps\[1\]\.pause\.duration: Duration needs to be greater than 0 \(more seconds than an int32 holds: the number 2147483648\)/);
    expect(loaded(file(SCENARIO, edit(ROLLOUT, 'pause: {duration: 1m}', 'pause: {duration: 2147483647}'))).scenario.workloads).toHaveLength(1);
    const go = file(SCENARIO, edit(ROLLOUT, 'pause: {duration: 1m}', 'pause: {duration: 9999999999999h}'));
    expect(messages(go)[0]).toMatch(/steps\[1\]\.pause\.duration: .*out of range/);
  });
});

describe('work no run could finish', () => {
  it('replicas beyond the simulator\'s pod cap', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'replicas: 4', 'replicas: 100000'));
    expect(messages(text)).toContain(`${where(text, '100000')}: spec.replicas: 100000 replicas are more than the simulator's cap of 10000 pods per workload`);
  });

  it('pods × cohorts × scrapes over the cap (a long duration at a low rate)', () => {
    const text = file(edit(SCENARIO, '  traffic:\n    rps: 10', '  duration: 2000h\n  traffic:\n    rps: 0.1'), ROLLOUT);
    const [m] = messages(text);
    expect(m).toMatch(/spec\.duration: about 1,920,000 series scrapes \(4 pods × 1 cohort × 480,000 scrapes of 2000h0m0s every 15s\)/);
    expect(m).toMatch(/above the cap of 1,000,000.*shorten spec\.duration, raise spec\.scrapeInterval/);
  });

  it('many cohorts count too', () => {
    const cohorts = Array.from({ length: 1000 }, (_, i) => `      - {name: c${i}, share: 0.001}`).join('\n');
    const text = file(edit(SCENARIO, '    rps: 10\n', `    rps: 10\n    cohorts:\n${cohorts}\n`).replace('spec:\n', 'spec:\n  duration: 3h\n'), ROLLOUT);
    expect(messages(text)[0]).toMatch(/about 2,880,000 series scrapes \(4 pods × 1000 cohorts × 720 scrapes/);
  });

  it('an analysis interval of 0s or 1ms with no count would measure without end', () => {
    for (const interval of ['0s', '1ms']) {
      const text = file(SCENARIO, ANALYSED, edit(TEMPLATE, 'interval: 1m', `interval: ${interval}`));
      expect(messages(text)).toContain(
        `${where(text, interval)}: spec.metrics[0].interval: measuring every ${interval} for the scenario's 1h0m0s is about 3,600,000 measurements, above the cap of 50,000 (set a count, or an interval such as 1m)`,
      );
    }
  });

  it('an interval with a count is bounded by the count', () => {
    const text = file(SCENARIO, ANALYSED, edit(TEMPLATE, 'interval: 1m', 'interval: 0s\n      count: 5'));
    expect(loaded(text).scenario.analysisTemplates[0]?.metrics[0]?.count).toBe(5);
  });

  it('syntheticTests.cases beyond 100000', () => {
    const text = file(edit(SCENARIO, '  traffic:', '  syntheticTests: {cases: 100000000}\n  traffic:'), ROLLOUT);
    expect(messages(text)[0]).toMatch(/spec\.syntheticTests\.cases: must be at most 100000, got 100000000/);
  });

  it('every shipped scenario is inside every cap', () => {
    const dir = 'scenarios';
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const r = loadScenarioText(readFileSync(`${dir}/${f}`, 'utf8'), f);
      expect(r.ok, f).toBe(true);
    }
  });
});
