/**
 * Pure answers about a canary step list (Argo's `GetCurrentSetWeight` and friends).
 */
import type { CanaryStep } from '../model/rollout.js';
import { formatDuration } from '../model/time.js';

/**
 * The weight in force at step `index`: the last `setWeight` at or before it, 0 if none, and
 * `maxWeight` once every step is done.
 *
 * Example: steps [setWeight 20, pause, setWeight 50]: index 1 → 20; index 3 → 100.
 */
export function currentSetWeight(steps: readonly CanaryStep[], index: number, maxWeight = 100): number {
  if (index >= steps.length) return maxWeight;
  for (let i = index; i >= 0; i--) {
    const s = steps[i];
    if (s !== undefined && 'setWeight' in s) return s.setWeight;
  }
  return 0;
}

/**
 * The weight of the last `setWeight` strictly before `index` (what the router keeps while the
 * canary for the current step is still scaling up).
 *
 * Example: steps [setWeight 20, pause, setWeight 50]: index 2 → 20; index 0 → 0.
 */
export function previousSetWeight(steps: readonly CanaryStep[], index: number): number {
  return index <= 0 ? 0 : currentSetWeight(steps.slice(0, index), index - 1);
}

/**
 * The setCanaryScale in force at step `index` (the most recent one at or before it), undefined
 * when none applies, when a later `matchTrafficWeight: true` cancelled it, or after the last step.
 *
 * Example: [setCanaryScale {replicas: 3}, setWeight 20]: index 1 → {replicas: 3}; index 2 → undefined.
 */
export function currentSetCanaryScale(steps: readonly CanaryStep[], index: number): { replicas?: number; weight?: number } | undefined {
  if (index >= steps.length) return undefined;
  for (let i = index; i >= 0; i--) {
    const s = steps[i];
    if (s !== undefined && 'setCanaryScale' in s) return s.setCanaryScale.matchTrafficWeight === true ? undefined : s.setCanaryScale;
  }
  return undefined;
}

/**
 * The router weight while an aborted dynamicStableScale canary walks back (argo-semantics §2.7):
 * down through the setWeight values below the current weight, each as soon as the stable pods that
 * are available can carry the rest; 0 once the stable ReplicaSet is whole.
 *
 * Example: steps 20/40/60, weight 60, R = 10, 6 stable pods available → 40 (6 pods carry 60 %).
 */
export function walkBackWeight(steps: readonly CanaryStep[], current: number, stableAvailable: number, replicas: number, maxWeight = 100): number {
  if (stableAvailable >= replicas) return 0;
  const lower = [...new Set(steps.flatMap((s) => ('setWeight' in s && s.setWeight < current ? [s.setWeight] : [])))].sort((a, b) => a - b);
  for (const w of lower) if (stableAvailable >= Math.ceil(((maxWeight - w) * replicas) / maxWeight)) return w;
  return current;
}

/**
 * One-line text for a step, as the trace and the UI show it.
 *
 * Example: {setWeight: 20} → 'setWeight: 20'; {pause: {duration: 30000}} → 'pause: {duration: 30s}';
 * {pause: {}} → 'pause: {}'; an experiment with templates baseline and canary for 5 min →
 * 'experiment: {templates: [baseline, canary], duration: 5m0s}'; {setCanaryScale: {weight: 10},
 * setHeaderRoute: {name: h}} → 'setCanaryScale: {weight: 10}, setHeaderRoute: {name: h}'.
 */
export function describeStep(step: CanaryStep): string {
  if ('setWeight' in step) return `setWeight: ${step.setWeight}`;
  if ('pause' in step) {
    const d = step.pause.duration;
    return d === undefined ? 'pause: {}' : `pause: {duration: ${formatDuration(d)}}`;
  }
  if ('analysis' in step) return `analysis: {templates: [${step.analysis.templates.map((t) => t.templateName).join(', ')}]}`;
  if ('experiment' in step) {
    const e = step.experiment;
    const d = e.duration === undefined ? '' : `, duration: ${formatDuration(e.duration)}`;
    return `experiment: {templates: [${e.templates.map((t) => t.name).join(', ')}]${d}}`;
  }
  if ('plugin' in step) return `plugin: {name: ${step.plugin.name}}`;
  // setCanaryScale, setHeaderRoute and setMirrorRoute may share a step: each action is listed.
  const parts: string[] = [];
  if ('setCanaryScale' in step) {
    const s = step.setCanaryScale;
    const field = s.replicas !== undefined ? `replicas: ${s.replicas}` : s.weight !== undefined ? `weight: ${s.weight}` : 'matchTrafficWeight: true';
    parts.push(`setCanaryScale: {${field}}`);
  }
  if ('setHeaderRoute' in step && step.setHeaderRoute !== undefined) parts.push(`setHeaderRoute: {name: ${step.setHeaderRoute.name}}`);
  if (step.setMirrorRoute !== undefined) parts.push(`setMirrorRoute: {name: ${step.setMirrorRoute.name}, percentage: ${step.setMirrorRoute.percentage}}`);
  return parts.join(', ');
}
