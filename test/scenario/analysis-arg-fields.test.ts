/**
 * `{{args.x}}` in a metric's interval, initialDelay and counters (Argo substitutes args over the
 * whole metric when the run is created: `utils/analysis/factory.go` `ResolveMetricArgs`), and no
 * false follow-on errors about arguments.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { ROLLOUT, SCENARIO, file, loaded, messages, where } from './helpers.js';

const template = (metrics: string, args: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: error-rate
spec:
  args: ${args}
  metrics:
${metrics}`;

const TEMPLATED = `    - name: m
      interval: "{{args.every}}"
      initialDelay: "{{ args.every }}"
      count: "{{args.n}}"
      failureLimit: "{{args.limit}}"
      inconclusiveLimit: "{{args.limit}}"
      consecutiveErrorLimit: "{{args.limit}}"
      consecutiveSuccessLimit: "{{args.limit}}"
      provider: {prometheus: {query: up}}
`;

describe('argument placeholders in durations and counters', () => {
  it('load as text, kept until the run is created (the numeric fields stay unset)', () => {
    const text = file(SCENARIO, ROLLOUT, template(TEMPLATED, '[{name: every}, {name: n}, {name: limit, value: "2"}]'));
    const metric = loaded(text).scenario.analysisTemplates[0]?.metrics[0];
    expect(metric).toMatchObject({ interval: undefined, initialDelay: undefined, count: undefined, failureLimit: undefined });
    expect(metric?.templated).toEqual({
      interval: '{{args.every}}', initialDelay: '{{ args.every }}', count: '{{args.n}}', failureLimit: '{{args.limit}}',
      inconclusiveLimit: '{{args.limit}}', consecutiveErrorLimit: '{{args.limit}}', consecutiveSuccessLimit: '{{args.limit}}',
    });
  });

  it('must still name a declared argument', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      interval: "{{args.evry}}"\n      failureLimit: "{{args.limit}}"\n      provider: {prometheus: {query: up}}\n', '[{name: every}]'));
    expect(messages(text)).toEqual([
      `${where(text, '"{{args.evry')}: spec.metrics[0].interval: "{{args.evry}}" refers to an argument not declared in spec.args (did you mean "every"?)`,
      `${where(text, '"{{args.limit')}: spec.metrics[0].failureLimit: "{{args.limit}}" refers to an argument not declared in spec.args (declare it: args: [{name: limit}])`,
    ]);
  });

  it('a literal that is not a placeholder is still checked at load', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      interval: "10"\n      count: "two"\n      provider: {prometheus: {query: up}}\n', '[]'));
    expect(messages(text)).toEqual([
      `${where(text, '"10"')}: spec.metrics[0].interval: "10" is not a Go duration (Argo requires a unit here) (add a unit: "10s" or "10ms")`,
      `${where(text, '"two"')}: spec.metrics[0].count: expected an integer, got the string "two"`,
    ]);
  });

  it("argo-rollouts' e2e rollout-bg-analysis-withArgs.yaml loads: the secret arg from the Secret in the file, the web URL answered by the Scenario", () => {
    const r = loadScenarioPath('test/scenario/fixtures/rollout-bg-analysis-withArgs');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = r.scenario.analysisTemplates[0];
    expect(t?.args.find((a) => a.name === 'secret-url')?.value).toBe('https://gist.githubusercontent.com/khhirani/2ab11232402518d5277af030dd8916d7/raw/d272f551f2d1806a03974dbaef11dfd55102feea/example.json');
    expect(t?.metrics[0]?.provider.web?.jsonPath).toBe('{$.message}');
  });
});

describe('no false follow-on errors about arguments', () => {
  it('a wrongly typed arg value reports the type error only, not "refers to an argument not declared"', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      successCondition: result[0] < {{args.limit}}\n      provider: {prometheus: {query: "up{svc=\\"{{args.service}}\\"}"}}\n', '[{name: service}, {name: limit, value: 5}]'));
    expect(messages(text)).toEqual([`${where(text, '5}]')}: spec.args[1].value: expected a string, got the number 5 (quote it: "5")`]);
  });
});
