/**
 * The Experiment controller (argo-rollouts experiments/experiment.go `reconcile`,
 * utils/experiment/experiment.go): each template's ReplicaSet scaled to its replicas and assessed
 * (Progressing → Running → Successful, Failed past progressDeadlineSeconds), the analyses started
 * once every ReplicaSet is available, the phase computed from both (`calculateStatus`), and the
 * ReplicaSets scaled to 0 `scaleDownDelaySeconds` after it ends. Pure: (state, observed) →
 * (state, effects). The simulator runs it at the start of each Rollout reconcile, the way Argo's
 * Experiment controller reacts to the same ReplicaSet and AnalysisRun changes.
 * Instants: Argo compares `now.After(deadline)`; on the simulator's integer clock a deadline is
 * reached at its own millisecond (as pause steps are).
 */
import type { AnalysisPhase } from '../model/events.js';
import { SECOND, type Ms } from '../model/time.js';
import { emitted } from './stage.js';
import type { Effect, ExperimentAnalysisState, ExperimentState, ExperimentTemplateState, Observed, TemplateStatusCode } from './status.js';

/** Default progressDeadlineSeconds and scaleDownDelaySeconds (utils/defaults/defaults.go). */
export const EXPERIMENT_PROGRESS_DEADLINE_SECONDS = 600;
export const EXPERIMENT_SCALE_DOWN_DELAY_SECONDS = 30;

/** Example: experimentRsKey('ro-abc-2-1', 'canary') === 'ro-abc-2-1/canary'. */
export const experimentRsKey = (experiment: string, template: string): string => `${experiment}/${template}`;
/** Example: experimentRunKey('ro-abc-2-1', 'smoke') === 'experiment:ro-abc-2-1/smoke'. */
export const experimentRunKey = (experiment: string, analysis: string): string => `experiment:${experiment}/${analysis}`;

/** Example: completed('Inconclusive') === true; completed('Running') === false. */
export function completed(phase: AnalysisPhase | ''): boolean {
  return phase === 'Successful' || phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive';
}

/** A new Experiment's status: nothing assessed yet (phase ''). */
export function newExperiment(name: string, stepIndex: number, spec: ExperimentState['spec'], now: Ms): ExperimentState {
  return {
    name, stepIndex, spec, phase: '', message: '', availableAt: undefined, terminate: false,
    templates: spec.templates.map((t) => ({ name: t.name, status: '', message: '', lastTransition: now, replicas: 0, available: 0, specReplicas: 0, scaleDownAt: undefined })),
    analyses: spec.analyses.map((a) => ({ name: a.name, phase: '', message: '', created: false })),
  };
}

/** utils/experiment IsTerminating: told to, finished, a template Failed/Error, an analysis Failed/Error/Inconclusive, or the required analyses succeeded. */
export function isTerminating(ex: ExperimentState): boolean {
  if (ex.terminate || completed(ex.phase)) return true;
  if (ex.templates.some((t) => t.status === 'Failed' || t.status === 'Error')) return true;
  if (ex.analyses.some((a) => a.phase === 'Failed' || a.phase === 'Error' || a.phase === 'Inconclusive')) return true;
  return requiredAnalysisRunsSuccessful(ex, ex.analyses);
}

function requiredAnalysisRunsSuccessful(ex: ExperimentState, analyses: readonly ExperimentAnalysisState[]): boolean {
  const required = ex.spec.analyses.filter((a) => a.requiredForCompletion);
  return required.length > 0 && required.every((a) => analyses.find((s) => s.name === a.name)?.phase === 'Successful');
}

/** utils/experiment PassedDurations. Example: availableAt 10 s, duration 60 s → false at 69.999 s, true at 70 s. */
function passedDuration(ex: ExperimentState, now: Ms): boolean {
  const d = ex.spec.duration;
  return d !== undefined && ex.availableAt !== undefined && now >= ex.availableAt + d;
}

/** Nothing left to do: ended and every ReplicaSet back at 0. */
export function experimentDone(ex: ExperimentState): boolean {
  return completed(ex.phase) && ex.templates.every((t) => t.specReplicas === 0 && t.replicas === 0);
}

/**
 * One Experiment reconcile. Example: a template {canary, replicas 1} just created (phase '') →
 * scale it to 1, phase Pending; once its pod is available → template Running, availableAt now,
 * phase Running; with duration 60 s, at availableAt + 60 s → template Successful, phase
 * Successful, and after scaleDownDelaySeconds (30 s) the ReplicaSet is scaled to 0.
 */
export function reconcileExperiment(ex: ExperimentState, observed: Observed, deadlineSeconds: number): { state: ExperimentState; effects: Effect[] } {
  const effects: Effect[] = [];
  const now = observed.now;
  const terminating = isTerminating(ex);
  const templates = ex.spec.templates.map((t, i) => reconcileTemplate(ex, i, observed, deadlineSeconds, terminating, effects));
  const analyses = ex.spec.analyses.map((a, i) => reconcileAnalysis(ex, i, observed, terminating, effects));
  let next: ExperimentState = { ...ex, templates, analyses };
  next = calculateStatus(next, now);
  if (next.phase !== ex.phase) effects.push(emitted({ t: now, type: 'ExperimentPhaseChanged', name: ex.name, phase: next.phase as AnalysisPhase, message: next.message }));
  // calculateEnqueueDuration: the end of the duration, and each template's progress deadline.
  if (!isTerminating(next)) {
    if (next.availableAt !== undefined && next.spec.duration !== undefined && !passedDuration(next, now)) effects.push({ type: 'requeueAt', at: next.availableAt + next.spec.duration });
    for (const [i, t] of next.templates.entries()) {
      const desired = next.spec.templates[i]?.replicas ?? 0;
      if ((t.status === 'Progressing' || t.status === 'Running') && t.available !== desired) effects.push({ type: 'requeueAt', at: t.lastTransition + deadlineSeconds * SECOND });
    }
  }
  return { state: JSON.stringify(next) === JSON.stringify(ex) ? ex : next, effects };
}

/** experiments/experiment.go reconcileTemplate: scale (with the scale-down delay), counts, template status. */
function reconcileTemplate(ex: ExperimentState, i: number, observed: Observed, deadlineSeconds: number, terminating: boolean, effects: Effect[]): ExperimentTemplateState {
  const spec = ex.spec.templates[i];
  const prev = ex.templates[i];
  if (spec === undefined || prev === undefined) throw new Error(`experiment ${ex.name}: template ${i} missing`);
  const now = observed.now;
  const desired = completed(ex.phase) || terminating || completedTemplate(prev.status) ? 0 : spec.replicas;
  let t: ExperimentTemplateState = prev;
  if (desired === 0 && t.specReplicas > 0 && t.scaleDownAt === undefined) {
    const delay = ex.spec.scaleDownDelaySeconds ?? EXPERIMENT_SCALE_DOWN_DELAY_SECONDS;
    if (delay > 0) t = { ...t, scaleDownAt: now + delay * SECOND };
  }
  if (t.specReplicas !== desired) {
    let target = desired;
    if (desired === 0 && t.scaleDownAt !== undefined && now < t.scaleDownAt) {
      target = spec.replicas;
      effects.push({ type: 'requeueAt', at: t.scaleDownAt });
    }
    if (target !== t.specReplicas) effects.push({ type: 'scaleExperiment', experiment: ex.name, template: spec.name, replicas: target });
    t = { ...t, specReplicas: target, lastTransition: now };
  }
  const rs = observed.replicaSets.get(experimentRsKey(ex.name, spec.name)) ?? { replicas: 0, available: 0 };
  if (rs.replicas !== t.replicas || rs.available !== t.available) t = { ...t, replicas: rs.replicas, available: rs.available, lastTransition: now };
  if (completedTemplate(t.status)) return t;
  let status: TemplateStatusCode;
  let message = t.message;
  if (desired === t.available) status = passedDuration(ex, now) || terminating ? 'Successful' : 'Running';
  else if (now >= t.lastTransition + deadlineSeconds * SECOND) {
    status = 'Failed';
    message = `Template '${spec.name}' exceeded its progressDeadlineSeconds (${deadlineSeconds})`;
  } else status = terminating ? 'Successful' : 'Progressing';
  return status === t.status && message === t.message ? t : { ...t, status, message };
}

function completedTemplate(s: TemplateStatusCode): boolean {
  return s === 'Successful' || s === 'Failed' || s === 'Error';
}

/** experiments/experiment.go reconcileAnalysisRun: created once the ReplicaSets are available, then read. */
function reconcileAnalysis(ex: ExperimentState, i: number, observed: Observed, terminating: boolean, effects: Effect[]): ExperimentAnalysisState {
  const spec = ex.spec.analyses[i];
  const prev = ex.analyses[i];
  if (spec === undefined || prev === undefined) throw new Error(`experiment ${ex.name}: analysis ${i} missing`);
  if (ex.availableAt === undefined) return prev;
  const key = experimentRunKey(ex.name, spec.name);
  if (!prev.created) {
    if (terminating) return prev;
    effects.push({
      type: 'startExperimentAnalysis', key, experiment: ex.name, name: `${ex.name}-${spec.name}`, analysis: spec.analysis,
      templates: ex.spec.templates.map((t) => t.name), availableAt: ex.availableAt, duration: ex.spec.duration,
    });
    return { ...prev, created: true, phase: 'Pending' };
  }
  if (completed(prev.phase)) return prev;
  const run = observed.analysisRuns.get(key);
  if (terminating) {
    if (run !== undefined && !completed(run.phase)) effects.push({ type: 'terminateAnalysis', key });
    return prev;
  }
  if (run === undefined) return prev;
  return run.phase === prev.phase && run.message === prev.message ? prev : { ...prev, phase: run.phase, message: run.message };
}

/** Best to worst (utils/experiment templateStatusOrder); '' ranks with Successful (index 0). */
const TEMPLATE_ORDER: readonly TemplateStatusCode[] = ['Successful', 'Running', 'Progressing', 'Error', 'Failed'];
/** Best to worst (utils/analysis analysisStatusOrder); '' ranks with Successful. */
const ANALYSIS_ORDER: readonly (AnalysisPhase | '')[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];
const rank = <T>(order: readonly T[], v: T): number => Math.max(0, order.indexOf(v));

/** assessTemplates: the worst template status as a phase. */
function assessTemplates(ex: ExperimentState): { phase: AnalysisPhase; message: string } {
  let worst: TemplateStatusCode = 'Successful';
  let message = '';
  for (const t of ex.templates) {
    if (rank(TEMPLATE_ORDER, t.status) > rank(TEMPLATE_ORDER, worst)) {
      worst = t.status;
      message = t.message;
    }
  }
  const phase: AnalysisPhase = worst === 'Progressing' ? 'Pending' : worst === 'Failed' ? 'Failed' : worst === 'Error' ? 'Error' : worst === 'Running' ? 'Running' : 'Successful';
  return { phase, message };
}

/** assessAnalysisRuns: the worst analysis phase; Successful once the required ones are (unless one is Running). */
function assessAnalysisRuns(ex: ExperimentState): { phase: AnalysisPhase; message: string } {
  let worst: AnalysisPhase | '' = 'Successful';
  let message = '';
  for (const a of ex.analyses) {
    if (rank(ANALYSIS_ORDER, a.phase) > rank(ANALYSIS_ORDER, worst)) {
      worst = a.phase;
      message = a.message;
    }
  }
  if (requiredAnalysisRunsSuccessful(ex, ex.analyses) && rank(ANALYSIS_ORDER, worst) > rank(ANALYSIS_ORDER, 'Running')) {
    return { phase: 'Successful', message: 'Required AnalysisRuns completed' };
  }
  // Pending reads as Running: it becomes the Experiment's phase.
  return { phase: worst === 'Pending' ? 'Running' : worst === '' ? 'Successful' : worst, message };
}

/** experiments/experiment.go calculateStatus. */
function calculateStatus(ex: ExperimentState, now: Ms): ExperimentState {
  if (ex.phase === '') return { ...ex, phase: 'Pending' };
  if (ex.phase !== 'Pending' && ex.phase !== 'Running') return ex;
  const t = assessTemplates(ex);
  const a = assessAnalysisRuns(ex);
  const availableAt = t.phase === 'Running' && ex.availableAt === undefined ? now : ex.availableAt;
  const hasRequired = ex.spec.analyses.some((x) => x.requiredForCompletion);
  let r: { phase: AnalysisPhase; message: string };
  if (completed(t.phase)) r = t.phase === 'Successful' && (completed(a.phase) || hasRequired) ? a : t;
  else if (completed(a.phase) && a.phase !== 'Successful') r = a;
  else if (requiredAnalysisRunsSuccessful(ex, ex.analyses)) r = a;
  else r = t;
  return { ...ex, availableAt, phase: r.phase, message: r.message };
}
