/**
 * Argo's `EvaluateResult` truth table and messages: every line of the phases oracle, plus the
 * rules of argo-semantics.md §5.6 stated directly.
 */
import { describe, expect, it } from 'vitest';
import { evaluateResult } from '../../src/analysis/evaluate-result.js';
import { float64Vector, fromJson } from '../../src/analysis/expr/index.js';
import { decodeResult, loadJsonl } from './expr-oracle-data.js';
import type { OraclePhase } from './expr-oracle-data.js';

const phases = loadJsonl<OraclePhase>('phases.jsonl');

describe('EvaluateResult oracle: phases.jsonl', () => {
  it('has all 62 triples', () => {
    expect(phases).toHaveLength(62);
  });

  it.each(
    phases.map(
      (p) => [`${p.id} S=${JSON.stringify(p.successCondition)} F=${JSON.stringify(p.failureCondition)} | ${p.resultType} ${JSON.stringify(p.result)}`, p] as const,
    ),
  )('%s', (_name, p) => {
    const result = decodeResult(p.resultType, p.result);
    const outcome = evaluateResult(result, { successCondition: p.successCondition, failureCondition: p.failureCondition });
    const expected = p.message === undefined ? { phase: p.phase } : { phase: p.phase, message: p.message };
    expect(outcome).toEqual(expected);
  });
});

describe('EvaluateResult rules', () => {
  const v = (x: number): ReturnType<typeof float64Vector> => float64Vector([x]);

  it('is Successful without any condition, whatever the result', () => {
    expect(evaluateResult(null, {})).toEqual({ phase: 'Successful' });
    expect(evaluateResult(float64Vector([]), { successCondition: '', failureCondition: '' })).toEqual({ phase: 'Successful' });
  });

  it('lets the failure condition win when both are true', () => {
    expect(evaluateResult(v(0.5), { successCondition: 'true', failureCondition: 'result[0] > 0.1' })).toEqual({ phase: 'Failed' });
  });

  it('evaluates the success condition first: its error is reported even if the failure condition is broken too', () => {
    expect(evaluateResult(0.5, { successCondition: 'result <', failureCondition: 'result >' })).toEqual({
      phase: 'Error',
      message: 'could not evaluate successCondition "result <": unexpected token EOF',
    });
  });

  it('replaces any error by "metric result is nil or empty" for nil and empty-slice results only', () => {
    const nilOrEmpty = 'metric result is nil or empty: no data returned from the metric provider';
    expect(evaluateResult(fromJson([]), { failureCondition: 'result[0] > 1' })).toEqual({
      phase: 'Error',
      message: `could not evaluate failureCondition "result[0] > 1": ${nilOrEmpty}`,
    });
    expect(evaluateResult(fromJson({}), { successCondition: 'result.ok' })).toEqual({
      phase: 'Error',
      message: 'could not evaluate successCondition "result.ok": expected bool, but got <nil>',
    });
    expect(evaluateResult('', { successCondition: 'result[0] == 1' })).toEqual({
      phase: 'Error',
      message: 'could not evaluate successCondition "result[0] == 1": type string[int] is undefined',
    });
  });

  it('treats NaN as "not true" on either side', () => {
    const nan = v(NaN);
    expect(evaluateResult(nan, { successCondition: 'result[0] < 0.01' })).toEqual({ phase: 'Failed' });
    expect(evaluateResult(nan, { failureCondition: 'result[0] >= 0.01' })).toEqual({ phase: 'Successful' });
    expect(evaluateResult(nan, { successCondition: 'result[0] < 0.01', failureCondition: 'result[0] >= 0.01' })).toEqual({
      phase: 'Inconclusive',
    });
  });
});
