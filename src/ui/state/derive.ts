/**
 * The rendered slices derived from the tracked facts: the plugin's header block, the step list,
 * traffic by version and the ReplicaSets with their pods. Pure.
 */
import { podStates } from '../../model/events.js';
import type { RunContext } from './context.js';
import { RELEASE, STABLE, type HarmedSlice, type HeaderSlice, type ImageRow, type ReplicaSetRow, type RunSnapshot, type SampleEvent, type StepMark, type StepRow, type Track, type TrafficSlice, type Version } from './types.js';

/** Example: the stable version's hash → 0; any other (the release's) → 1. */
function versionOf(ctx: RunContext, hash: string): Version {
  return hash === ctx.stableHash ? STABLE : RELEASE;
}

/** The Rollout's own ReplicaSets (stable and release); an Experiment's are owned by the Experiment. */
function ownedBy(ctx: RunContext, hash: string): boolean {
  return hash === ctx.stableHash || hash === ctx.releaseHash;
}

/** The snapshot without its derived slices: what the reducer folds. */
export type Facts = Omit<RunSnapshot, 'header' | 'steps' | 'services' | 'traffic' | 'replicaSets' | 'harmed'>;

/** Recomputes every derived slice of the snapshot. Example: after RolloutAborted at step 2, `steps[2].mark` is 'aborted' and the header shows Step 0/n. */
export function derive(s: Facts): RunSnapshot {
  const weights = weightsOf(s.context, s.track);
  return {
    ...s,
    header: header(s.context, s.track, weights),
    steps: stepRows(s.context, s.track, s.now, s.summary !== undefined),
    services: s.context.services.map((x) => ({ ...x, image: imageOf(s.context, s.track.selectors[x.name]) })),
    traffic: traffic(s.context, s.track, weights.actual),
    replicaSets: replicaSets(s.context, s.track),
    harmed: harmedOf(s.track.lastSample),
  };
}

/** The request counters of the last Sample (nothing before the first). */
function harmedOf(sample: SampleEvent | undefined): HarmedSlice {
  if (sample === undefined) return { harmed: 0, completed: 0, arrived: undefined, unserved: 0, releaseRequests: 0, mirrored: 0 };
  return { harmed: sample.harmed, completed: sample.completed, arrived: sample.arrived, unserved: sample.unserved, releaseRequests: sample.releaseRequests, mirrored: sample.mirrored };
}

/**
 * SetWeight and ActualWeight as the plugin shows them: 100/100 at rest or once promoted, 0 after
 * an abort, otherwise the last setWeight step at or before the current one (Argo's
 * GetCurrentSetWeight) and the weight the router (or the pod ratio) actually gives.
 *
 * Example: steps [setWeight 20, pause], current step 1, ActualWeight 20 → {set: 20, actual: 20}.
 */
export function weightsOf(ctx: RunContext, t: Track): { set: number; actual: number } {
  if (!t.started || t.promoted) return { set: 100, actual: 100 };
  if (t.aborted) return { set: 0, actual: t.actualWeight };
  let set = 0;
  for (let i = Math.min(t.currentStepIndex, ctx.steps.length - 1); i >= 0; i--) {
    const w = ctx.steps[i]?.setWeight;
    if (w !== undefined) {
      set = w;
      break;
    }
  }
  if (ctx.steps.length > 0 && t.currentStepIndex >= ctx.steps.length) set = 100;
  return { set, actual: t.actualWeight };
}

function header(ctx: RunContext, t: Track, w: { set: number; actual: number }): HeaderSlice {
  const canary = ctx.strategy === 'Canary';
  return {
    name: ctx.rollout, namespace: ctx.namespace, phase: t.phase, message: t.message, strategy: ctx.strategy,
    step: canary ? { current: t.started ? t.currentStepIndex : ctx.steps.length, total: ctx.steps.length, running: runningStep(ctx, t) } : undefined,
    setWeight: canary ? w.set : undefined,
    actualWeight: canary ? w.actual : undefined,
    images: images(ctx, t),
    replicas: replicaCounts(ctx, t.lastSample),
  };
}

/** The 1-based step in progress, while one is (Argo's currentStepIndex + 1). Example: index 1 of 6, updating → 2. */
function runningStep(ctx: RunContext, t: Track): number | undefined {
  return t.started && !t.promoted && !t.aborted && t.currentStepIndex < ctx.steps.length ? t.currentStepIndex + 1 : undefined;
}

/** The plugin's role tags of a version's ReplicaSet. Example: canary, not promoted, release → ['canary']. */
export function tagsOf(ctx: RunContext, version: Version, promoted: boolean): string[] {
  switch (ctx.strategy) {
    case 'Canary':
      return version === STABLE ? (promoted ? [] : ['stable']) : promoted ? ['stable'] : ['canary'];
    case 'BlueGreen':
      return version === STABLE ? (promoted ? [] : ['stable', 'active']) : promoted ? ['stable', 'active'] : ['preview'];
    case 'RollingUpdate':
      return version === STABLE ? ['old'] : ['new'];
  }
}


function images(ctx: RunContext, t: Track): ImageRow[] {
  const sample = t.lastSample;
  // Without a sample yet (a trace alone), the ReplicaSets' targets stand in for their pods.
  const alive = (v: Version): boolean =>
    sample === undefined
      ? (t.desired[v === STABLE ? ctx.stableHash : ctx.releaseHash] ?? (v === STABLE ? ctx.replicas : 0)) > 0
      : sample.replicaSets.some((rs) => ownedBy(ctx, rs.hash) && versionOf(ctx, rs.hash) === v && rs.pods.length > 0);
  const rows: ImageRow[] = [];
  if (alive(RELEASE) || t.promoted) rows.push({ image: ctx.releaseImage, tags: tagsOf(ctx, RELEASE, t.promoted) });
  if (alive(STABLE)) rows.push({ image: ctx.stableImage, tags: tagsOf(ctx, STABLE, t.promoted) });
  return t.promoted ? rows : rows.reverse();
}

function replicaCounts(ctx: RunContext, sample: SampleEvent | undefined): HeaderSlice['replicas'] {
  // Argo's Rollout status counts the Rollout's ReplicaSets only (not an Experiment's).
  const pods = (sample?.replicaSets ?? []).filter((rs) => ownedBy(ctx, rs.hash)).flatMap((rs) => podStates(rs.pods).map((state) => ({ version: versionOf(ctx, rs.hash), state })));
  const live = pods.filter((p) => p.state === 'ready' || p.state === 'starting');
  const ready = pods.filter((p) => p.state === 'ready').length;
  return {
    desired: ctx.replicas, current: live.length, updated: live.filter((p) => p.version === RELEASE).length,
    ready, available: ready,
  };
}

/** The step list; once the run has finished, a pause in progress shows no time left (the clock stopped). */
function stepRows(ctx: RunContext, t: Track, now: number, finished: boolean): StepRow[] {
  return ctx.steps.map((step, index) => {
    const mark = markOf(t, index);
    const pausedHere = mark === 'current' && t.pause !== undefined;
    const timed = pausedHere && t.pause?.reason === 'CanaryPauseStep' && step.pauseMs !== undefined;
    return {
      index, label: step.label, mark,
      remaining: timed && !finished ? Math.max(0, (t.pause?.since ?? now) + (step.pauseMs ?? 0) - now) : undefined,
      waitsForPromote: pausedHere && !timed && !finished,
    };
  });
}

/**
 * Example: aborted at step 2 → steps 0–1 'done', 2 'aborted', the rest 'pending'; promoted → all
 * 'done'; before the update starts → all 'pending'.
 */
export function markOf(t: Track, index: number): StepMark {
  if (!t.started) return 'pending';
  if (t.promoted) return 'done';
  if (t.aborted) {
    if (t.abortedStep === undefined) return 'pending';
    return index < t.abortedStep ? 'done' : index === t.abortedStep ? 'aborted' : 'pending';
  }
  return index < t.currentStepIndex ? 'done' : index === t.currentStepIndex ? 'current' : 'pending';
}

/** Example: the release's hash → 'agent:v2'; an unknown or missing hash → undefined. */
function imageOf(ctx: RunContext, hash: string | undefined): string | undefined {
  return hash === ctx.releaseHash ? ctx.releaseImage : hash === ctx.stableHash ? ctx.stableImage : undefined;
}

function traffic(ctx: RunContext, t: Track, actual: number): TrafficSlice {
  const releaseShare = t.promoted ? 100 : t.started ? t.actualWeight : 0;
  const role = t.promoted ? 'stable' : ctx.strategy === 'BlueGreen' ? (releaseShare > 0 ? 'active' : 'preview') : ctx.strategy === 'Canary' ? 'canary' : 'new';
  return {
    stableImage: ctx.stableImage, releaseImage: ctx.releaseImage, releaseShare,
    setWeight: ctx.strategy === 'Canary' ? weightsOf(ctx, t).set : undefined,
    actualWeight: actual, releaseRole: role,
    mirrorPercent: mirrorPercent(ctx, t), mirrored: t.lastSample?.mirrored ?? 0,
    experiments: experimentShares(ctx, t),
  };
}

/**
 * rollout/trafficrouting.go calculateWeightDestinationsFromExperiment: while the step's Experiment
 * is Running and the update is not aborted, each template with a weight gets it.
 * Example: baseline and canary at 25 each, Running → [{baseline, agent:v1, 25}, {canary, agent:v2, 25}].
 */
function experimentShares(ctx: RunContext, t: Track): TrafficSlice['experiments'] {
  if (t.aborted || t.promoted) return [];
  return Object.values(t.experimentSets)
    .filter((x) => x.weight !== null && x.weight > 0 && t.experimentPhases[x.experiment] === 'Running')
    .map((x) => ({ template: x.template, image: x.specRef === 'stable' ? ctx.stableImage : ctx.releaseImage, share: x.weight ?? 0 }));
}

/** The setMirrorRoute in force: the last one among the completed steps (routes end at promotion or abort). */
function mirrorPercent(ctx: RunContext, t: Track): number | undefined {
  if (!t.started || t.promoted || t.aborted) return undefined;
  for (let i = Math.min(t.currentStepIndex, ctx.steps.length) - 1; i >= 0; i--) {
    const m = ctx.steps[i]?.mirrorPercent;
    if (m !== undefined) return m === 0 ? undefined : m;
  }
  return undefined;
}

function replicaSets(ctx: RunContext, t: Track): ReplicaSetRow[] {
  const sets = t.lastSample?.replicaSets ?? [];
  const live = sets.filter((rs) => rs.pods.length > 0 || (t.desired[rs.hash] ?? 0) > 0);
  const own = live
    .filter((rs) => ownedBy(ctx, rs.hash))
    .map((rs) => {
      const version = versionOf(ctx, rs.hash);
      return {
        hash: rs.hash, name: `${ctx.rollout}-${rs.hash}`, image: version === STABLE ? ctx.stableImage : ctx.releaseImage, revision: version + 1, // revision 1 is the stable version, 2 the release
        tags: tagsOf(ctx, version, t.promoted),
        desired: t.desired[rs.hash] ?? (version === STABLE ? ctx.replicas : 0),
        pods: podStates(rs.pods),
      };
    })
    .sort((a, b) => b.revision - a.revision);
  // An Experiment's ReplicaSets follow, grouped under it as the plugin's tree does.
  const experiments = live.flatMap((rs): ReplicaSetRow[] => {
    const x = t.experimentSets[rs.hash];
    if (x === undefined) return [];
    const stable = x.specRef === 'stable';
    return [{
      hash: rs.hash, name: x.rs, image: stable ? ctx.stableImage : ctx.releaseImage, revision: stable ? 1 : 2,
      tags: [x.template], desired: t.desired[rs.hash] ?? 0, pods: podStates(rs.pods),
      experiment: { name: x.experiment, phase: t.experimentPhases[x.experiment] ?? 'Pending', template: x.template },
    }];
  });
  return [...own, ...experiments];
}
