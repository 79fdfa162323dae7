/**
 * argo-semantics.md §5.1–§5.3: how a Rollout builds an AnalysisRun — name, template lookup,
 * merging, args (valueFrom, defaults, missing), substitution, dryRun/measurementRetention rules,
 * and the spec problems that only surface at the run's first reconcile.
 */
import { describe, expect, it } from 'vitest';
import { buildAnalysisRun, measure, runName, substituteMetric, substituteText } from '../../../src/analysis/run/index.js';
import type { AnalysisRun } from '../../../src/analysis/run/index.js';
import { aMetric, aTemplate, anAnalysis, arg, buildInput, scripted } from './fixtures.js';

function ok(run: ReturnType<typeof buildAnalysisRun>): AnalysisRun {
  if (!run.ok) throw new Error(run.error);
  return run.run;
}

describe('run name', () => {
  it('<rollout>-<podHash>-<revision> plus -<step>, -pre, -post or nothing', () => {
    const base = { rolloutName: 'agent', podHash: '7f9c', revision: 3 };
    expect(runName({ ...base, kind: 'step', stepIndex: 2 })).toBe('agent-7f9c-3-2');
    expect(runName({ ...base, kind: 'background' })).toBe('agent-7f9c-3');
    expect(runName({ ...base, kind: 'pre' })).toBe('agent-7f9c-3-pre');
    expect(runName({ ...base, kind: 'post' })).toBe('agent-7f9c-3-post');
  });

  it('a clash with an existing run gets .1, .2, … (e.g. after retry)', () => {
    const b = ok(buildAnalysisRun(buildInput({ existingNames: ['agent-7f9c-2-1', 'agent-7f9c-2-1.1'] })));
    expect(b.name).toBe('agent-7f9c-2-1.2');
  });
});

describe('templates', () => {
  it('looks up namespaced and cluster templates by kind; not found uses the Kubernetes wording', () => {
    const templates = [aTemplate({ name: 'x' }), aTemplate({ kind: 'ClusterAnalysisTemplate', name: 'x', metrics: [aMetric({ name: 'cluster-metric' })] })];
    const cluster = ok(buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: [{ templateName: 'x', clusterScope: true }] }) })));
    expect(cluster.metrics.map((m) => m.name)).toEqual(['cluster-metric']);
    const missing = buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: [{ templateName: 'y', clusterScope: false }] }) }));
    expect(missing).toEqual({ ok: false, error: 'analysistemplate.argoproj.io "y" not found' });
    const missingCluster = buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: [{ templateName: 'y', clusterScope: true }] }) }));
    expect(missingCluster).toEqual({ ok: false, error: 'clusteranalysistemplate.argoproj.io "y" not found' });
  });

  it('merges metrics: namespaced templates first, then cluster ones; a template referenced twice counts once', () => {
    const templates = [
      aTemplate({ kind: 'ClusterAnalysisTemplate', name: 'c', metrics: [aMetric({ name: 'c1' })] }),
      aTemplate({ name: 'a', metrics: [aMetric({ name: 'a1' }), aMetric({ name: 'a2' })] }),
    ];
    const refs = [{ templateName: 'c', clusterScope: true }, { templateName: 'a', clusterScope: false }, { templateName: 'a', clusterScope: false }];
    const run = ok(buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: refs }) })));
    expect(run.metrics.map((m) => m.name)).toEqual(['a1', 'a2', 'c1']);
    expect(run.templates).toEqual(['c', 'a', 'a']);
  });

  it('two metrics with the same name ⇒ not created', () => {
    const templates = [aTemplate({ name: 'a' }), aTemplate({ name: 'b' })];
    const refs = [{ templateName: 'a', clusterScope: false }, { templateName: 'b', clusterScope: false }];
    expect(buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: refs }) }))).toEqual({
      ok: false, error: "two metrics have the same name 'error-rate'",
    });
  });
});

describe('args', () => {
  const withArgs = (templateArgs: { name: string; value: string | undefined }[], rolloutArgs = anAnalysis().args, over = {}) =>
    buildAnalysisRun(buildInput({ templates: [aTemplate({ args: templateArgs })], analysis: anAnalysis({ args: rolloutArgs }), ...over }));

  it('template defaults, Rollout overrides, undeclared Rollout args ignored', () => {
    const run = ok(withArgs([{ name: 'svc', value: 'default-svc' }, { name: 'q', value: '0.99' }], [arg('svc', 'api'), arg('extra', 'x')]));
    expect(run.args).toEqual([{ name: 'svc', value: 'api' }, { name: 'q', value: '0.99' }]);
  });

  it('a template arg nobody supplies ⇒ not created: "args.<name> was not resolved"', () => {
    expect(withArgs([{ name: 'service-name', value: undefined }])).toEqual({ ok: false, error: 'args.service-name was not resolved' });
  });

  it('a Rollout arg without value overrides the default with the empty string (Argo always sets Value)', () => {
    expect(ok(withArgs([{ name: 'svc', value: 'default' }], [arg('svc')])).args).toEqual([{ name: 'svc', value: '' }]);
  });

  it('valueFrom podTemplateHashValue Stable / Latest', () => {
    const run = ok(withArgs(
      [{ name: 'stable', value: undefined }, { name: 'latest', value: undefined }],
      [arg('stable', undefined, { podTemplateHashValue: 'Stable' }), arg('latest', undefined, { podTemplateHashValue: 'Latest' })],
    ));
    expect(run.args).toEqual([{ name: 'stable', value: '5b6d' }, { name: 'latest', value: '7f9c' }]);
  });

  it('valueFrom fieldRef metadata.name / metadata.namespace; other paths from the Scenario spec.fields, else an error naming it', () => {
    const run = ok(withArgs(
      [{ name: 'n', value: undefined }, { name: 'ns', value: undefined }],
      [arg('n', undefined, { fieldRef: { fieldPath: 'metadata.name' } }), arg('ns', undefined, { fieldRef: { fieldPath: 'metadata.namespace' } })],
      { namespace: 'shop' },
    ));
    expect(run.args).toEqual([{ name: 'n', value: 'agent' }, { name: 'ns', value: 'shop' }]);
    const bad = withArgs([{ name: 'tg', value: undefined }], [arg('tg', undefined, { fieldRef: { fieldPath: 'status.alb.canaryTargetGroup.name' } })]);
    expect(bad).toEqual({
      ok: false,
      error: 'args.tg: valueFrom.fieldRef.fieldPath "status.alb.canaryTargetGroup.name" is not simulated (supported: metadata.name, metadata.namespace, and the paths of the Scenario\'s spec.fields)',
    });
    const fromFields = withArgs([{ name: 'tg', value: undefined }], [arg('tg', undefined, { fieldRef: { fieldPath: 'status.alb.canaryTargetGroup.name' } })], { fields: { 'status.alb.canaryTargetGroup.name': 'tg-canary' } });
    expect(ok(fromFields).args).toEqual([{ name: 'tg', value: 'tg-canary' }]);
  });

  it('two templates giving one arg different values ⇒ not created; a value is not replaced by none', () => {
    const templates = [aTemplate({ name: 'a', args: [{ name: 'x', value: '1' }] }), aTemplate({ name: 'b', metrics: [aMetric({ name: 'm2' })], args: [{ name: 'x', value: '2' }] })];
    const refs = [{ templateName: 'a', clusterScope: false }, { templateName: 'b', clusterScope: false }];
    expect(buildAnalysisRun(buildInput({ templates, analysis: anAnalysis({ templates: refs }) }))).toEqual({
      ok: false, error: "Argument `x` specified multiple times with different values: '1', '2'",
    });
    const kept = [aTemplate({ name: 'a', args: [{ name: 'x', value: '1' }] }), aTemplate({ name: 'b', metrics: [aMetric({ name: 'm2' })], args: [{ name: 'x', value: undefined }] })];
    expect(ok(buildAnalysisRun(buildInput({ templates: kept, analysis: anAnalysis({ templates: refs }) }))).args).toEqual([{ name: 'x', value: '1' }]);
  });
});

describe('{{args.*}} substitution', () => {
  it('reaches name, conditions, address, query and the job spec; spaces and - . in names', () => {
    const args = [{ name: 'svc.name', value: 'api' }, { name: 'max-rate', value: '0.05' }, { name: 'img', value: 'busybox' }];
    const metrics = [
      aMetric({
        name: '{{args.svc.name}}-errors', successCondition: 'result[0] < {{ args.max-rate }}', failureCondition: 'result[0] >= {{args.max-rate}}',
        provider: { prometheus: { address: 'http://{{args.svc.name}}:9090', query: 'sum(rate(x{svc="{{args.svc.name}}"}[1m]))' } },
      }),
      aMetric({ name: 'smoke', provider: { job: { spec: { template: { spec: { containers: [{ image: '{{args.img}}', args: ['{{args.svc.name}}'] }] } } } } } }),
    ];
    const run = ok(buildAnalysisRun(buildInput({ templates: [aTemplate({ metrics, args })] })));
    expect(run.metrics[0]).toMatchObject({
      name: 'api-errors', successCondition: 'result[0] < 0.05', failureCondition: 'result[0] >= 0.05',
      provider: { prometheus: { address: 'http://api:9090', query: 'sum(rate(x{svc="api"}[1m]))' } },
    });
    expect(run.metrics[1]?.provider.job?.spec).toEqual({ template: { spec: { containers: [{ image: 'busybox', args: ['api'] }] } } });
    expect(run.specError).toBeUndefined();
  });

  it('an unresolvable tag: the run is created, then goes Error at its first reconcile', () => {
    const metrics = [aMetric({ provider: { prometheus: { address: undefined, query: 'x{a="{{args.nope}}"}' } } })];
    const run = ok(buildAnalysisRun(buildInput({ templates: [aTemplate({ metrics })] })));
    expect(run.phase).toBe('Pending');
    const { run: after, events } = measure(run, 0, scripted({}));
    expect(after).toMatchObject({ phase: 'Error', message: 'Unable to resolve metric arguments: failed to resolve {{args.nope}}', startedAt: undefined, completedAt: 0 });
    expect(events.map((e) => e.type)).toEqual(['AnalysisRunStarted', 'AnalysisRunCompleted']);
  });
});

describe('substitution details (fasttemplate semantics)', () => {
  it('every tag must resolve; the last unresolved one is reported; values are inserted verbatim', () => {
    expect(substituteText('{{args.a}}-{{ args.a }}', [{ name: 'a', value: 'x"y' }])).toEqual({ ok: true, value: 'x"y-x"y' });
    expect(substituteText('{{args.x}} {{ args.y }}', [])).toEqual({ ok: false, error: 'failed to resolve {{ args.y }}' });
    expect(substituteText('{{inputs.a}}', [{ name: 'a', value: '1' }])).toEqual({ ok: false, error: 'failed to resolve {{inputs.a}}' });
  });

  it('across a metric, the last failing field wins; a missing end tag fails the whole metric first', () => {
    const m = aMetric({ successCondition: '{{args.s}}', provider: { prometheus: { address: undefined, query: '{{args.q}}' } } });
    expect(substituteMetric(m, [])).toEqual({ ok: false, error: 'failed to resolve {{args.q}}' });
    const open = aMetric({ successCondition: 'result{{', provider: { prometheus: { address: undefined, query: '{{args.q}}' } } });
    expect(substituteMetric(open, [])).toEqual({ ok: false, error: 'Cannot find end tag="}}" in the template starting from "{{"' });
  });
});

describe('dryRun and measurementRetention rules', () => {
  it('rules are unanchored regular expressions over metric names', () => {
    const metrics = [aMetric({ name: 'total-5xx-errors' }), aMetric({ name: 'latency' })];
    const run = ok(buildAnalysisRun(buildInput({ templates: [aTemplate({ metrics })], analysis: anAnalysis({ dryRun: [{ metricName: 'total' }] }) })));
    expect(run.metricResults.map((r) => r.dryRun)).toEqual([true, false]);
  });

  it('the same rule twice ⇒ not created', () => {
    const dup = buildAnalysisRun(buildInput({ analysis: anAnalysis({ dryRun: [{ metricName: 'error-rate' }] }), templates: [aTemplate({ dryRun: [{ metricName: 'error-rate' }] })] }));
    expect(dup).toEqual({ ok: false, error: "two Dry-Run metric rules have the same name 'error-rate'" });
    const dupKeep = buildAnalysisRun(buildInput({ templates: [aTemplate({ measurementRetention: [{ metricName: 'a', limit: 1 }, { metricName: 'a', limit: 2 }] })] }));
    expect(dupKeep).toEqual({ ok: false, error: "two Measurement Retention metric rules have the same name 'a'" });
  });

  it('a rule matching no metric ⇒ the run goes Error at its first reconcile', () => {
    const dry = ok(buildAnalysisRun(buildInput({ analysis: anAnalysis({ dryRun: [{ metricName: 'nope' }] }) })));
    expect(measure(dry, 0, scripted({})).run).toMatchObject({ phase: 'Error', message: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)" });
    const keep = ok(buildAnalysisRun(buildInput({ analysis: anAnalysis({ measurementRetention: [{ metricName: 'nope', limit: 3 }] }) })));
    expect(measure(keep, 0, scripted({})).run.message).toBe("Analysis spec invalid: measurementRetention[0]: Rule didn't match any metric name(s)");
  });

  it('a template with no metrics ⇒ Error "no metrics specified"', () => {
    const run = ok(buildAnalysisRun(buildInput({ templates: [aTemplate({ metrics: [] })] })));
    expect(measure(run, 0, scripted({})).run.message).toBe('Analysis spec invalid: no metrics specified');
  });
});
