/**
 * apps/v1 Deployment (RollingUpdate: the no-safety baseline) and v1 Service → model.
 * Kubernetes' own rules apply: maxSurge/maxUnavailable strings need a `%`, not both 0.
 */
import type { Deployment, Service } from '../model/rollout.js';
import { checkSpecRules, workloadBase, type BuiltWorkload } from './rollout-build.js';
import { LabelSelector, ObjectMeta, PodTemplate, envelope } from './k8s.js';
import { any, dflt, obj, opt, refine, req } from './schema.js';
import { bool, enumOf, int, intOrPercent, str } from './scalars.js';
import { checkFields, defined, fail, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { getKey } from './yaml-doc.js';

const RollingUpdate = obj({
  maxSurge: dflt(intOrPercent({ k8sStyle: true }), '25%'),
  maxUnavailable: dflt(intOrPercent({ k8sStyle: true }), '25%'),
});

const DeploymentStrategy = refine(
  obj({ type: dflt(enumOf(['RollingUpdate', 'Recreate'] as const), 'RollingUpdate'), rollingUpdate: dflt(RollingUpdate, {}) }),
  (s, report) => {
    if (s.type === 'Recreate') report('type', 'the Recreate strategy is not simulated', 'use RollingUpdate (the rolling baseline) or a Rollout');
    const zero = (v: number | string): boolean => Number(String(v).replace('%', '')) === 0;
    if (zero(s.rollingUpdate.maxSurge) && zero(s.rollingUpdate.maxUnavailable)) {
      report('rollingUpdate.maxUnavailable', 'may not be 0 when `maxSurge` is 0');
    }
  },
);

const DeploymentSpec = obj(
  {
    replicas: dflt(int({ min: 0 }), 1),
    selector: req(LabelSelector),
    template: req(PodTemplate),
    strategy: dflt(DeploymentStrategy, {}),
    minReadySeconds: dflt(int({ min: 0 }), 0),
    progressDeadlineSeconds: dflt(int({ min: 1 }), 600),
    revisionHistoryLimit: opt(int({ min: 0 })),
    paused: opt(bool()),
  },
  {},
);

const Doc = envelope(any());

export function buildDeployment(cx: Cx): BuiltWorkload<Deployment> | undefined {
  const doc = checkFields(Doc, cx.sd.root, '', cx);
  if (doc === undefined || doc.spec === undefined) return undefined;
  const spec = checkFields(DeploymentSpec, getKey(cx.sd, cx.sd.root, 'spec'), 'spec', cx);
  if (spec === undefined) return undefined;
  const before = cx.issues.count;
  if (spec.paused === true) fail(cx, 'spec.paused', 'a paused Deployment is not simulated', 'remove spec.paused');
  checkSpecRules(cx, spec);
  if (cx.issues.count !== before || doc.metadata === undefined) return undefined;
  if (!defined(spec, 'replicas', 'template', 'strategy', 'minReadySeconds', 'progressDeadlineSeconds')) return undefined;
  const workload: Deployment = {
    kind: 'Deployment',
    ...workloadBase(doc.metadata, spec),
    maxSurge: spec.strategy.rollingUpdate.maxSurge,
    maxUnavailable: spec.strategy.rollingUpdate.maxUnavailable,
    source: posOf(cx, ''),
    sources: { kind: posOf(cx, 'kind') },
  };
  return { workload, refs: { analyses: [], services: [] }, cx, explicitNamespace: doc.metadata.namespace !== undefined };
}

const ServiceDoc = obj({ apiVersion: req(str()), kind: req(str()), metadata: req(ObjectMeta), spec: opt(any()), status: opt(any()) });

export interface BuiltService {
  readonly service: Service;
  readonly cx: Cx;
  readonly explicitNamespace: boolean;
}

/** A v1 Service: only its name matters (the simulator points it at the right pods itself). */
export function buildService(cx: Cx): BuiltService | undefined {
  const doc = checkFields(ServiceDoc, cx.sd.root, '', cx);
  if (doc?.metadata === undefined) return undefined;
  const selector = stringMap((doc.spec as { selector?: unknown } | undefined)?.selector);
  const service: Service = { name: doc.metadata.name, namespace: doc.metadata.namespace ?? '', ...(selector === undefined ? {} : { selector }), source: posOf(cx, '') };
  return { service, cx, explicitNamespace: doc.metadata.namespace !== undefined };
}

/** A label map's string entries (a selector), or undefined when there is none. Example: {app: 'web', n: 1} → {app: 'web'}. */
function stringMap(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let any = false;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') continue;
    out[k] = x;
    any = true;
  }
  return any ? out : undefined;
}
