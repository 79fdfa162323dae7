/**
 * An abort in words, from what the trace already says: the AnalysisRunCompleted message that
 * decided it (Argo's `Metric "X" assessed Failed due to failed (1) > failureLimit (0)`), the
 * metric's last bad Measurement (its value and message) and the metric's conditions from
 * SimulationStarted. Pure string work: nothing is measured again.
 */
import type { AbortCause, AnalysisPhase } from '../model/events.js';

/**
 * A measurement that had nothing to judge: Argo stores no value when the condition could not be
 * evaluated on an empty result, and a ratio over no requests is NaN.
 * Example: ('', 'metric result is nil or empty: no data returned…') → true; ('[NaN]', '') → true;
 * ('[0.02]', '') → false; ('', 'unknown name reslt') → false.
 */
export function isNoData(value: string, message: string): boolean {
  const v = value.replace(/\s/g, '');
  if (v === '[]' || /^\[?NaN(,NaN)*\]?$/.test(v)) return true;
  return v === '' && /nil or empty|no data/.test(message);
}

/** A metric's last Failed or Error measurement, as its Measurement event carried it. */
export interface BadMeasurement {
  readonly value: string;
  readonly phase: AnalysisPhase;
  readonly message: string;
}

/** A metric's conditions, from SimulationStarted.metrics. */
export interface MetricConditions {
  readonly successCondition: string | null;
  readonly failureCondition: string | null;
}

/** What decided an analysis abort: the run's completion message, the deciding metric's last bad measurement and conditions. */
export interface AbortEvidence {
  readonly completedMessage: string;
  readonly metric: string | undefined;
  readonly last: BadMeasurement | undefined;
  readonly conditions: MetricConditions | undefined;
}

/**
 * The deciding metric named by Argo's message. Example: 'Metric "error-rate" assessed Failed due to
 * failed (1) > failureLimit (0)' → 'error-rate'; 'anything else' → undefined.
 */
export function decidingMetric(message: string): string | undefined {
  return /Metric "([^"]+)" assessed/.exec(message)?.[1];
}

/**
 * A measured value, short: numbers to 3 significant digits, a one-element vector unwrapped.
 * Example: '[0.020024318671242793]' → '0.02'; '[0.0611, 0.9]' → '[0.0611, 0.9]'; '' → '(no value)'.
 */
export function shortValue(value: string): string {
  if (value.trim() === '') return '(no value)';
  const short = value.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (n) => String(Number(Number(n).toPrecision(3))));
  const one = /^\[([^,]*)\]$/.exec(short);
  return one === null ? short : (one[1] as string).trim();
}

/**
 * Why a measurement had nothing to judge, or what its error said. Examples: ('', 'metric result is
 * nil or empty…') → 'the query matched no series'; ('[NaN]', '') → 'the query returned NaN: no
 * requests to divide by'; ('', 'unknown name reslt') → 'unknown name reslt'.
 */
export function errorReason(m: BadMeasurement): string {
  if (isNoData(m.value, m.message)) return /NaN/.test(m.value) ? 'the query returned NaN: no requests to divide by' : 'the query matched no series';
  const inner = /Error Message: (.*)$/.exec(m.message)?.[1] ?? m.message;
  return inner === '' ? 'no message' : inner;
}

/**
 * The count in Argo's message, e.g. 'consecutiveErrors (5) > consecutiveErrorLimit (4)' → 5.
 * Example: ('… failed (2) > failureLimit (1)', 'failed') → 2; no match → undefined.
 */
function countIn(message: string, counter: string): number | undefined {
  const m = new RegExp(`${counter} \\((\\d+)\\) >`).exec(message);
  return m === null ? undefined : Number(m[1]);
}

/**
 * Example: error-rate = 0.02 with successCondition 'result[0] < 0.015' → 'error-rate = 0.02, not
 * result[0] < 0.015'; with failureCondition 'result[0] > 0.05' → 'error-rate = 0.061, result[0] > 0.05'.
 */
function failedWords(metric: string, last: BadMeasurement, c: MetricConditions | undefined): string {
  const value = `${metric} = ${shortValue(last.value)}`;
  if (c?.failureCondition != null) return `${value}, ${c.failureCondition}`;
  if (c?.successCondition != null) return `${value}, not ${c.successCondition}`;
  return value;
}

/**
 * An abort decided by an analysis, in words.
 * Examples: failed on data → 'analysis failed: error-rate = 0.02, not result[0] < 0.015'; five
 * empty results → '5 consecutive measurement errors (the query matched no series)'; a NaN that
 * failed → 'analysis failed on no data: error-rate = NaN (the query returned NaN: no requests to divide by)'.
 */
export function analysisAbortWords(cause: AbortCause, e: AbortEvidence): string {
  const { metric, last } = e;
  if (metric === undefined || last === undefined) return e.completedMessage === '' ? 'analysis ended unsuccessfully' : e.completedMessage;
  if (last.phase === 'Error') {
    const n = countIn(e.completedMessage, 'consecutiveErrors') ?? 1;
    return `${n} consecutive measurement error${n === 1 ? '' : 's'} (${errorReason(last)})`;
  }
  if (cause === 'noData') return `analysis failed on no data: ${metric} = ${shortValue(last.value)} (${errorReason(last)})`;
  const n = countIn(e.completedMessage, 'failed');
  const times = n === undefined || n <= 1 ? '' : ` (${n} failed measurements)`;
  return `analysis failed: ${failedWords(metric, last, e.conditions)}${times}`;
}

/** An abort nobody's analysis decided. Example: 'inconclusive' → 'by the operator, on an inconclusive analysis'. */
export function otherAbortWords(cause: 'operator' | 'inconclusive' | 'progressDeadline'): string {
  switch (cause) {
    case 'operator': return 'by the operator';
    case 'inconclusive': return 'by the operator, on an inconclusive analysis';
    case 'progressDeadline': return 'progress deadline exceeded (progressDeadlineAbort)';
  }
}
