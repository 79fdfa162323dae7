/**
 * What a query may select in a run of one workload: the metric families the cluster exports (the
 * catalogue, renamed by the Scenario's `metrics:` mapping) and, for the labels whose values come
 * from the manifest, the values that exist — the Services the Rollout names, its namespace, its
 * nginx Ingresses. Pure.
 */
import { exportedFamilies, FAMILIES, seriesNames, type Family, type MetricsMapping } from '../metrics/catalogue.js';
import type { Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';

/** An exported family and the catalogue family it is (its key in a `metrics:` mapping). */
export interface ExportedFamily {
  readonly family: Family;
  readonly ours: Family;
}

/** Values a label can take in this run, and how a reader should think of them. */
export interface KnownValues {
  readonly values: readonly string[];
  /** Where the values come from. Example: 'the FQDN <service>.<namespace>.svc.cluster.local of a Service the Rollout names'. */
  readonly meaning: string;
}

export interface QueryFacts {
  readonly families: readonly ExportedFamily[];
  /** Every series name (a histogram's `_bucket`, `_sum`, `_count`) → its family. */
  readonly bySeries: ReadonlyMap<string, ExportedFamily>;
  /** Labels whose values this run knows; labels not listed are not checked. */
  readonly known: ReadonlyMap<string, KnownValues>;
}

/** The Scenario's `metrics:` mapping, read defensively (an older model has no such field). */
export function mappingOf(scenario: Scenario): MetricsMapping {
  const m = (scenario as { readonly metrics?: MetricsMapping }).metrics;
  return m ?? {};
}

/**
 * The Services a workload's traffic goes through, by name; undefined when the manifest does not
 * say (an Istio subset-level canary: its host is in a VirtualService the simulator does not read).
 * Without traffic routing one Service selects every pod (DESIGN §6): the Rollout's own name, or any
 * Service document of the file in its namespace — a query naming either is accepted.
 *
 * Example: a canary with canaryService 'web-canary' and stableService 'web-stable' → ['web-stable',
 * 'web-canary']; a basic canary 'web' in a file with Service 'web-svc' → ['web-svc', 'web'];
 * blue-green → [active, preview].
 */
export function servicesOf(scenario: Scenario, w: Workload): string[] | undefined {
  const documents = scenario.services.filter((s) => s.namespace === w.namespace).map((s) => s.name);
  const basic = (named: readonly string[]): string[] => [...new Set([...named, ...documents, w.name])];
  if (w.kind === 'Deployment') return basic([]);
  const st = w.strategy;
  if (st.type === 'blueGreen') return [st.activeService, ...(st.previewService === undefined ? [] : [st.previewService])];
  const named = [st.stableService, st.canaryService].filter((s): s is string => s !== undefined);
  if (st.trafficRouting === undefined) return basic(named);
  return named.length > 0 ? named : undefined;
}

/**
 * The Ingresses ingress-nginx reports for an nginx canary: the stable Ingress and the canary one
 * Argo creates beside it (`<rollout>-<stableIngress>-canary`). Undefined for other routers.
 */
function ingressesOf(w: Workload): string[] | undefined {
  if (w.kind !== 'Rollout' || w.strategy.type !== 'canary') return undefined;
  const stable = w.strategy.trafficRouting?.stableIngresses;
  if (stable === undefined || stable.length === 0) return undefined;
  return stable.flatMap((i) => [i, `${w.name}-${i}-canary`]);
}

/**
 * Example: for the flagship's canary (namespace default, Services agent-stable/agent-canary) →
 * known destination_service ['agent-stable.default.svc.cluster.local', 'agent-canary.default.svc.cluster.local'],
 * namespace ['default'], and the 11 catalogue families.
 */
export function queryFacts(scenario: Scenario, w: Workload): QueryFacts {
  const exported = exportedFamilies(mappingOf(scenario));
  const families = exported.map((family, i): ExportedFamily => ({ family, ours: FAMILIES[i] ?? family }));
  const bySeries = new Map<string, ExportedFamily>();
  for (const f of families) for (const s of seriesNames(f.family)) if (!bySeries.has(s)) bySeries.set(s, f);

  const known = new Map<string, KnownValues>();
  const ns = w.namespace;
  const namespace: KnownValues = { values: [ns], meaning: "the Rollout's namespace" };
  for (const label of ['namespace', 'destination_service_namespace', 'destination_workload_namespace']) known.set(label, namespace);
  const services = servicesOf(scenario, w);
  if (services !== undefined) {
    known.set('destination_service', { values: services.map((s) => `${s}.${ns}.svc.cluster.local`), meaning: 'the FQDN <service>.<namespace>.svc.cluster.local of a Service the Rollout names' });
    const names: KnownValues = { values: services, meaning: 'the name of a Service the Rollout names' };
    known.set('destination_service_name', names);
    known.set('service', names);
  }
  const ingresses = ingressesOf(w);
  if (ingresses !== undefined) known.set('ingress', { values: ingresses, meaning: "the Rollout's nginx stableIngress or the canary Ingress Argo creates beside it" });
  return { families, bySeries, known };
}
