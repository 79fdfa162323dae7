/**
 * Canary steps: each step validated on its own (one bad step does not hide the others), Argo's
 * step rules applied (validation.go), and the step mapped to the model's CanaryStep.
 */
import { isMap } from 'yaml';
import type { CanaryStep, ExperimentStep, HeaderRouteAction, MirrorMatch, MirrorRouteAction, RolloutAnalysis } from '../model/rollout.js';
import { didYouMean } from './errors.js';
import { Step } from './rollout-schema.js';
import type { Out } from './schema.js';
import { check, child, fail, index, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { deref, isNull, keyText, pairsOf } from './yaml-doc.js';

/** Argo's message for an empty or over-full step (validation.go InvalidStepMessage). */
export const INVALID_STEP = 'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause';

const STEP_TYPES = ['setWeight', 'pause', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'experiment', 'plugin'] as const;
/** Step types Argo itself forbids combining (validation.go hasMultipleStepsType). */
const EXCLUSIVE = ['setWeight', 'pause', 'analysis', 'experiment'];
/**
 * The actions the simulator runs together in one step, as Argo's reconcile does: the header route,
 * then the mirror route (trafficrouting.go reconcileTrafficRouting), then the canary scale
 * (reconcileCanaryReplicaSets); the step completes as a setCanaryScale step when it has one
 * (canary.go completedCurrentCanaryStep checks SetCanaryScale before the routes).
 */
const COMBINABLE = ['setCanaryScale', 'setHeaderRoute', 'setMirrorRoute'];

/** What the step rules need to know about the canary's traffic routing. */
export interface RoutingFacts {
  readonly routers: readonly string[];
  readonly maxTrafficWeight: number;
  /** undefined when trafficRouting has no managedRoutes list. */
  readonly managedRoutes: readonly string[] | undefined;
}

export type StepAnalysis = Out<typeof Step>['analysis'];

/**
 * Validates and converts `steps`; `toAnalysis` maps a validated analysis reference to the model
 * (and records it for the cross-document checks).
 */
export function buildSteps(
  nodes: readonly unknown[],
  path: string,
  routing: RoutingFacts | undefined,
  cx: Cx,
  toAnalysis: (a: NonNullable<StepAnalysis>, path: string) => RolloutAnalysis,
): CanaryStep[] {
  const out: CanaryStep[] = [];
  nodes.forEach((node, i) => {
    const sp = index(path, i);
    const s = check(Step, node, sp, cx);
    if (s === undefined) return;
    const types = STEP_TYPES.filter((t) => s[t] !== undefined);
    if (types.length === 0) return fail(cx, sp, INVALID_STEP, emptyStepHint(cx, node));
    if (types.filter((t) => EXCLUSIVE.includes(t)).length > 1) return fail(cx, sp, `${INVALID_STEP} (this step sets ${types.join(' and ')})`);
    if (types.length > 1 && !types.every((t) => COMBINABLE.includes(t))) {
      return fail(cx, sp, `a step combining ${types.join(' and ')} is not simulated`, 'Argo allows it; the simulator combines only setCanaryScale, setHeaderRoute and setMirrorRoute in one step: split it into consecutive steps');
    }
    const before = cx.issues.count;
    checkStepRules(s, sp, routing, cx);
    if (cx.issues.count !== before) return;
    const source = posOf(cx, sp);
    if (s.setWeight !== undefined) out.push({ setWeight: s.setWeight, source });
    else if (s.pause !== undefined) out.push({ pause: { duration: s.pause.duration }, source });
    else if (s.analysis !== undefined) out.push({ analysis: toAnalysis(s.analysis, child(sp, 'analysis')), source });
    else if (s.experiment !== undefined) out.push({ experiment: experimentStep(s.experiment, child(sp, 'experiment'), toAnalysis), source });
    else if (s.plugin !== undefined) out.push({ plugin: { name: s.plugin.name, config: s.plugin.config, outcome: undefined }, source });
    else {
      const header = s.setHeaderRoute === undefined ? undefined : headerRoute(s.setHeaderRoute);
      const mirror = s.setMirrorRoute === undefined ? undefined : mirrorRoute(s.setMirrorRoute);
      const routes = { ...(header === undefined ? {} : { setHeaderRoute: header }), ...(mirror === undefined ? {} : { setMirrorRoute: mirror }) };
      if (s.setCanaryScale !== undefined) out.push({ setCanaryScale: stripUndefined(s.setCanaryScale), ...routes, source });
      else if (header !== undefined) out.push({ setHeaderRoute: header, ...(mirror === undefined ? {} : { setMirrorRoute: mirror }), source });
      else if (mirror !== undefined) out.push({ setMirrorRoute: mirror, source });
    }
  });
  return out;
}

type StepIn = Out<typeof Step>;

/** Example: {name: h, match: [{headerName: x, headerValue: {exact: 'a', prefix: undefined}}]} → {name: h, match: [{headerName: x, headerValue: {exact: 'a'}}]}. */
function headerRoute(h: NonNullable<StepIn['setHeaderRoute']>): HeaderRouteAction {
  return { name: h.name, match: (h.match ?? []).map((m) => ({ headerName: m.headerName, headerValue: stripUndefined(m.headerValue) })) };
}

/** Example: {name: m, match: [{method: {exact: 'GET'}}]} (no percentage) → {name: m, percentage: 100, match: [{method: {exact: 'GET'}}]}. */
function mirrorRoute(m: NonNullable<StepIn['setMirrorRoute']>): MirrorRouteAction {
  const match = (m.match ?? []).map(
    (x): MirrorMatch => ({
      ...(x.method === undefined ? {} : { method: stripUndefined(x.method) }),
      ...(x.path === undefined ? {} : { path: stripUndefined(x.path) }),
      ...(x.headers === undefined ? {} : { headers: mapValues(x.headers, stripUndefined) }),
    }),
  );
  return { name: m.name, percentage: m.percentage ?? 100, match };
}

type ExperimentIn = NonNullable<Out<typeof Step>['experiment']>;

/**
 * The model of an experiment step: replicas default 1, each analysis a one-template
 * RolloutAnalysis carrying the step's dryRun (rollout/experiment.go GetExperimentFromTemplate).
 * Example: {templates: [{name: canary, specRef: canary}], analyses: [{name: a, templateName: t}]}
 * → templates [{name: 'canary', specRef: 'canary', replicas: 1, weight: undefined, sharesSelector: true}],
 * analyses [{name: 'a', analysis: {templates: [{templateName: 't', …}], …}, requiredForCompletion: false}].
 */
function experimentStep(e: ExperimentIn, p: string, toAnalysis: (a: NonNullable<StepAnalysis>, path: string) => RolloutAnalysis): ExperimentStep {
  return {
    duration: e.duration,
    scaleDownDelaySeconds: e.scaleDownDelaySeconds,
    templates: e.templates.map((t) => ({
      name: t.name, specRef: t.specRef, replicas: t.replicas ?? 1, weight: t.weight,
      sharesSelector: t.selector === undefined && t.metadata?.labels === undefined,
    })),
    analyses: e.analyses.map((a, j) => ({
      name: a.name,
      requiredForCompletion: a.requiredForCompletion,
      analysis: toAnalysis(
        { templates: [{ templateName: a.templateName, clusterScope: a.clusterScope }], args: a.args, dryRun: e.dryRun, measurementRetention: [], analysisRunMetadata: undefined },
        `${p}.analyses[${j}]`,
      ),
    })),
  };
}

function checkStepRules(s: Out<typeof Step>, sp: string, routing: RoutingFacts | undefined, cx: Cx): void {
  // validation.go: an experiment template's weight needs a router that takes extra destinations.
  s.experiment?.templates.forEach((t, j) => {
    if (t.weight === undefined) return;
    const p = `${child(sp, 'experiment')}.templates[${j}].weight`;
    if (routing === undefined) fail(cx, p, 'Experiment template weight cannot be set unless TrafficRouting is enabled');
    else if (!routing.routers.some((r) => ['alb', 'smi', 'istio', 'plugins'].includes(r))) {
      fail(cx, p, 'Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time');
    }
  });
  const names = s.experiment?.templates.map((t) => t.name) ?? [];
  names.forEach((n, j) => {
    if (names.indexOf(n) !== j) fail(cx, `${child(sp, 'experiment')}.templates[${j}].name`, `two experiment templates are named '${n}'`);
  });
  if (s.setWeight !== undefined) {
    const max = routing?.maxTrafficWeight ?? 100;
    if (s.setWeight < 0 || s.setWeight > max) fail(cx, child(sp, 'setWeight'), `SetWeight needs to be between 0 and ${max}`, `got ${s.setWeight}`);
  }
  if (s.setCanaryScale !== undefined && routing === undefined) {
    fail(cx, child(sp, 'setCanaryScale'), 'SetCanaryScale requires TrafficRouting to be set', 'add spec.strategy.canary.trafficRouting');
  }
  const routers = routing?.routers ?? [];
  if (s.setHeaderRoute !== undefined) {
    const p = child(sp, 'setHeaderRoute');
    if (!routers.some((r) => ['istio', 'alb', 'apisix', 'plugins'].includes(r))) {
      fail(cx, p, 'SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix');
    } else if (routers.includes('alb')) {
      (s.setHeaderRoute.match ?? []).forEach((m, j) => {
        if (m.headerValue.exact === undefined) fail(cx, `${p}.match[${j}]`, "SetHeaderRoute match value invalid. ALB supports 'exact' value only");
      });
    }
    checkManagedRoute(s.setHeaderRoute.name, p, routing, cx);
  }
  if (s.setMirrorRoute !== undefined) {
    const p = child(sp, 'setMirrorRoute');
    if (!routers.includes('istio') && !routers.includes('plugins')) fail(cx, p, 'SetMirrorRoute requires TrafficRouting, supports Istio only');
    checkManagedRoute(s.setMirrorRoute.name, p, routing, cx);
  }
}

function checkManagedRoute(name: string, p: string, routing: RoutingFacts | undefined, cx: Cx): void {
  if (routing === undefined) return;
  if (routing.managedRoutes === undefined) {
    fail(cx, p, "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'", `add managedRoutes: [{name: ${name}}]`);
  } else if (!routing.managedRoutes.includes(name)) {
    fail(cx, child(p, 'name'), 'Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes', didYouMean(name, routing.managedRoutes) ?? `add {name: ${name}} to managedRoutes`);
  }
}

/** Explains the common cause of an empty step: a key with no value (`pause:` instead of `pause: {}`). */
function emptyStepHint(cx: Cx, node: unknown): string | undefined {
  const n = deref(cx.sd, node);
  if (!isMap(n)) return undefined;
  const nulls = pairsOf(n).filter((p) => isNull(p.value)).map((p) => keyText(p));
  if (nulls.includes('pause')) return '"pause:" has no value; write `pause: {}` for an indefinite pause';
  return nulls.length > 0 ? `"${nulls[0] ?? ''}" has no value` : undefined;
}

/**
 * Drops undefined members, so the model's optional fields are absent rather than undefined.
 *
 * Example: stripUndefined({exact: 'a', prefix: undefined}) gives {exact: 'a'}.
 */
export function stripUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function mapValues<A, B>(o: Record<string, A>, f: (a: A) => B): Record<string, B> {
  const out = Object.create(null) as Record<string, B>;
  for (const [k, v] of Object.entries(o)) out[k] = f(v);
  return out;
}
