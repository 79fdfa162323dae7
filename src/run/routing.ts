/**
 * Where user traffic goes, as a pure function of the workload's kind and status: which Service
 * selects which ReplicaSets and with what weight (the world picks a ready pod inside each).
 */
import type { RolloutStatus } from '../controller/status.js';
import type { Workload } from '../model/rollout.js';
import { DEFAULT_METHOD, DEFAULT_PATH } from '../model/scenario.js';
import type { Cohort } from '../model/scenario.js';
import { compileGoRegexp } from '../go/regexp.js';
import type { MirrorMatch, StringMatch } from '../model/rollout.js';
import type { Mirror, Route, ServiceSpec } from '../world/world.js';

/** How a workload splits traffic. */
export type TrafficModel = 'router' | 'pods' | 'activeService';

/** Example: a Deployment or a canary without trafficRouting → 'pods'; blue-green → 'activeService'. */
export function trafficModel(w: Workload): TrafficModel {
  if (w.kind === 'Deployment') return 'pods';
  if (w.strategy.type === 'blueGreen') return 'activeService';
  return w.strategy.trafficRouting === undefined ? 'pods' : 'router';
}

export interface RoutingContext {
  readonly model: TrafficModel;
  readonly rsByHash: ReadonlyMap<string, number>;
  /** Service indices in the world: the main/stable/active one and the canary/preview one. */
  readonly primaryService: number;
  readonly secondaryService: number;
  readonly cohorts: readonly Cohort[];
  /** Experiment ReplicaSets by `<experiment>/<template>` (run/experiment-replicasets.ts). */
  readonly experiments?: ReadonlyMap<string, { readonly id: number; readonly template: { readonly weight: number | undefined; readonly sharesSelector: boolean } }>;
}

export interface RoutePlan {
  readonly routes: Route[];
  /** By cohort index: a header route sending the whole cohort to the canary. */
  readonly byCohort: (Route | undefined)[];
  /** By cohort index: a mirror copying a share of the cohort to the canary. */
  readonly mirrors: (Mirror | undefined)[];
}

/**
 * Does a request's header, method or path match? Istio semantics: exact, prefix, or a fully anchored regex.
 * Example: matchValue({prefix: 'int'}, 'internal') === true; matchValue({regex: 'a.c'}, 'abcd') === false.
 */
export function matchValue(m: StringMatch, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.regex !== undefined) {
    // Istio (Envoy) matches a header regex as RE2, whole value; compiled once per pattern.
    const c = compileGoRegexp(`^(?:${m.regex})$`);
    return c.ok && c.re.test(value);
  }
  return false;
}

/**
 * A mirror matches a cohort when any of its match entries (Istio ORs them) has every condition it
 * sets hold on the cohort (Istio ANDs them): method, path (Istio's `uri`) and each header. A cohort
 * without a method or path is a `GET /`.
 * Example: with cohorts chat {POST, /v1/chat} and health {GET, /}, [{method: {exact: 'POST'},
 * path: {prefix: '/v1'}}] selects chat only; [{method: {exact: 'POST'}}, {path: {exact: '/'}}] both.
 */
export function mirrorMatches(match: readonly MirrorMatch[], c: Cohort): boolean {
  return match.some(
    (m) =>
      (m.method === undefined || matchValue(m.method, c.method ?? DEFAULT_METHOD)) &&
      (m.path === undefined || matchValue(m.path, c.path ?? DEFAULT_PATH)) &&
      Object.entries(m.headers ?? {}).every(([h, v]) => matchValue(v, c.headers[h])),
  );
}

/** The full plan: weighted routes plus the header and mirror routes per cohort. */
export function routePlan(ctx: RoutingContext, status: RolloutStatus): RoutePlan {
  const routes = routesFor(ctx, status);
  const canary = ctx.rsByHash.get(status.currentPodHash);
  const byCohort: (Route | undefined)[] = [];
  const mirrors: (Mirror | undefined)[] = [];
  if (canary === undefined || status.managedRoutes.length === 0) return { routes, byCohort, mirrors };
  const canaryService = serviceRoles(ctx, status).canary;
  ctx.cohorts.forEach((c, i) => {
    for (const r of status.managedRoutes) {
      if (r.kind === 'header' && byCohort[i] === undefined && r.match.every((m) => matchValue(m.headerValue, c.headers[m.headerName]))) {
        byCohort[i] = { weight: 100, rs: [canary], service: canaryService };
      }
      if (r.kind === 'mirror' && mirrors[i] === undefined && mirrorMatches(r.match, c)) {
        mirrors[i] = { fraction: r.percentage / 100, rs: canary, service: canaryService };
      }
    }
  });
  return { routes, byCohort, mirrors };
}

/**
 * Example: router model, stable A, current B, canaryWeight 20 →
 * [{weight 80, rs [A], primary}, {weight 20, rs [B], secondary}].
 */
export function routesFor(ctx: RoutingContext, status: RolloutStatus): Route[] {
  const { model, rsByHash } = ctx;
  if (model === 'pods') {
    // A Service selecting the Rollout's pods also selects an experiment template's that keep its labels.
    const shared = [...(ctx.experiments?.values() ?? [])].filter((x) => x.template.sharesSelector).map((x) => x.id);
    return [{ weight: 100, rs: [...rsByHash.values(), ...shared], service: ctx.primaryService }];
  }
  if (model === 'activeService') {
    const active = rsByHash.get(status.activeSelector ?? status.stableRS ?? '');
    return active === undefined ? [] : [{ weight: 100, rs: [active], service: ctx.primaryService }];
  }
  const stable = rsByHash.get(status.stableRS ?? '');
  const extra = experimentRoutes(ctx, status);
  // Istio/SMI/ALB: the experiment's weights come out of the stable side, never below 0.
  const stableWeight = Math.max(0, 100 - status.canaryWeight - extra.reduce((sum, r) => sum + r.weight, 0));
  const roles = serviceRoles(ctx, status);
  const routes: Route[] = stable === undefined ? [] : [{ weight: stableWeight, rs: [stable], service: roles.stable }];
  const canary = rsByHash.get(status.currentPodHash);
  if (status.canaryWeight > 0 && canary !== undefined && canary !== stable) {
    routes.push({ weight: status.canaryWeight, rs: [canary], service: roles.canary });
  }
  return [...routes, ...extra];
}

/**
 * rollout/trafficrouting.go calculateWeightDestinationsFromExperiment: while the current step's
 * Experiment is Running (and the update is not aborted), each template with a weight gets it. The
 * template's own Service is reported as the canary Service (the simulator registers Services
 * up front). Example: setWeight 10 then an experiment template weight 20 → stable 70, canary 10, template 20.
 */
function experimentRoutes(ctx: RoutingContext, status: RolloutStatus): Route[] {
  if (status.abort || ctx.experiments === undefined) return [];
  const ex = [...status.experiments].reverse().find((e) => e.stepIndex === status.currentStepIndex && e.phase === 'Running' && status.analysisKeys.includes(`experiment:${e.stepIndex}`));
  if (ex === undefined) return [];
  const out: Route[] = [];
  for (const t of ex.spec.templates) {
    const x = ctx.experiments.get(`${ex.name}/${t.name}`);
    if (t.weight !== undefined && t.weight > 0 && x !== undefined) out.push({ weight: t.weight, rs: [x.id], service: serviceRoles(ctx, status).canary });
  }
  return out;
}

/**
 * Which world Service carries the stable and which the canary role: primary/secondary, swapped
 * once a pingPong Rollout has promoted to its pong Service (controller/canary-pingpong.ts; for
 * pingPong, serviceNames gives [ping, pong]).
 * Example: status.pingPong.stable 'pong' → {stable: secondaryService, canary: primaryService}.
 */
function serviceRoles(ctx: RoutingContext, status: RolloutStatus): { stable: number; canary: number } {
  return status.pingPong?.stable === 'pong' ? { stable: ctx.secondaryService, canary: ctx.primaryService } : { stable: ctx.primaryService, canary: ctx.secondaryService };
}

/**
 * The Services a workload's user traffic goes through, [primary, secondary] (the same object when
 * there is one), named as the manifest names them — what Istio reports as destination_service and
 * ingress-nginx as ingress/service/canary:
 * - Deployment: its name; basic canary: the Service selecting both, stableService or the Rollout's name;
 * - blue-green: activeService and previewService (default `<name>-preview`);
 * - traffic-routed canary: stableService and canaryService (pingPong: pingService and pongService); Istio subset routing: the one host
 *   both subsets share (src/scenario/route-hosts.ts); with nginx, both carry the stable Ingress
 *   and its Service, and the canary one ingress-nginx's canary upstream `<ns>-<canaryService>-<port>`.
 * Example: canary {stableService: 'web', canaryService: 'web-c', nginx stableIngress 'web'} in 'prod'
 * → [{host: 'web', nginx: {ingress: 'web', service: 'web', canary: '', …}}, {host: 'web-c', nginx: {…, canary: 'prod-web-c-80'}}].
 */
export function serviceNames(w: Workload): [ServiceSpec, ServiceSpec] {
  const one = (host: string): [ServiceSpec, ServiceSpec] => {
    const s = { host };
    return [s, s];
  };
  if (w.kind === 'Deployment') return one(w.name);
  const st = w.strategy;
  if (st.type === 'blueGreen') return [{ host: st.activeService }, { host: st.previewService ?? `${w.name}-preview` }];
  const tr = st.trafficRouting;
  if (tr === undefined) return one(st.stableService ?? w.name);
  if (tr.istioSubsetHost !== undefined) return one(tr.istioSubsetHost);
  // canary.pingPong: [ping, pong], the stable role starting on ping (status.pingPong).
  if (st.pingPong?.routes === true) return [{ host: st.pingPong.pingService }, { host: st.pingPong.pongService }];
  const stable = st.stableService ?? w.name;
  const canary = st.canaryService ?? stable;
  if (canary === stable) return one(stable);
  if (tr.nginx === undefined) return [{ host: stable }, { host: canary }];
  const view = { ingress: tr.nginx.stableIngress, service: stable, host: tr.nginx.host, path: tr.nginx.path };
  return [{ host: stable, nginx: { ...view, canary: '' } }, { host: canary, nginx: { ...view, canary: `${w.namespace}-${canary}-${tr.nginx.port}` } }];
}
