/**
 * Why the rollout was aborted, read from the trace as it is emitted: the event just before a
 * RolloutAborted at the same instant says who decided (an operator's `abort`, or an AnalysisRun
 * that completed Failed/Error), and the measurements that decided a run say whether it saw any
 * data. Pure: a fold over events.
 *
 *   const causes = createAbortCauses();
 *   sim.subscribe(causes.observe);
 *   causes.last()  // {t: 320000, cause: 'failed'} after canary-tool-call-regression's abort
 */
import type { AbortCause, SimEvent } from '../model/events.js';
import type { Ms } from '../model/time.js';

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

interface RunTally {
  /** Measurements of the run that were Failed or Error. */
  bad: number;
  /** Of those, how many had no data. */
  noData: number;
}

export function createAbortCauses() {
  const runs = new Map<string, RunTally>();
  let previous: SimEvent | undefined;
  let inconclusivePause = false;
  let last: { t: Ms; cause: AbortCause } | undefined;

  /** The cause of an abort at `t`, from the event emitted just before it. */
  function causeOf(t: Ms): AbortCause {
    if (previous?.t === t && previous.type === 'OperatorAction' && previous.action === 'abort') return inconclusivePause ? 'inconclusive' : 'operator';
    if (previous?.t === t && previous.type === 'AnalysisRunCompleted' && (previous.phase === 'Failed' || previous.phase === 'Error')) {
      const tally = runs.get(previous.name);
      if (tally !== undefined && tally.bad > 0 && tally.noData === tally.bad) return 'noData';
      return previous.phase === 'Failed' ? 'failed' : 'error';
    }
    return 'progressDeadline';
  }

  return {
    observe(e: SimEvent): void {
      switch (e.type) {
        case 'Measurement':
          if (e.phase === 'Failed' || e.phase === 'Error') {
            const tally = runs.get(e.run) ?? { bad: 0, noData: 0 };
            tally.bad++;
            if (isNoData(e.value, e.message)) tally.noData++;
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
          last = { t: e.t, cause: causeOf(e.t) };
          inconclusivePause = false;
          break;
        default:
          break;
      }
      previous = e;
    },
    /** The latest abort and its cause (undefined before any). */
    last: (): { t: Ms; cause: AbortCause } | undefined => last,
  };
}
