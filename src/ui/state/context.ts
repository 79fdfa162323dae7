/**
 * What the UI knows before the first event: the workload's steps, the conditions of the
 * AnalysisTemplates it references (for thresholds and why-lines), names, images and the seed.
 * Built once from the trace's SimulationStarted event (and the session's file and end); pure.
 */
import type { SimulationStartedFields, TraceMetric, TraceStep } from '../../model/events.js';
import { pluginStrategy, strategyLabel, type StrategyType } from '../../model/strategy.js';
import { MINUTE, type Ms } from '../../model/time.js';
import { headerLines } from '../../report/text.js';
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
  readonly kind: TraceStep['kind'];
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
  readonly kind: SimulationStartedFields['kind'];
  /** The plugin's Strategy line: Canary, BlueGreen, or RollingUpdate for a Deployment. */
  readonly strategy: 'Canary' | 'BlueGreen' | 'RollingUpdate';
  /** The same strategy in the trace's vocabulary (model/strategy.ts). */
  readonly strategyType: StrategyType;
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

/** What the session adds to the trace: the file to replay and where playback stops. */
export interface SessionOptions {
  /** The scenario file as the user named it (for the replay command). */
  readonly file: string;
  readonly until: Ms;
}

/**
 * The run's context from its SimulationStarted event (a trace alone is enough).
 * Example: createRunContext(firstEvent, {file: 'scenarios/x.yaml', until: 3_600_000}).
 */
export function createRunContext(start: SimulationStartedFields, session: SessionOptions): RunContext {
  const templates = new Map<string, MetricInfo[]>();
  for (const m of start.metrics) templates.set(m.template, [...(templates.get(m.template) ?? []), metricInfo(m)]);
  return {
    scenario: start.scenario, description: start.description, file: session.file, seed: start.seed,
    rollout: start.rollout, namespace: start.namespace, kind: start.kind,
    strategy: pluginStrategy(start.strategy), strategyType: start.strategy, router: start.router ?? undefined,
    replicas: start.replicas, steps: start.steps.map(stepInfo),
    stableImage: start.stableImage, releaseImage: start.releaseImage,
    stableHash: start.stableHash, releaseHash: start.releaseHash,
    services: start.services, templates: Object.fromEntries(templates), thresholds: thresholdsOf(start.metrics),
    until: session.until, duration: start.duration, multipleWorkloads: start.workloads.length > 1, window: SPARK_WINDOW,
  };
}

/** Example: {kind: 'pause', pauseDuration: null, …} → {kind: 'pause', pauseMs: undefined, …} (an indefinite pause). */
function stepInfo(step: TraceStep): StepInfo {
  return {
    label: step.label, kind: step.kind, pauseMs: step.pauseDuration ?? undefined,
    setWeight: step.setWeight ?? undefined, mirrorPercent: step.mirrorPercent ?? undefined,
  };
}

/** The trace's metric with Argo's optional conditions as optional fields. */
function conditionsOf(m: TraceMetric): { successCondition?: string; failureCondition?: string } {
  return {
    ...(m.successCondition === null ? {} : { successCondition: m.successCondition }),
    ...(m.failureCondition === null ? {} : { failureCondition: m.failureCondition }),
  };
}

/**
 * The lines the event log starts with, as the text timeline's header.
 * Example: ['rollout-sim · canary-happy-path · seed 7 · rollout agent', '  A healthy release …'].
 */
export function titleLines(ctx: RunContext): string[] {
  return headerLines({ scenario: ctx.scenario, seed: ctx.seed, rollout: ctx.rollout, description: ctx.description });
}

/**
 * The strategy label the verdict table uses (the same words as `simulate compare`'s text output).
 * Example: a traffic-routed canary → 'canary'; no trafficRouting → 'basic canary'.
 */
export function verdictStrategy(ctx: RunContext): string {
  return strategyLabel({ type: ctx.strategyType, router: ctx.router ?? null });
}

function metricInfo(m: TraceMetric): MetricInfo {
  const c = conditionsOf(m);
  const good = goodComparison(c);
  return {
    name: m.name, condition: c.successCondition ?? c.failureCondition,
    good: good === undefined ? undefined : { op: good.op, literal: good.literal },
    failureLimit: m.failureLimit,
  };
}

/** The first simple numeric threshold per series kind. */
function thresholdsOf(metrics: readonly TraceMetric[]): Partial<Record<SeriesKind, Threshold>> {
  const out: Partial<Record<SeriesKind, Threshold>> = {};
  for (const m of metrics) {
    const kind = seriesKindOf(m);
    const good = goodComparison(conditionsOf(m));
    if (kind === undefined || good === undefined || out[kind] !== undefined) continue;
    out[kind] = { kind, metric: m.name, good: good.op, bound: good.value, literal: good.literal };
  }
  return out;
}
