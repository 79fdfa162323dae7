/**
 * `{{args.x}}` in interval, initialDelay and the counters, substituted when the run is created
 * (Argo serialises the metric to JSON, substitutes, and parses it back: `utils/analysis/factory.go`
 * `ResolveMetricArgs`), then validated at the run's first reconcile (`analysis/analysis.go`
 * `reconcileAnalysisRun` → `ValidateMetrics`): a bad duration makes the run Error with Argo's
 * message; a counter that is not an integer reads as 0, as `intstr.IntOrString.IntValue()` does.
 */
import { describe, expect, it } from 'vitest';
import { buildAnalysisRun, measure } from '../../../src/analysis/run/index.js';
import { aMetric, aTemplate, anAnalysis, arg, buildInput, drive, scripted } from './fixtures.js';

const S = 1000;

/** The e2e fixture's metric (rollout-bg-analysis-withArgs.yaml), with a prometheus provider. */
const withArgs = aMetric({
  name: 'webmetric',
  templated: { interval: '{{args.analysis-interval}}', initialDelay: '{{args.analysis-interval}}', failureLimit: '{{args.failure-limit}}' },
});
const templateArgs = [
  { name: 'analysis-interval', value: undefined }, { name: 'failure-limit', value: undefined },
  { name: 'inconclusive-limit', value: undefined },
];

function build(args: Record<string, string>, metric = withArgs) {
  const b = buildAnalysisRun(buildInput({
    templates: [aTemplate({ metrics: [metric], args: templateArgs })],
    analysis: anAnalysis({ args: Object.entries(args).map(([k, v]) => arg(k, v)) }),
  }));
  if (!b.ok) throw new Error(b.error);
  return b.run;
}

const firstReconcile = (args: Record<string, string>, metric = withArgs) => measure(build(args, metric), 0, scripted({})).run;

describe('templated durations and counters', () => {
  it("the e2e fixture's args fill interval, initialDelay and failureLimit when the run is created", () => {
    const run = build({ 'failure-limit': '2', 'analysis-interval': '10s', 'inconclusive-limit': '2' });
    expect(run.metrics[0]).toMatchObject({ interval: 10 * S, initialDelay: 10 * S, failureLimit: 2, count: undefined });
    // Measured after the 10 s initial delay, then every 10 s; the third failure exceeds failureLimit 2.
    const provider = scripted({ webmetric: 'FFF' });
    const { run: end } = drive(run, provider);
    expect(provider.calls).toEqual([['webmetric', 10 * S], ['webmetric', 20 * S], ['webmetric', 30 * S]]);
    expect(end).toMatchObject({ phase: 'Failed', message: 'Metric "webmetric" assessed Failed due to failed (3) > failureLimit (2)' });
  });

  it('a value that is not a Go duration: the run is Error with Argo\'s ValidateMetric message', () => {
    const args = { 'failure-limit': '2', 'inconclusive-limit': '2' };
    expect(firstReconcile({ ...args, 'analysis-interval': '10' })).toMatchObject({
      phase: 'Error', message: 'Analysis spec invalid: metrics[0]: invalid interval string: time: missing unit in duration "10"',
    });
    expect(firstReconcile({ ...args, 'analysis-interval': '1d' }).message).toBe('Analysis spec invalid: metrics[0]: invalid interval string: time: unknown unit "d" in duration "1d"');
    expect(firstReconcile({ ...args, 'analysis-interval': 'soon' }).message).toBe('Analysis spec invalid: metrics[0]: invalid interval string: time: invalid duration "soon"');
    const delayOnly = aMetric({ templated: { initialDelay: '{{args.analysis-interval}}' } });
    expect(firstReconcile({ ...args, 'analysis-interval': '5 m' }, delayOnly).message).toBe('Analysis spec invalid: metrics[0]: invalid startDelay string: time: unknown unit " m" in duration "5 m"');
  });

  it('an empty duration is no interval (Argo tests Interval == "")', () => {
    const run = build({ 'failure-limit': '0', 'analysis-interval': '', 'inconclusive-limit': '0' });
    expect(run.metrics[0]).toMatchObject({ interval: undefined, initialDelay: undefined, failureLimit: 0 });
    expect(drive(run, scripted({ webmetric: 'S' })).run.phase).toBe('Successful');
  });

  it('a counter that is not an integer reads as 0 (IntOrString.IntValue: strconv.Atoi, 0 on error)', () => {
    const run = build({ 'failure-limit': 'two', 'analysis-interval': '10s', 'inconclusive-limit': '2' });
    expect(run.metrics[0]).toMatchObject({ failureLimit: 0 });
    expect(drive(run, scripted({ webmetric: 'F' })).run.message).toBe('Metric "webmetric" assessed Failed due to failed (1) > failureLimit (0)');
    expect(build({ 'failure-limit': '+3', 'analysis-interval': '10s', 'inconclusive-limit': '2' }).metrics[0]?.failureLimit).toBe(3);
  });

  it('a substituted counter breaking a limit rule: the run is Error with Argo\'s message', () => {
    const metric = aMetric({ interval: 10 * S, templated: { count: '{{args.failure-limit}}', failureLimit: '{{args.inconclusive-limit}}' } });
    expect(firstReconcile({ 'failure-limit': '2', 'analysis-interval': '1s', 'inconclusive-limit': '3' }, metric)).toMatchObject({
      phase: 'Error', message: 'Analysis spec invalid: metrics[0]: count (2) must be >= failureLimit + consecutiveSuccessLimit (3 + 0) if both >= 0',
    });
    const negative = aMetric({ templated: { failureLimit: '{{args.failure-limit}}' } });
    expect(firstReconcile({ 'failure-limit': '-2', 'analysis-interval': '1s', 'inconclusive-limit': '0' }, negative).message).toBe(
      'Analysis spec invalid: metrics[0]: failureLimit must be >= 0, or -1 to be disabled',
    );
  });

  it('an unresolvable tag in a templated field: "Unable to resolve metric arguments"', () => {
    const metric = aMetric({ templated: { count: '{{args.nope}}' } });
    expect(firstReconcile({ 'failure-limit': '1', 'analysis-interval': '1s', 'inconclusive-limit': '0' }, metric)).toMatchObject({
      phase: 'Error', message: 'Unable to resolve metric arguments: failed to resolve {{args.nope}}',
    });
  });
});
