/**
 * Rollout document → model Rollout: Argo's defaults (utils/defaults) and validation rules
 * (validation.go, argo-semantics §1.6) applied level by level, so every independent mistake is
 * reported at once.
 */
import { isSeq } from 'yaml';
import type { BlueGreenStrategy, CanaryStrategy, Rollout, RolloutAnalysis, TrafficRouting, WorkloadBase } from '../model/rollout.js';
import { envelope, selectorMismatch, templateImage } from './k8s.js';
import { BackgroundAnalysis, BlueGreen, Canary, ROUTERS, RolloutAnalysis as AnalysisSchema, RolloutRefSpec, RolloutSpec, Strategy } from './rollout-schema.js';
import { checkPingPong } from './rollout-pingpong.js';
import { buildSteps } from './rollout-steps.js';
import type { RoutingFacts } from './rollout-steps.js';
import { any } from './schema.js';
import type { Out } from './schema.js';
import { checkFields, defined, fail, fieldSources, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { getKey } from './yaml-doc.js';
import { NO_SOURCES, hasWorkloadRef, withWorkloadRef } from './workload-ref.js';
import type { WorkloadRefSources } from './workload-ref.js';

/** What other documents must satisfy: analysis templates and services this workload names. */
export interface WorkloadRefs {
  readonly analyses: { readonly analysis: RolloutAnalysis; readonly path: string }[];
  readonly services: { readonly name: string; readonly path: string }[];
}

export interface BuiltWorkload<W> {
  /** The workload, with `namespace` '' when the manifest does not set one (filled in later). */
  readonly workload: W;
  readonly refs: WorkloadRefs;
  readonly cx: Cx;
  /** Whether metadata.namespace was written in the manifest. */
  readonly explicitNamespace: boolean;
}

const RolloutDoc = envelope(any());

/** `sources`: the Deployments Rollouts may name in spec.workloadRef (workload-ref.ts). */
export function buildRollout(cx: Cx, sources: WorkloadRefSources = NO_SOURCES): BuiltWorkload<Rollout> | undefined {
  const doc = checkFields(RolloutDoc, cx.sd.root, '', cx);
  const specNode = getKey(cx.sd, cx.sd.root, 'spec');
  if (doc === undefined || doc.spec === undefined) return undefined;
  const spec = hasWorkloadRef(cx, specNode)
    ? withWorkloadRef(cx, checkFields(RolloutRefSpec, specNode, 'spec', cx), specNode, sources, doc.metadata?.name)
    : checkFields(RolloutSpec, specNode, 'spec', cx);
  if (spec === undefined) return undefined;
  const refs: WorkloadRefs = { analyses: [], services: [] };
  const before = cx.issues.count;
  const strategy = spec.strategy === undefined ? undefined : buildStrategy(cx, getKey(cx.sd, specNode, 'strategy'), refs, spec.revisionHistoryLimit ?? 10);
  checkSpecRules(cx, spec);
  if (doc.metadata === undefined || strategy === undefined || cx.issues.count !== before) return undefined;
  const s = spec;
  if (!defined(s, 'replicas', 'template', 'minReadySeconds', 'progressDeadlineSeconds', 'progressDeadlineAbort', 'paused')) return undefined;
  const rollout: Rollout = {
    kind: 'Rollout',
    ...workloadBase(doc.metadata, s),
    progressDeadlineAbort: s.progressDeadlineAbort,
    paused: s.paused,
    strategy,
    ...(s.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: s.revisionHistoryLimit }),
    ...(s.rollbackWindow?.revisions === undefined ? {} : { rollbackWindow: s.rollbackWindow.revisions }),
    source: posOf(cx, ''),
    sources: { kind: posOf(cx, 'kind'), strategy: cx.keyAt.get(`spec.strategy.${strategy.type}`) ?? posOf(cx, `spec.strategy.${strategy.type}`) },
  };
  return { workload: rollout, refs, cx, explicitNamespace: doc.metadata.namespace !== undefined };
}

/** The spec fields both workload kinds share, as the schema layer returns them. */
export interface CommonSpecFields {
  readonly replicas?: number | undefined;
  readonly progressDeadlineSeconds?: number | undefined;
  readonly minReadySeconds?: number | undefined;
  readonly selector?: Parameters<typeof selectorMismatch>[0] | undefined;
  readonly template?: { readonly metadata?: { readonly labels?: Readonly<Record<string, string>> | undefined } | undefined } | undefined;
}

/** The defaulted spec fields `workloadBase` reads. */
interface BaseSpecFields {
  readonly replicas: number;
  readonly template: Parameters<typeof templateImage>[0] & { readonly metadata?: { readonly labels?: Readonly<Record<string, string>> | undefined } | undefined };
  readonly minReadySeconds: number;
  readonly progressDeadlineSeconds: number;
}

/**
 * The WorkloadBase fields Rollouts and Deployments fill alike (all but `source`, which each kind writes
 * after its own fields): `{name: 'web', namespace: '', replicas: 3, image: 'app:v2', ...}` for a manifest
 * without a namespace (filled in later).
 */
export function workloadBase(meta: { readonly name: string; readonly namespace?: string | undefined }, spec: BaseSpecFields): Omit<WorkloadBase, 'source'> {
  return {
    name: meta.name,
    namespace: meta.namespace ?? '',
    replicas: spec.replicas,
    image: templateImage(spec.template),
    minReadySeconds: spec.minReadySeconds,
    progressDeadlineSeconds: spec.progressDeadlineSeconds,
    ...(spec.template.metadata?.labels === undefined ? {} : { podLabels: spec.template.metadata.labels }),
  };
}

/** Rules for Rollouts and Deployments alike: at least one replica, deadline after minReady, selector matching labels. */
export function checkSpecRules(cx: Cx, spec: CommonSpecFields): void {
  if (spec.replicas === 0) fail(cx, 'spec.replicas', 'replicas: 0 is not simulated: no pod would serve the scenario\'s traffic', 'use at least 1 replica');
  if (spec.progressDeadlineSeconds !== undefined && spec.minReadySeconds !== undefined && spec.progressDeadlineSeconds <= spec.minReadySeconds) {
    fail(cx, 'spec.progressDeadlineSeconds', 'must be greater than minReadySeconds', `minReadySeconds is ${spec.minReadySeconds}`);
  }
  if (spec.selector !== undefined && spec.template !== undefined) {
    const m = selectorMismatch(spec.selector, spec.template.metadata?.labels);
    if (m !== undefined) fail(cx, 'spec.selector', m);
  }
}

function buildStrategy(cx: Cx, node: unknown, refs: WorkloadRefs, revisionHistoryLimit: number): CanaryStrategy | BlueGreenStrategy | undefined {
  const s = checkFields(Strategy, node, 'spec.strategy', cx);
  if (s === undefined) return undefined;
  if (s.canary === undefined && s.blueGreen === undefined) {
    fail(cx, 'spec.strategy', "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'");
    return undefined;
  }
  if (s.canary !== undefined && s.blueGreen !== undefined) {
    fail(cx, 'spec.strategy', 'Multiple Strategies can not be listed', 'keep either canary or blueGreen');
    return undefined;
  }
  if (s.canary !== undefined) return buildCanary(cx, getKey(cx.sd, node, 'canary'), refs);
  return buildBlueGreen(cx, getKey(cx.sd, node, 'blueGreen'), refs, revisionHistoryLimit);
}

const P = 'spec.strategy.canary';

function buildCanary(cx: Cx, node: unknown, refs: WorkloadRefs): CanaryStrategy | undefined {
  const c = checkFields(Canary, node, P, cx);
  if (c === undefined) return undefined;
  const before = cx.issues.count;
  const tr = c.trafficRouting;
  const routing = tr === undefined ? undefined : routingFacts(cx, tr);
  if (c.maxSurge !== undefined && c.maxUnavailable !== undefined && isZero(c.maxSurge) && isZero(c.maxUnavailable)) {
    fail(cx, `${P}.maxSurge`, 'MaxSurge and MaxUnavailable both can not be zero');
  }
  if (c.canaryService !== undefined && c.canaryService === c.stableService) {
    fail(cx, `${P}.stableService`, 'This rollout uses the same service for the stable and canary services, but two different services are required.');
  }
  const pingPong = checkPingPong(cx, node, tr);
  if (tr !== undefined && requiresServices(tr, pingPong)) {
    for (const k of ['stableService', 'canaryService'] as const) {
      if (c[k] === undefined) fail(cx, `${P}.${k}`, 'Canary service and Stable service must to be set to use Traffic Routing');
    }
  }
  if (tr === undefined) {
    if (c.scaleDownDelaySeconds !== undefined) fail(cx, `${P}.scaleDownDelaySeconds`, 'Canary scaleDownDelaySeconds can only be used with traffic routing');
    if (c.dynamicStableScale === true) fail(cx, `${P}.dynamicStableScale`, 'Canary dynamicStableScale can only be used with traffic routing');
    if (c.abortScaleDownDelaySeconds !== undefined) cx.notes.push(`${cx.sd.file}: ${P}.abortScaleDownDelaySeconds is ignored without trafficRouting (as in Argo)`);
  } else if (c.scaleDownDelaySeconds !== undefined && c.dynamicStableScale === true) {
    fail(cx, `${P}.dynamicStableScale`, 'Canary dynamicStableScale cannot be used with scaleDownDelaySeconds');
  }
  const toAnalysis = (a: Out<typeof AnalysisSchema>, path: string): RolloutAnalysis => recordAnalysis(refs, a, path, undefined);
  const stepsNode = getKey(cx.sd, node, 'steps');
  const steps = buildSteps(c.steps !== undefined && isSeq(stepsNode) ? stepsNode.items : [], `${P}.steps`, routing, cx, toAnalysis);
  let analysis: RolloutAnalysis | undefined;
  if (c.analysis !== undefined) {
    analysis = recordAnalysis(refs, c.analysis, `${P}.analysis`, c.analysis.startingStep);
    const n = c.steps?.length ?? 0;
    if (c.analysis.startingStep !== undefined && c.analysis.startingStep > n) {
      fail(cx, `${P}.analysis.startingStep`, `startingStep ${c.analysis.startingStep} is past the last step (there are ${n})`);
    }
  }
  for (const k of ['canaryService', 'stableService'] as const) {
    const name = c[k];
    if (name !== undefined) refs.services.push({ name, path: `${P}.${k}` });
  }
  for (const k of ['pingService', 'pongService'] as const) {
    const name = c.pingPong?.[k];
    if (name !== undefined && name !== '') refs.services.push({ name, path: `${P}.pingPong.${k}` });
  }
  if (cx.issues.count !== before || c.maxSurge === undefined || c.maxUnavailable === undefined || c.dynamicStableScale === undefined) return undefined;
  return {
    type: 'canary',
    steps,
    maxSurge: c.maxSurge,
    maxUnavailable: c.maxUnavailable,
    canaryService: c.canaryService,
    stableService: c.stableService,
    trafficRouting: routing === undefined || tr === undefined ? undefined : modelRouting(routing, tr),
    analysis,
    scaleDownDelaySeconds: tr === undefined ? undefined : (c.scaleDownDelaySeconds ?? 30),
    // Argo (defaults.GetAbortScaleDownDelaySecondsOrDefault): 30 with trafficRouting, none with
    // dynamicStableScale (the weight walks back instead), ignored for basic canary.
    abortScaleDownDelaySeconds: tr === undefined ? undefined : (c.abortScaleDownDelaySeconds ?? (c.dynamicStableScale ? undefined : 30)),
    dynamicStableScale: c.dynamicStableScale,
    minPodsPerReplicaSet: c.minPodsPerReplicaSet,
    ...(pingPong && c.pingPong?.pingService !== undefined && c.pingPong.pongService !== undefined
      ? {
          pingPong: {
            pingService: c.pingPong.pingService, pongService: c.pingPong.pongService,
            // trafficrouting/service_helper.go GetStableAndCanaryServices: ALB always routes through
            // ping/pong; other routers only when neither stableService nor canaryService is set.
            routes: tr?.alb !== undefined || (c.stableService === undefined && c.canaryService === undefined),
          },
        }
      : {}),
  };
}

type TR = Out<typeof Canary>['trafficRouting'] & object;

function routingFacts(cx: Cx, tr: TR): RoutingFacts {
  const routers = ROUTERS.filter((r) => tr[r] !== undefined);
  if (routers.length === 0) {
    fail(cx, `${P}.trafficRouting`, 'trafficRouting names no traffic router', `add one of ${ROUTERS.join(', ')}`);
  }
  if (tr.maxTrafficWeight !== undefined && !routers.includes('nginx') && !routers.includes('plugins')) {
    fail(cx, `${P}.trafficRouting.maxTrafficWeight`, 'Canary maxTrafficWeight in traffic routing only support in Nginx and Plugins');
  }
  return { routers, maxTrafficWeight: tr.maxTrafficWeight ?? 100, managedRoutes: tr.managedRoutes?.map((r) => r.name) };
}

function modelRouting(r: RoutingFacts, tr: TR): TrafficRouting {
  const ingresses = stableIngresses(tr.nginx);
  return { router: r.routers.join('+'), maxTrafficWeight: r.maxTrafficWeight, managedRoutes: r.managedRoutes ?? [], ...(ingresses.length > 0 ? { stableIngresses: ingresses } : {}) };
}

/** nginx's `stableIngress` and `stableIngresses` (its config is accepted as is). Example: {stableIngress: 'web'} → ['web']. */
function stableIngresses(nginx: unknown): string[] {
  if (nginx === null || typeof nginx !== 'object') return [];
  const n = nginx as { stableIngress?: unknown; stableIngresses?: unknown };
  const list = [n.stableIngress, ...(Array.isArray(n.stableIngresses) ? n.stableIngresses : [])];
  return list.filter((x): x is string => typeof x === 'string' && x !== '');
}

/** Argo's requireCanaryStableServices: routers that re-point both Services (ALB and host-level Istio not with pingPong). */
function requiresServices(tr: TR, pingPong: boolean): boolean {
  const istio = tr.istio as { destinationRule?: unknown } | null | undefined;
  const istioHostLevel = istio !== undefined && (istio === null || typeof istio !== 'object' || istio.destinationRule === undefined);
  if (!pingPong && (tr.alb !== undefined || istioHostLevel)) return true;
  return [tr.smi, tr.apisix, tr.ambassador, tr.nginx, tr.appMesh, tr.traefik].some((v) => v !== undefined);
}

function isZero(v: number | string): boolean {
  return typeof v === 'number' ? v === 0 : Number(v.replace('%', '')) === 0;
}

const B = 'spec.strategy.blueGreen';

function buildBlueGreen(cx: Cx, node: unknown, refs: WorkloadRefs, revisionHistoryLimit: number): BlueGreenStrategy | undefined {
  const b = checkFields(BlueGreen, node, B, cx);
  if (b === undefined) return undefined;
  const before = cx.issues.count;
  if (b.activeService !== undefined && b.activeService === b.previewService) {
    fail(cx, `${B}.activeService`, 'This rollout uses the same service for the active and preview services, but two different services are required.');
  }
  if (b.scaleDownDelayRevisionLimit !== undefined && revisionHistoryLimit < b.scaleDownDelayRevisionLimit) {
    fail(cx, `${B}.scaleDownDelayRevisionLimit`, "This rollout's revision history limit can not be smaller than the rollout's scale down limit");
  }
  const pre = b.prePromotionAnalysis && recordAnalysis(refs, b.prePromotionAnalysis, `${B}.prePromotionAnalysis`, undefined);
  const post = b.postPromotionAnalysis && recordAnalysis(refs, b.postPromotionAnalysis, `${B}.postPromotionAnalysis`, undefined);
  for (const k of ['activeService', 'previewService'] as const) {
    const name = b[k];
    if (name !== undefined) refs.services.push({ name, path: `${B}.${k}` });
  }
  if (cx.issues.count !== before) return undefined;
  if (!defined(b, 'activeService', 'autoPromotionEnabled', 'autoPromotionSeconds', 'scaleDownDelaySeconds', 'abortScaleDownDelaySeconds')) return undefined;
  return {
    type: 'blueGreen',
    activeService: b.activeService,
    previewService: b.previewService,
    autoPromotionEnabled: b.autoPromotionEnabled,
    autoPromotionSeconds: b.autoPromotionSeconds,
    previewReplicaCount: b.previewReplicaCount,
    scaleDownDelaySeconds: b.scaleDownDelaySeconds,
    abortScaleDownDelaySeconds: b.abortScaleDownDelaySeconds,
    prePromotionAnalysis: pre,
    postPromotionAnalysis: post,
    sources: fieldSources(cx, B, { autoPromotionEnabled: 'autoPromotionEnabled' }),
  };
}

type AnyAnalysis = Out<typeof AnalysisSchema> | Out<typeof BackgroundAnalysis>;

function recordAnalysis(refs: WorkloadRefs, a: AnyAnalysis, path: string, startingStep: number | undefined): RolloutAnalysis {
  const analysis: RolloutAnalysis = {
    templates: a.templates.map((t) => ({ templateName: t.templateName, clusterScope: t.clusterScope })),
    args: a.args.map((arg) => ({
      name: arg.name,
      value: arg.value,
      valueFrom:
        arg.valueFrom === undefined
          ? undefined
          : arg.valueFrom.podTemplateHashValue !== undefined
            ? { podTemplateHashValue: arg.valueFrom.podTemplateHashValue }
            : arg.valueFrom.fieldRef !== undefined
              ? { fieldRef: { fieldPath: arg.valueFrom.fieldRef.fieldPath } }
              : undefined,
    })),
    dryRun: a.dryRun.map((d) => ({ metricName: d.metricName })),
    measurementRetention: a.measurementRetention.map((m) => ({ metricName: m.metricName, limit: m.limit })),
    startingStep,
  };
  refs.analyses.push({ analysis, path });
  return analysis;
}
