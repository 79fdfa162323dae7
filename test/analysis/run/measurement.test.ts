/**
 * argo-semantics.md §5.6 (one measurement → phase) and §6.1 (Prometheus result shapes), through
 * the module: the provider's value goes through the real evaluateResult.
 */
import { describe, expect, it } from 'vitest';
import { measure, nextDue, type Provider, type ProviderResult } from '../../../src/analysis/run/index.js';
import { fromJson } from '../../../src/analysis/expr/index.js';
import type { AnalysisMetric } from '../../../src/model/rollout.js';
import { SECOND } from '../../../src/model/time.js';
import { aMetric, runOf } from './fixtures.js';

function once(metric: Partial<AnalysisMetric>, answer: ProviderResult) {
  const provider: Provider = () => answer;
  const { run, events } = measure(runOf([aMetric(metric)]), 0, provider);
  const m = events.find((e) => e.type === 'Measurement');
  if (m === undefined || m.type !== 'Measurement') throw new Error('no measurement');
  return { run, m };
}

const vec = (...xs: number[]): ProviderResult => ({ ok: true, value: xs, display: JSON.stringify(xs) });

describe('§5.6 measurement outcome table', () => {
  const U = undefined;
  it.each([
    ['absent', 'absent', U, U, [0.5], 'Successful'],
    ['set → true', 'absent', 'result[0] < 0.05', U, [0.01], 'Successful'],
    ['set → false', 'absent', 'result[0] < 0.05', U, [0.5], 'Failed'],
    ['absent', 'set → true', U, 'result[0] > 0.1', [0.5], 'Failed'],
    ['absent', 'set → false', U, 'result[0] > 0.1', [0.01], 'Successful'],
    ['true', 'false', 'result[0] < 0.05', 'result[0] > 0.1', [0.01], 'Successful'],
    ['false', 'true', 'result[0] < 0.05', 'result[0] > 0.1', [0.5], 'Failed'],
    ['true', 'true (failure wins)', 'result[0] < 0.9', 'result[0] > 0.1', [0.5], 'Failed'],
    ['false', 'false', 'result[0] < 0.05', 'result[0] > 0.1', [0.07], 'Inconclusive'],
  ] as const)('success %s, failure %s', (_s, _f, successCondition, failureCondition, value, phase) => {
    const { m, run } = once({ successCondition, failureCondition }, vec(...value));
    expect(m.phase).toBe(phase);
    expect(m.message).toBe('');
    expect(run.phase).toBe(phase);
  });

  it('an empty vector `[]` with result[0] ⇒ Error (not Failed), Argo\'s message', () => {
    const { m, run } = once({}, vec());
    expect(m).toMatchObject({
      phase: 'Error', value: '',
      message: 'could not evaluate successCondition "result[0] < 0.05": metric result is nil or empty: no data returned from the metric provider',
    });
    expect(run.phase).toBe('Running');
    expect(nextDue(run)).toBe(10 * SECOND);
  });

  it('an empty vector handled by the condition is fine', () => {
    expect(once({ successCondition: 'len(result) == 0 || result[0] < 0.05', failureCondition: undefined }, vec()).m.phase).toBe('Successful');
  });

  it('comparing the vector to a number is a type error ⇒ Error', () => {
    const { m } = once({ successCondition: 'result > 0.9', failureCondition: undefined }, vec(0.95));
    expect(m.phase).toBe('Error');
    expect(m.message.startsWith('could not evaluate successCondition "result > 0.9": ')).toBe(true);
  });

  it('a scalar result is a number: `result < 0.05` works', () => {
    const { m } = once({ successCondition: 'result < 0.05', failureCondition: undefined }, { ok: true, value: 0.01, display: '0.01' });
    expect(m).toMatchObject({ phase: 'Successful', value: '0.01' });
  });

  it('NaN passes through as a float (isNaN)', () => {
    const { m } = once({ successCondition: 'isNaN(result[0])', failureCondition: undefined }, { ok: true, value: [Number.NaN], display: '[NaN]' });
    expect(m.phase).toBe('Successful');
  });

  it('a JSON document (already an ExprValue) is bound as is', () => {
    const { m } = once({ successCondition: 'result.ok == true', failureCondition: undefined }, { ok: true, value: fromJson({ ok: true }), display: '{"ok":true}' });
    expect(m.phase).toBe('Successful');
  });

  it('a provider error ⇒ Error with the provider\'s message and no value', () => {
    const { m } = once({}, { ok: false, error: 'Post "http://prometheus:9090/api/v1/query": dial tcp: connection refused' });
    expect(m).toMatchObject({ phase: 'Error', value: '', message: 'Post "http://prometheus:9090/api/v1/query": dial tcp: connection refused' });
  });

  it('a self-judging provider (job, kayenta) decides the phase; conditions are not evaluated', () => {
    const { m } = once({ successCondition: 'result[0] < 0.05' }, { ok: true, phase: 'Failed', display: '', message: 'job failed' });
    expect(m).toMatchObject({ phase: 'Failed', message: 'job failed' });
  });

  it('the provider receives the metric with args substituted, and the event carries the resolved query', () => {
    let seen: AnalysisMetric | undefined;
    const provider: Provider = (metric) => {
      seen = metric;
      return vec(0.01);
    };
    const run = runOf(
      [aMetric({ provider: { prometheus: { address: undefined, query: 'errors{hash="{{ args.hash }}"}' } }, successCondition: 'result[0] < {{args.max}}' })],
      { analysis: { templates: [{ templateName: 'tpl', clusterScope: false }], args: [{ name: 'hash', value: undefined, valueFrom: { podTemplateHashValue: 'Latest' } }], dryRun: [], measurementRetention: [], startingStep: undefined } },
      { args: [{ name: 'hash', value: undefined }, { name: 'max', value: '0.05' }] },
    );
    const { events } = measure(run, 0, provider);
    expect(seen?.provider.prometheus?.query).toBe('errors{hash="7f9c"}');
    expect(seen?.successCondition).toBe('result[0] < 0.05');
    expect(events[0]).toEqual({ t: 0, type: 'AnalysisRunStarted', name: 'agent-7f9c-2-1', templates: ['tpl'], args: { hash: '7f9c', max: '0.05' } });
    expect(events[1]).toMatchObject({ type: 'Measurement', query: 'errors{hash="7f9c"}', phase: 'Successful' });
  });

  it('ctx tells the provider the run, the instant and how many measurements came before', () => {
    const seen: [string, number, number][] = [];
    const provider: Provider = (_m, ctx) => {
      seen.push([ctx.run, ctx.now, ctx.taken]);
      return vec();
    };
    let run = runOf([aMetric()]);
    run = measure(run, 0, provider).run;
    run = measure(run, 10 * SECOND, provider).run;
    expect(seen).toEqual([['agent-7f9c-2-1', 0, 0], ['agent-7f9c-2-1', 10_000, 1]]);
  });
});
