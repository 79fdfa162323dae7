/**
 * Kubernetes building blocks shared by the manifests: the document envelope, ObjectMeta, label
 * selectors and the pod template (of which only the first container's image matters; the rest
 * is a PodSpec, accepted without validation).
 */
import { any, arr, map, obj, opt, refine, req } from './schema.js';
import type { Schema } from './schema.js';
import { str } from './scalars.js';

/** ObjectMeta: a name is required; everything else (labels, annotations, uid, ...) is accepted. */
export const ObjectMeta = obj(
  {
    name: req(str({ nonEmpty: true })),
    namespace: opt(str({ nonEmpty: true })),
    labels: opt(map(str())),
    annotations: opt(map(str())),
  },
  { open: true },
);

/** The top of every manifest; `spec` is validated separately, level by level. */
export function envelope<S extends Schema<unknown>>(spec: S) {
  return obj({
    apiVersion: req(str()),
    kind: req(str()),
    metadata: req(ObjectMeta),
    spec: req(spec),
    status: opt(any({ description: 'Ignored: the simulator computes its own status.' })),
  });
}

export const LabelSelector = refine(
  obj({ matchLabels: opt(map(str())), matchExpressions: opt(arr(any())) }),
  (s, report) => {
    if (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length === 0) {
      report('', 'empty selector is invalid for deployment', 'add matchLabels matching the pod template labels');
    }
  },
);

/** Extra pod labels/annotations (canaryMetadata, activeMetadata, ...): accepted, no effect here. */
export const PodMetadata = obj({ labels: opt(map(str())), annotations: opt(map(str())) });

const Container = obj({ name: opt(str()), image: req(str({ nonEmpty: true })) }, { open: true });

export const PodTemplate = obj({
  metadata: opt(obj({ labels: opt(map(str())), annotations: opt(map(str())) }, { open: true })),
  spec: req(obj({ containers: req(arr(Container, { minItems: 1 })) }, { open: true })),
});

/**
 * The image of the first container of a validated pod template.
 *
 * Example: templateImage({spec: {containers: [{image: 'agent:v2'}]}}) === 'agent:v2'.
 */
export function templateImage(t: { spec: { containers: { image: string }[] } }): string {
  return t.spec.containers[0]?.image ?? '';
}

/**
 * Argo/Kubernetes check that the selector's matchLabels all appear in the template labels.
 * Returns an error message, or undefined when they match (matchExpressions are not evaluated).
 */
export function selectorMismatch(
  selector: { matchLabels?: Record<string, string> | undefined },
  labels: Record<string, string> | undefined,
): string | undefined {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[k] !== v) return `selector does not match template labels (${k}: ${v} is not among spec.template.metadata.labels)`;
  }
  return undefined;
}
