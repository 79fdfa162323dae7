/**
 * Deployments that are not part of the release: a manifest set often carries a load generator or
 * another helper beside the Rollout (Argo's appmesh example runs `argoproj/load-tester`). A
 * Deployment whose template image is neither the release image nor the stable image, and which
 * the Scenario's spec.compare does not name, is left out with a note instead of failing the file.
 * Rollouts are never left out (a Rollout is always the release), nor is the last workload.
 *
 * The Scenario is not built yet when this runs (its default release image is the first workload's),
 * so its spec.release.image, spec.agent.image and spec.compare are read from the YAML directly.
 */
import { isScalar, isSeq } from 'yaml';
import { stableImageFor } from './traffic.js';
import { deref, getKey, getString } from './yaml-doc.js';
import type { SourceDoc } from './yaml-doc.js';

/** A workload document with its template image (undefined when it has none readable). */
export interface WorkloadDoc {
  readonly sd: SourceDoc;
  readonly kind: 'Rollout' | 'Deployment';
  readonly name: string | undefined;
  readonly image: string | undefined;
}

/**
 * The first container's image of a manifest's pod template, read without validation.
 *
 * Example: for `spec: {template: {spec: {containers: [{image: app:v2}]}}}` gives 'app:v2'.
 */
export function peekImage(sd: SourceDoc): string | undefined {
  const podSpec = getKey(sd, getKey(sd, getKey(sd, sd.root, 'spec'), 'template'), 'spec');
  const containers = getKey(sd, podSpec, 'containers');
  return isSeq(containers) ? getString(sd, containers.items[0], 'image') : undefined;
}

/**
 * The workload documents to leave out, each with its note. `firstImage` is the default release
 * image (the first Rollout's, else the first workload's); `scenario` the Scenario document.
 *
 * Example: a Rollout running app:v2 and a Deployment `load-tester` running load:latest, with no
 * spec.release.image → [{doc: load-tester, note: 'Deployment load-tester (image load:latest) is
 * not part of the release: not simulated'}].
 */
export function sideWorkloads(docs: readonly WorkloadDoc[], firstImage: string | undefined, scenario: SourceDoc | undefined): { doc: WorkloadDoc; note: string }[] {
  if (scenario === undefined) return [];
  const spec = getKey(scenario, scenario.root, 'spec');
  const release = getString(scenario, getKey(scenario, spec, 'release'), 'image') ?? firstImage;
  if (release === undefined) return [];
  const stable = getString(scenario, getKey(scenario, spec, 'agent'), 'image') ?? stableImageFor(release);
  const compare = getKey(scenario, spec, 'compare');
  const named = isSeq(compare) ? compare.items.map((n) => deref(scenario, n)).filter(isScalar).map((n) => String(n.value)) : [];
  const side = docs.filter((d) => d.kind === 'Deployment' && d.image !== undefined && d.image !== release && d.image !== stable && !(d.name !== undefined && named.includes(d.name)));
  if (side.length === docs.length) return []; // nothing else would run: the image error says more
  return side.map((doc) => ({ doc, note: `Deployment ${doc.name ?? ''} (image ${doc.image ?? ''}) is not part of the release: not simulated` }));
}
