/**
 * Which documents the simulator reads, which it accepts but ignores (with a note), and which are
 * errors: unknown or misspelled kinds, wrong apiVersions, Argo kinds it does not simulate.
 */
import { isMap, isScalar } from 'yaml';
import { closest, didYouMean, quoteList } from './errors.js';
import type { Issues } from './errors.js';
import { getKey, getString, nodePos } from './yaml-doc.js';
import type { SourceDoc } from './yaml-doc.js';

export type SimKind = 'Scenario' | 'Rollout' | 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | 'Deployment' | 'Service';

/** The apiVersion each simulated kind must carry. */
export const API_VERSIONS: Readonly<Record<SimKind, string>> = {
  Scenario: 'rollout-sim/v1alpha1',
  Rollout: 'argoproj.io/v1alpha1',
  AnalysisTemplate: 'argoproj.io/v1alpha1',
  ClusterAnalysisTemplate: 'argoproj.io/v1alpha1',
  Deployment: 'apps/v1',
  Service: 'v1',
};
const SIM_KINDS = Object.keys(API_VERSIONS) as SimKind[];

const NOT_SIMULATED: Readonly<Record<string, string>> = {
  Experiment: 'Experiment documents are not simulated',
  AnalysisRun: 'AnalysisRun documents are not simulated (the simulator creates its own runs from AnalysisTemplates)',
  StatefulSet: 'StatefulSet workloads are not simulated: only Rollout and apps/v1 Deployment are',
  DaemonSet: 'DaemonSet workloads are not simulated: only Rollout and apps/v1 Deployment are',
  ReplicaSet: 'ReplicaSet documents are not simulated: only Rollout and apps/v1 Deployment are',
  Pod: 'Pod documents are not simulated: only Rollout and apps/v1 Deployment workloads are',
};

const ROUTING = 'routers are simulated with exact weights';
/** Kinds accepted and ignored, with the reason given in the note. */
const IGNORED_KINDS: Readonly<Record<string, string>> = {
  VirtualService: ROUTING, DestinationRule: ROUTING, Gateway: ROUTING, Ingress: ROUTING, IngressClass: ROUTING,
  HTTPRoute: ROUTING, GRPCRoute: ROUTING, TCPRoute: ROUTING, TLSRoute: ROUTING, TrafficSplit: ROUTING, Mapping: ROUTING,
  ApisixRoute: ROUTING, ApisixUpstream: ROUTING, TraefikService: ROUTING, IngressRoute: ROUTING, Mesh: ROUTING,
  VirtualRouter: ROUTING, VirtualNode: ROUTING, TargetGroupBinding: ROUTING, KubernetesEndpointResolver: ROUTING,
  ServiceEntry: ROUTING, Sidecar: ROUTING, EnvoyFilter: ROUTING, PeerAuthentication: ROUTING, AuthorizationPolicy: ROUTING,
  Namespace: 'the scenario namespace is spec.namespace of the Scenario',
  HorizontalPodAutoscaler: 'autoscaling is not simulated: replica counts stay at spec.replicas',
  VerticalPodAutoscaler: 'autoscaling is not simulated',
  ServiceMonitor: 'the simulated Prometheus scrapes every pod on spec.scrapeInterval',
  PodMonitor: 'the simulated Prometheus scrapes every pod on spec.scrapeInterval',
  Secret: 'as an object; template args with valueFrom.secretKeyRef read its keys',
};
/** API groups whose other kinds are accepted and ignored (configuration the simulation never reads). */
const IGNORED_GROUPS = new Set([
  '', 'networking.k8s.io', 'networking.istio.io', 'security.istio.io', 'getambassador.io', 'x.getambassador.io',
  'appmesh.k8s.aws', 'elbv2.k8s.aws', 'split.smi-spec.io', 'specs.smi-spec.io', 'access.smi-spec.io', 'apisix.apache.org',
  'traefik.containo.us', 'traefik.io', 'gateway.networking.k8s.io', 'rbac.authorization.k8s.io', 'autoscaling',
  'autoscaling.k8s.io', 'policy', 'batch', 'kustomize.config.k8s.io', 'monitoring.coreos.com', 'configuration.konghq.com',
  'apps', 'scheduling.k8s.io', 'storage.k8s.io', 'coordination.k8s.io',
]);

const KNOWN_KINDS_HINT = `the simulator reads ${quoteList(SIM_KINDS)} documents; remove this one`;

/** The document's kind if the simulator reads it; otherwise undefined, with an error or a note. */
export function classify(sd: SourceDoc, issues: Issues, notes: string[], lenient = false): SimKind | undefined {
  const docPos = nodePos(sd, sd.root) ?? { file: sd.file, line: 1, column: 1 };
  if (!isMap(sd.root)) {
    issues.add(docPos, '', 'a document must be a mapping with apiVersion and kind', 'each document between `---` lines is one Kubernetes object');
    return undefined;
  }
  const kindNode = getKey(sd, sd.root, 'kind');
  const apiNode = getKey(sd, sd.root, 'apiVersion');
  const kind = getString(sd, sd.root, 'kind');
  const api = getString(sd, sd.root, 'apiVersion');
  const kindPos = nodePos(sd, kindNode) ?? docPos;
  const apiPos = nodePos(sd, apiNode) ?? docPos;
  if (kind === undefined && lenient && kindNode === undefined) {
    // Lint reads whole repositories: a Chart.yaml, a values.yaml or a CI file is not a manifest.
    notes.push(`${sd.file}:${docPos.line}: not a Kubernetes manifest (no kind): skipped`);
    return undefined;
  }
  if (kind === undefined) {
    const msg = kindNode === undefined ? 'missing field "kind"' : 'kind must be a string';
    issues.add(kindPos, 'kind', api === undefined && apiNode === undefined ? `${msg} (this is not a Kubernetes manifest)` : msg, `add kind: one of ${quoteList(SIM_KINDS)}`);
    return undefined;
  }
  const simKind = (SIM_KINDS as readonly string[]).includes(kind) ? (kind as SimKind) : undefined;
  if (api === undefined) {
    const want = simKind === undefined ? undefined : API_VERSIONS[simKind];
    issues.add(apiPos, 'apiVersion', apiNode === undefined ? 'missing field "apiVersion"' : 'apiVersion must be a string', want === undefined ? undefined : `apiVersion: ${want}`);
    return undefined;
  }
  const name = nameOf(sd);
  const group = api.includes('/') ? api.slice(0, api.lastIndexOf('/')) : '';
  if (simKind !== undefined) {
    if (api === API_VERSIONS[simKind]) return simKind;
    issues.add(apiPos, 'apiVersion', `${kind} needs apiVersion ${API_VERSIONS[simKind]}, got "${api}"`, `apiVersion: ${API_VERSIONS[simKind]}`);
    return undefined;
  }
  // `simulate lint` reads a repo's manifests: kinds outside the simulation are ignored quietly.
  if (lenient && NOT_SIMULATED[kind] !== undefined) {
    notes.push(`${kind}/${name ?? '(unnamed)'} ignored: not linted`);
    return undefined;
  }
  if (NOT_SIMULATED[kind] !== undefined && (group === 'argoproj.io' || group === 'apps' || group === '')) {
    issues.add(kindPos, 'kind', NOT_SIMULATED[kind] ?? '', kind === 'Experiment' ? 'use an analysis step in a Rollout instead' : undefined);
    return undefined;
  }
  const typo = closest(kind, SIM_KINDS);
  if (group === 'argoproj.io' || group === 'rollout-sim' || typo !== undefined) {
    const hint = didYouMean(kind, SIM_KINDS) ?? (group === 'rollout-sim' ? 'kind: Scenario' : `one of ${quoteList(SIM_KINDS.slice(1, 4))}`);
    issues.add(kindPos, 'kind', `unknown kind "${kind}" for apiVersion "${api}"`, hint);
    return undefined;
  }
  const reason = IGNORED_KINDS[kind] ?? (IGNORED_GROUPS.has(group) ? 'not used by the simulation' : undefined);
  if (reason !== undefined) {
    notes.push(`${kind}/${name ?? '(unnamed)'} ignored: ${reason}`);
    return undefined;
  }
  if (lenient) notes.push(`${kind}/${name ?? '(unnamed)'} ignored: not linted`);
  else issues.add(kindPos, 'kind', `unknown kind "${kind}" (apiVersion "${api}")`, KNOWN_KINDS_HINT);
  return undefined;
}

function nameOf(sd: SourceDoc): string | undefined {
  const n = getKey(sd, getKey(sd, sd.root, 'metadata'), 'name');
  return isScalar(n) && n.value !== null ? String(n.value) : undefined;
}
