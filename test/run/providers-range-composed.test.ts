/**
 * prometheus `rangeQuery` (argo-rollouts metricproviders/prometheus/prometheus.go:61-78 sends
 * query_range with start/end from EvalTime and the step; :163-174 flattens the matrix into
 * []float64) and composed templates (rollout/analysis.go:509-556 follows spec.templates depth first;
 * utils/analysis/helpers.go flattens metrics, args, dryRun and measurementRetention).
 */
import { describe, expect, it } from 'vitest';
import { analysisEvents, loadErrors, rollout, scenario, template } from './providers-helpers.js';

const measurements = (events: ReturnType<typeof analysisEvents>) => events.filter((e) => e.type === 'Measurement').map((e) => (e.type === 'Measurement' ? [e.t, e.metric, e.value, e.phase, e.message] : []));

describe('prometheus rangeQuery', () => {
  it('start now() - 1m, end now(), step 30s: three points, every value in the result', () => {
    const t = template('    - name: m\n      successCondition: "len(result) == 3 and all(result, {# == 1})"\n      provider:\n        prometheus:\n          query: vector(1)\n          rangeQuery: {start: now() - duration("1m"), end: now(), step: 30s}\n');
    expect(measurements(analysisEvents(rollout(), scenario(), t))).toEqual([[20_000, 'm', '[1,1,1]', 'Successful', '']]);
  });

  it('a start the simulator cannot read, and a bad step, are Error measurements with Argo\'s prefixes', () => {
    const bad = (range: string) => template(`    - name: m\n      provider:\n        prometheus:\n          query: vector(1)\n          rangeQuery: ${range}\n`);
    expect(measurements(analysisEvents(rollout(), scenario(), bad('{start: "date(\\"2024-01-01\\")", end: now(), step: 30s}')))[0]?.[4]).toBe(
      'failed to parse rangeQuery.start as time: the simulator reads now(), now() - duration("…") and now() + duration("…"), not "date(\\"2024-01-01\\")"',
    );
    expect(measurements(analysisEvents(rollout(), scenario(), bad('{start: now(), end: now(), step: "30"}')))[0]?.[4]).toBe('failed to parse rangeQuery.step as duration: time: missing unit in duration "30"');
  });
});

const rates = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rates}\nspec:\n  args: [{name: limit, value: "2"}]\n  templates: [{templateName: a}, {templateName: b}]\n  dryRun: [{metricName: mb}]\n';
const a = template('    - name: ma\n      successCondition: result[0] < {{args.limit}}\n      provider: {prometheus: {query: vector(1)}}\n', 'a', '  args: [{name: limit}]\n');
const b = template('    - name: mb\n      successCondition: result[0] > 5\n      provider: {prometheus: {query: vector(1)}}\n', 'b');

describe('composed templates', () => {
  it('a Rollout naming only the composing template runs the metrics of both it composes, with its args and dryRun', () => {
    const events = analysisEvents(rollout('[{templateName: rates}]'), scenario(), rates, a, b);
    expect(events.find((e) => e.type === 'AnalysisRunStarted')).toMatchObject({ templates: ['rates'], args: { limit: '2' } });
    // mb fails but is dry-run (the composing template's dryRun), so the run succeeds.
    expect(measurements(events)).toEqual([[20_000, 'ma', '[1]', 'Successful', ''], [20_000, 'mb', '[1]', 'Failed', '']]);
    expect(events.find((e) => e.type === 'AnalysisRunCompleted')).toMatchObject({ phase: 'Successful' });
  });

  it('a template that composes itself is a run that is never created (Argo would recurse without end)', () => {
    const loop = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: rates}\nspec:\n  templates: [{templateName: rates}]\n';
    const events = analysisEvents(rollout('[{templateName: rates}]'), scenario(), loop);
    expect(events.find((e) => e.type === 'AnalysisRunCompleted')).toMatchObject({ phase: 'Error', message: 'templates compose each other in a cycle: AnalysisTemplate/rates → AnalysisTemplate/rates' });
  });

  it('two composed templates with the same metric name: the run is not created (duplicate metric)', () => {
    const dup = template('    - name: ma\n      provider: {prometheus: {query: vector(1)}}\n', 'b');
    const events = analysisEvents(rollout('[{templateName: rates}]'), scenario(), rates.replace('  dryRun: [{metricName: mb}]\n', ''), a, dup);
    expect(events.find((e) => e.type === 'AnalysisRunCompleted')).toMatchObject({ phase: 'Error', message: "two metrics have the same name 'ma'" });
  });

  it('a composed name that exists nowhere is a load error', () => {
    expect(loadErrors(rollout('[{templateName: rates}]'), scenario(), rates, a)).toEqual([
      'spec.templates[1].templateName: AnalysisTemplate "b" not found (add an AnalysisTemplate document named "b" to the file)',
      'spec.dryRun[0].metricName: "mb" matches no metric (metrics: "ma")',
    ]);
  });
});
