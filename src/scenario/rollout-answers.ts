/**
 * What the Scenario says about a Rollout that its manifest cannot: what each step plugin does
 * (`spec.stepPlugins`) and which earlier revisions exist (`spec.history`, for
 * `spec.rollbackWindow`). Joined into the Rollouts once both documents are built; a plugin step
 * with no declaration is an error showing the block to add.
 */
import type { Rollout, StepPluginOutcome, Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import type { BuiltWorkload } from './rollout-build.js';
import { dflt, obj, opt } from './schema.js';
import { enumOf, str } from './scalars.js';
import { duration } from './durations.js';
import { fail } from './validate.js';

/** One `spec.stepPlugins.<name>` entry. */
export const StepPluginSchema = obj(
  {
    duration: dflt(duration(), '0s', { description: 'How long its Run answers Running (from the first Run).' }),
    phase: dflt(enumOf(['Successful', 'Failed', 'Error'] as const), 'Successful', {
      description: 'What Run answers after duration: Successful advances, Failed aborts the Rollout, Error is an RPC error Argo retries every 30s (forever).',
    }),
    message: dflt(str(), '', { description: "The plugin's message (Failed: the abort reason ends with it)." }),
    requeueAfter: opt(duration(), { description: "The plugin's RequeueAfter while Running (used when over 10s; else Argo's 30s)." }),
  },
  { description: 'What a canary `plugin` step does: its Run answers Running for `duration`, then `phase`.' },
);

type Answers = Pick<Scenario, 'stepPlugins' | 'history' | 'release' | 'stableImage'>;

/**
 * Each Rollout with its plugin steps' outcomes and, when the release image is an earlier revision
 * that still has a ReplicaSet, `rollback`.
 * Example: history [a:1, a:2], stable a:3, release a:1, revisionHistoryLimit 10 → rollback {between: 1}
 * (a:2's ReplicaSet lies between a:1's and the stable one); release a:4 → no rollback.
 */
export function joinRolloutAnswers(workloads: readonly BuiltWorkload<Workload>[], answers: Answers, lenient: boolean): BuiltWorkload<Workload>[] {
  return workloads.map((w) => {
    if (w.workload.kind !== 'Rollout') return w;
    const r = w.workload;
    const withPlugins = r.strategy.type === 'canary' ? pluginsOf(w as BuiltWorkload<Rollout>, answers, lenient) : r;
    const rollback = rollbackOf(r, answers);
    return { ...w, workload: rollback === undefined ? withPlugins : { ...withPlugins, rollback } };
  });
}

function pluginsOf(w: BuiltWorkload<Rollout>, answers: Answers, lenient: boolean): Rollout {
  const r = w.workload;
  if (r.strategy.type !== 'canary' || !r.strategy.steps.some((s) => 'plugin' in s)) return r;
  const steps = r.strategy.steps.map((step, i) => {
    if (!('plugin' in step)) return step;
    const outcome: StepPluginOutcome | undefined = answers.stepPlugins?.[step.plugin.name];
    if (outcome === undefined && !lenient) {
      const key = /^[\w-]+$/.test(step.plugin.name) ? step.plugin.name : JSON.stringify(step.plugin.name);
      fail(w.cx, `spec.strategy.canary.steps[${i}].plugin.name`, `the step plugin "${step.plugin.name}" needs a declaration of what it does (the simulator runs no plugin)`, `add to the Scenario's spec: stepPlugins: {${key}: {duration: 30s, phase: Successful}}`);
    }
    return { ...step, plugin: { ...step.plugin, outcome } };
  });
  return { ...r, strategy: { ...r.strategy, steps } };
}

/** Argo keeps revisionHistoryLimit old ReplicaSets: an older revision's is gone (the release is then a new one). */
function rollbackOf(r: Rollout, answers: Answers): Rollout['rollback'] {
  const history = answers.history ?? [];
  const release = answers.release.image;
  if (release === answers.stableImage) return undefined;
  const kept = history.filter((h) => h !== answers.stableImage).slice(-(r.revisionHistoryLimit ?? 10));
  const at = kept.lastIndexOf(release);
  return at < 0 ? undefined : { between: kept.length - 1 - at };
}
