/**
 * One measurement → phase: Argo's `EvaluateResult` (utils/evaluate/evaluate.go, master as of
 * argo-semantics.md §5.6). The success condition is evaluated first, then the failure condition;
 * any error (compile, run time, non-bool) makes the measurement `Error`.
 */
import { evalCondition } from './expr/index.js';
import type { ExprValue } from './expr/index.js';
import { isNilValue, sliceItems } from './expr/values.js';

export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

export interface MetricConditions {
  /** Absent or empty = no condition (Argo never compiles an empty condition). */
  readonly successCondition?: string;
  readonly failureCondition?: string;
}

export interface MeasurementOutcome {
  readonly phase: MeasurementPhase;
  /** Set for `Error` only: Argo's message. */
  readonly message?: string;
}

/** Argo's `isNilOrEmpty`: nil, or a slice of length 0 (an empty string or map is not "empty"). */
function isNilOrEmpty(result: ExprValue): boolean {
  return isNilValue(result) || sliceItems(result)?.length === 0;
}

function evalError(which: 'successCondition' | 'failureCondition', condition: string, error: string, result: ExprValue): MeasurementOutcome {
  const reason = isNilOrEmpty(result) ? 'metric result is nil or empty: no data returned from the metric provider' : error;
  return { phase: 'Error', message: `could not evaluate ${which} "${condition}": ${reason}` };
}

/**
 * Phase of one measurement given the provider's result.
 *
 * | success | failure | → |
 * |---|---|---|
 * | absent | absent | Successful |
 * | true / false | absent | Successful / Failed |
 * | absent | true / false | Failed / Successful |
 * | both set | failure true | Failed (even if success is true) |
 * | both set | failure false | Successful if success is true, else Inconclusive |
 *
 * @example evaluateResult(float64Vector([0.02]), { successCondition: 'result[0] < 0.01', failureCondition: 'result[0] >= 0.05' })
 * // { phase: 'Inconclusive' }
 * @example evaluateResult(float64Vector([]), { successCondition: 'result[0] < 0.01' })
 * // { phase: 'Error', message: 'could not evaluate successCondition "result[0] < 0.01": metric result is nil or empty: no data returned from the metric provider' }
 */
export function evaluateResult(result: ExprValue, metric: MetricConditions): MeasurementOutcome {
  const success = metric.successCondition ?? '';
  const failure = metric.failureCondition ?? '';
  let successTrue = false;
  let failureTrue = false;
  if (success !== '') {
    const r = evalCondition(success, result);
    if ('error' in r) return evalError('successCondition', success, r.error, result);
    successTrue = r.ok;
  }
  if (failure !== '') {
    const r = evalCondition(failure, result);
    if ('error' in r) return evalError('failureCondition', failure, r.error, result);
    failureTrue = r.ok;
  }
  if (success === '' && failure === '') return { phase: 'Successful' };
  if (failure === '') failureTrue = !successTrue;
  if (success === '') successTrue = !failureTrue;
  if (failureTrue) return { phase: 'Failed' };
  return { phase: successTrue ? 'Successful' : 'Inconclusive' };
}
