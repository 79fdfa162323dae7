/**
 * Why the rollout was aborted, read from the trace as it is emitted: the event just before a
 * RolloutAborted at the same instant says who decided (an operator's `abort`, or an AnalysisRun
 * that completed Failed/Error), and the measurements that decided a run say whether it saw any
 * data and, in words, what they saw. Pure: a fold over events.
 *
 *   const causes = createAbortCauses();
 *   sim.subscribe(causes.observe);
 *   causes.last()  // {t: 320000, cause: 'failed', detail: 'analysis failed: error-rate = 0.02, not result[0] < 0.015'}
 */
import type { AbortCause, SimEvent } from '../model/events.js';
import type { Ms } from '../model/time.js';
import { analysisAbortWords, decidingMetric, isNoData, otherAbortWords, type BadMeasurement, type MetricConditions } from './abort-words.js';

export { isNoData } from './abort-words.js';

/** An abort: when, who decided, and what decided it in words. */
export interface AbortRecord {
  readonly t: Ms;
  readonly cause: AbortCause;
  /** Example: '5 consecutive measurement errors (the query matched no series)'. */
  readonly detail: string;
}

interface RunTally {
  /** Measurements of the run that were Failed or Error. */
  bad: number;
  /** Of those, how many had no data. */
  noData: number;
  /** Each metric's last Failed or Error measurement. */
  readonly last: Map<string, BadMeasurement>;
}

export function createAbortCauses() {
  const runs = new Map<string, RunTally>();
  const conditions = new Map<string, MetricConditions>();
  let previous: SimEvent | undefined;
  let inconclusivePause = false;
  let first: AbortRecord | undefined;
  let last: AbortRecord | undefined;

  /** The abort at `t`, from the event emitted just before it. */
  function abortAt(t: Ms): AbortRecord {
    if (previous?.t === t && previous.type === 'OperatorAction' && previous.action === 'abort') {
      const cause = inconclusivePause ? 'inconclusive' : 'operator';
      return { t, cause, detail: otherAbortWords(cause) };
    }
    if (previous?.t === t && previous.type === 'AnalysisRunCompleted' && (previous.phase === 'Failed' || previous.phase === 'Error')) {
      const tally = runs.get(previous.name);
      const cause: AbortCause = tally !== undefined && tally.bad > 0 && tally.noData === tally.bad ? 'noData' : previous.phase === 'Failed' ? 'failed' : 'error';
      const metric = decidingMetric(previous.message);
      const detail = analysisAbortWords(cause, {
        completedMessage: previous.message, metric,
        last: metric === undefined ? undefined : tally?.last.get(metric),
        conditions: metric === undefined ? undefined : conditions.get(metric),
      });
      return { t, cause, detail };
    }
    // rollout/stepplugin.go: a step plugin whose Run answered Failed aborts the Rollout.
    if (previous?.t === t && previous.type === 'StepPluginPhaseChanged' && previous.phase === 'Failed') {
      return { t, cause: 'stepPlugin', detail: `step plugin ${previous.plugin} failed${previous.message === '' ? '' : `: ${previous.message}`}` };
    }
    return { t, cause: 'progressDeadline', detail: otherAbortWords('progressDeadline') };
  }

  return {
    observe(e: SimEvent): void {
      switch (e.type) {
        case 'SimulationStarted':
          // A metric name two templates share with different conditions names neither.
          for (const m of e.metrics) {
            const known = conditions.get(m.name);
            const same = known === undefined || (known.successCondition === m.successCondition && known.failureCondition === m.failureCondition);
            conditions.set(m.name, same ? { successCondition: m.successCondition, failureCondition: m.failureCondition } : { successCondition: null, failureCondition: null });
          }
          break;
        case 'Measurement':
          if (e.phase === 'Failed' || e.phase === 'Error') {
            const tally = runs.get(e.run) ?? { bad: 0, noData: 0, last: new Map() };
            tally.bad++;
            if (isNoData(e.value, e.message)) tally.noData++;
            tally.last.set(e.metric, { value: e.value, phase: e.phase, message: e.message });
            runs.set(e.run, tally);
          }
          break;
        case 'Paused':
          inconclusivePause = inconclusivePause || e.reason === 'InconclusiveAnalysisRun';
          break;
        case 'Resumed':
          inconclusivePause = false;
          break;
        case 'RolloutAborted':
          last = abortAt(e.t);
          first ??= last;
          inconclusivePause = false;
          break;
        default:
          break;
      }
      // An experiment's phase change sits between its run's completion and the abort it causes.
      if (e.type !== 'ExperimentPhaseChanged') previous = e;
    },
    /** The latest abort (undefined before any). */
    last: (): AbortRecord | undefined => last,
    /** The first abort (a retried rollout may abort again later). */
    first: (): AbortRecord | undefined => first,
  };
}
