/**
 * spec.workloadRef (Argo's rollout/templateref.go): a Rollout may take its pod template — and its
 * selector, when it has none of its own — from an apps/v1 Deployment. The simulator resolves the
 * reference within the file: the referenced Deployment supplies the template and is not a workload
 * of its own (Argo scales it down per workloadRef.scaleDown, which is not simulated).
 *
 * Example: a Rollout with `workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}` and no
 * template, beside a Deployment `web` running app:v2, loads as a Rollout running app:v2.
 */
import type { Out } from './schema.js';
import { any, obj, req } from './schema.js';
import { didYouMean } from './errors.js';
import { LabelSelector, PodTemplate, envelope, selectorMismatch } from './k8s.js';
import type { WorkloadRef } from './rollout-schema.js';
import { checkFields, fail } from './validate.js';
import type { Cx } from './validate.js';
import { getKey, getString, isNull } from './yaml-doc.js';
import type { SourceDoc } from './yaml-doc.js';

type Template = Out<typeof PodTemplate>;
type Selector = Out<typeof LabelSelector>;

/** What a referenced Deployment supplies; 'invalid' when its own errors are already reported. */
export type TemplateSource = { readonly template: Template; readonly selector: Selector } | 'invalid';

export interface WorkloadRefSources {
  /** Referenced Deployments by name. */
  readonly byName: ReadonlyMap<string, TemplateSource>;
  /** Every Deployment document's name (for "did you mean"). */
  readonly deploymentNames: readonly string[];
}

export const NO_SOURCES: WorkloadRefSources = { byName: new Map(), deploymentNames: [] };

/**
 * Names of the Deployments some Rollout document names in spec.workloadRef (kind Deployment).
 *
 * Example: a Rollout with `workloadRef: {kind: Deployment, name: web}` gives Set {'web'}.
 */
export function referencedDeployments(rollouts: readonly SourceDoc[]): Set<string> {
  const names = new Set<string>();
  for (const sd of rollouts) {
    const ref = getKey(sd, getKey(sd, sd.root, 'spec'), 'workloadRef');
    const name = getString(sd, ref, 'name');
    if (getString(sd, ref, 'kind') === 'Deployment' && name !== undefined) names.add(name);
  }
  return names;
}

/** Whether a Rollout's spec sets workloadRef (`workloadRef:` with no value is absent, as in Kubernetes). */
export function hasWorkloadRef(cx: Cx, specNode: unknown): boolean {
  const n = getKey(cx.sd, specNode, 'workloadRef');
  return n !== undefined && !isNull(n);
}

/** Only the template and selector of a referenced Deployment matter; its replicas (often 0) do not. */
const SourceSpec = obj({ selector: req(LabelSelector), template: req(PodTemplate) }, { open: true });

/** Reads a referenced Deployment document: its pod template and selector, which must match. */
export function buildTemplateSource(cx: Cx): TemplateSource {
  const doc = checkFields(envelope(any()), cx.sd.root, '', cx);
  if (doc === undefined || doc.spec === undefined) return 'invalid';
  const spec = checkFields(SourceSpec, getKey(cx.sd, cx.sd.root, 'spec'), 'spec', cx);
  if (spec?.template === undefined || spec.selector === undefined) return 'invalid';
  const m = selectorMismatch(spec.selector, spec.template.metadata?.labels);
  if (m !== undefined) {
    fail(cx, 'spec.selector', m);
    return 'invalid';
  }
  return { template: spec.template, selector: spec.selector };
}

interface RefSpec {
  readonly template?: Template | undefined;
  readonly selector?: Selector | undefined;
  readonly workloadRef?: Out<typeof WorkloadRef> | undefined;
}

/**
 * The Rollout spec with the referenced Deployment's template (and its selector when the Rollout
 * has none), or with template undefined when the reference cannot be resolved (error reported).
 */
export function withWorkloadRef<S extends RefSpec>(cx: Cx, spec: S | undefined, specNode: unknown, sources: WorkloadRefSources, rollout: string | undefined): S | undefined {
  if (spec === undefined) return undefined;
  const unresolved = { ...spec, template: undefined };
  const ref = spec.workloadRef;
  const templateNode = getKey(cx.sd, specNode, 'template');
  if (templateNode !== undefined && !isNull(templateNode)) {
    fail(cx, 'spec.template', 'template must be empty for workload reference rollout', `remove spec.template: the pod template comes from the ${ref?.kind ?? 'workload'} spec.workloadRef names`);
    return unresolved;
  }
  if (ref === undefined) return unresolved;
  const group = ref.apiVersion.includes('/') ? (ref.apiVersion.split('/')[0] ?? '') : '';
  if (ref.kind !== 'Deployment' || group !== 'apps') {
    const known = (ref.kind === 'ReplicaSet' && group === 'apps') || (ref.kind === 'PodTemplate' && group === '');
    fail(cx, 'spec.workloadRef', known ? `a workloadRef to a ${ref.kind} is not simulated` : `workload of type ${group}/${ref.kind} is not supported`, 'reference an apps/v1 Deployment in the same file, or inline the pod template in spec.template');
    return unresolved;
  }
  const source = sources.byName.get(ref.name);
  if (source === undefined) {
    const hint = didYouMean(ref.name, sources.deploymentNames) ?? `add the apps/v1 Deployment "${ref.name}" to the file (the pod template is taken from it), or inline the pod template in spec.template`;
    fail(cx, 'spec.workloadRef.name', `Deployment "${ref.name}" not found`, hint);
    return unresolved;
  }
  if (source === 'invalid') return unresolved;
  const scaleDown = ref.scaleDown !== undefined && ref.scaleDown !== 'never' ? `; scaling it down (workloadRef.scaleDown: ${ref.scaleDown}) is not simulated` : '';
  cx.notes.push(`${cx.sd.file}: Deployment ${ref.name} supplies the pod template of Rollout ${rollout ?? ''} (spec.workloadRef): it is not simulated as a workload of its own${scaleDown}`);
  return { ...spec, template: source.template, selector: spec.selector ?? source.selector };
}
