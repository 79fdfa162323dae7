/**
 * What the UI knows before the first event: the workload's steps, the conditions of the
 * AnalysisTemplates it references (for thresholds and why-lines), names, images and the seed.
 * Built once from the scenario; pure.
 */
import { describeStep } from '../../controller/steps.js';
import type { AnalysisTemplate, CanaryStep, RolloutAnalysis, Workload } from '../../model/rollout.js';
import type { Scenario } from '../../model/scenario.js';
import { MINUTE, type Ms } from '../../model/time.js';
import { templateHash } from '../../world/pods.js';
import { goodComparison, seriesKindOf, type CompareOp, type SeriesKind } from './conditions.js';

export type { SeriesKind } from './conditions.js';

/** A line drawn on a sparkline: good values satisfy `value <good> bound`. */
export interface Threshold {
  readonly kind: SeriesKind;
  /** The analysis metric it comes from. */
  readonly metric: string;
  readonly good: CompareOp;
  readonly bound: number;
  /** The bound as written in the template (`0.015`). */
  readonly literal: string;
}

export interface MetricInfo {
  readonly name: string;
  /** successCondition, else failureCondition (what a measurement is judged by). */
  readonly condition: string | undefined;
  readonly good: { readonly op: CompareOp; readonly literal: string } | undefined;
  /** Argo's default is 0 for failureLimit. */
  readonly failureLimit: number;
}

export interface StepInfo {
  readonly label: string;
  readonly kind: 'setWeight' | 'pause' | 'analysis' | 'setCanaryScale' | 'setHeaderRoute' | 'setMirrorRoute';
  readonly pauseMs: Ms | undefined;
  /** setWeight steps: the weight. */
  readonly setWeight: number | undefined;
  /** setMirrorRoute: percent of matching requests copied (0 = the route is removed). */
  readonly mirrorPercent: number | undefined;
}

export interface RunContext {
  readonly scenario: string;
  readonly description: string;
  readonly file: string;
  readonly seed: number;
  readonly rollout: string;
  readonly namespace: string;
  readonly kind: Workload['kind'];
  /** The plugin's Strategy line: Canary, BlueGreen, or RollingUpdate for a Deployment. */
  readonly strategy: 'Canary' | 'BlueGreen' | 'RollingUpdate';
  readonly router: string | undefined;
  readonly replicas: number;
  readonly steps: readonly StepInfo[];
  readonly stableImage: string;
  readonly releaseImage: string;
  /** Pod-template hashes of the two versions (ReplicaSet names are `<rollout>-<hash>`). */
  readonly stableHash: string;
  readonly releaseHash: string;
  /** Blue-green: the Services the Rollout manages (active first). */
  readonly services: readonly { readonly name: string; readonly role: 'active' | 'preview' }[];
  /** Metrics by template name. */
  readonly templates: Readonly<Record<string, readonly MetricInfo[]>>;
  readonly thresholds: Readonly<Partial<Record<SeriesKind, Threshold>>>;
  readonly until: Ms;
  /** The scenario's duration (a replay needs `--until` only when they differ). */
  readonly duration: Ms;
  /** More than one workload in the file (a replay needs `--rollout`). */
  readonly multipleWorkloads: boolean;
  /** How much sim time the sparklines span. */
  readonly window: Ms;
}

export const SPARK_WINDOW: Ms = 10 * MINUTE;

export interface ContextOptions {
  readonly seed: number;
  readonly until: Ms;
}

/** Example: createRunContext(scenario, sim.workload, {seed: 7, until: 3_600_000}). */
export function createRunContext(scenario: Scenario, workload: Workload, opts: ContextOptions): RunContext {
  const referenced = referencedTemplates(workload);
  const used = scenario.analysisTemplates.filter((t) => referenced.includes(t.name));
  return {
    scenario: scenario.name, description: scenario.description.trim(), file: scenario.file, seed: opts.seed,
    rollout: workload.name, namespace: workload.namespace, kind: workload.kind,
    strategy: workload.kind === 'Deployment' ? 'RollingUpdate' : workload.strategy.type === 'canary' ? 'Canary' : 'BlueGreen',
    router: workload.kind === 'Rollout' && workload.strategy.type === 'canary' ? workload.strategy.trafficRouting?.router : undefined,
    replicas: workload.replicas,
    steps: workload.kind === 'Rollout' && workload.strategy.type === 'canary' ? workload.strategy.steps.map(stepInfo) : [],
    stableImage: scenario.stableImage, releaseImage: scenario.release.image,
    stableHash: templateHash(scenario.stableImage), releaseHash: templateHash(scenario.release.image),
    services: servicesOf(workload),
    templates: Object.fromEntries(used.map((t) => [t.name, t.metrics.map(metricInfo)])),
    thresholds: thresholdsOf(used),
    until: opts.until, duration: scenario.duration, multipleWorkloads: scenario.workloads.length > 1, window: SPARK_WINDOW,
  };
}

function stepInfo(step: CanaryStep): StepInfo {
  const base = { label: describeStep(step), pauseMs: undefined, setWeight: undefined, mirrorPercent: undefined };
  if ('setWeight' in step) return { ...base, kind: 'setWeight', setWeight: step.setWeight };
  if ('pause' in step) return { ...base, kind: 'pause', pauseMs: step.pause.duration };
  if ('analysis' in step) return { ...base, kind: 'analysis' };
  if ('setCanaryScale' in step) return { ...base, kind: 'setCanaryScale' };
  if ('setHeaderRoute' in step) return { ...base, kind: 'setHeaderRoute' };
  const m = step.setMirrorRoute;
  return { ...base, kind: 'setMirrorRoute', mirrorPercent: m.match.length === 0 ? 0 : m.percentage };
}

/**
 * The lines the event log starts with, as the text timeline's header.
 * Example: ['rollout-sim · canary-happy-path · seed 7 · rollout agent', '  A healthy release …'].
 */
export function titleLines(ctx: RunContext): string[] {
  return [`rollout-sim · ${ctx.scenario} · seed ${ctx.seed} · rollout ${ctx.rollout}`, ...(ctx.description === '' ? [] : [`  ${ctx.description}`])];
}

/**
 * The strategy label the verdict table uses (the same words as `simulate compare`'s text output).
 * Example: a traffic-routed canary → 'canary'; no trafficRouting → 'basic canary'.
 */
export function verdictStrategy(ctx: RunContext): string {
  if (ctx.strategy === 'RollingUpdate') return 'Deployment';
  if (ctx.strategy === 'BlueGreen') return 'blue-green';
  return ctx.router === undefined ? 'basic canary' : 'canary';
}

function servicesOf(w: Workload): RunContext['services'] {
  if (w.kind === 'Deployment' || w.strategy.type !== 'blueGreen') return [];
  const preview = w.strategy.previewService;
  return [{ name: w.strategy.activeService, role: 'active' }, ...(preview === undefined ? [] : [{ name: preview, role: 'preview' as const }])];
}

function metricInfo(m: AnalysisTemplate['metrics'][number]): MetricInfo {
  const good = goodComparison(m);
  return {
    name: m.name, condition: m.successCondition ?? m.failureCondition,
    good: good === undefined ? undefined : { op: good.op, literal: good.literal },
    failureLimit: m.failureLimit ?? 0,
  };
}

/** The first simple numeric threshold per series kind. */
function thresholdsOf(templates: readonly AnalysisTemplate[]): Partial<Record<SeriesKind, Threshold>> {
  const out: Partial<Record<SeriesKind, Threshold>> = {};
  for (const t of templates) {
    for (const m of t.metrics) {
      const kind = seriesKindOf(m);
      const good = goodComparison(m);
      if (kind === undefined || good === undefined || out[kind] !== undefined) continue;
      out[kind] = { kind, metric: m.name, good: good.op, bound: good.value, literal: good.literal };
    }
  }
  return out;
}

/** Names of every template the workload's steps and analyses reference. */
function referencedTemplates(w: Workload): string[] {
  if (w.kind === 'Deployment') return [];
  const analyses: (RolloutAnalysis | undefined)[] =
    w.strategy.type === 'canary'
      ? [w.strategy.analysis, ...w.strategy.steps.map((s) => ('analysis' in s ? s.analysis : undefined))]
      : [w.strategy.prePromotionAnalysis, w.strategy.postPromotionAnalysis];
  return [...new Set(analyses.flatMap((a) => (a === undefined ? [] : a.templates.map((t) => t.templateName))))];
}
