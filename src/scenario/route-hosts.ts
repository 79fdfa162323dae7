/**
 * What the metrics of a traffic-routed Rollout need from the routing documents the loader otherwise
 * ignores (VirtualService, DestinationRule, Ingress, Service): the host Istio reports for subset
 * routing, and ingress-nginx's labels. Read leniently: a missing or odd document falls back to a
 * rule, never to an error (the simulation does not validate routers' configuration).
 *
 * Istio subset routing (trafficRouting.istio.destinationRule, both subsets behind one host): the
 * host is the destination host of the Rollout's VirtualService route (the one with the stable
 * subset), else the DestinationRule's spec.host, else the Rollout's name; a short host in a
 * VirtualService with its own namespace is qualified with it, as Istio does.
 *
 * Example: the Argo example istio-subset-split → istioSubsetHost 'istio-subset-split'.
 */
import type { IngressRef, Rollout, TrafficRouting } from '../model/rollout.js';
import { getString, type SourceDoc } from './yaml-doc.js';

const KINDS = ['VirtualService', 'DestinationRule', 'Ingress', 'Service', 'Rollout'];

type Obj = Readonly<Record<string, unknown>>;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

export interface RoutingDoc {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly spec: Obj;
}

/** The routing documents among `docs`, as plain data (aliases were budgeted by the parser). */
export function routingDocs(docs: readonly SourceDoc[]): RoutingDoc[] {
  const out: RoutingDoc[] = [];
  for (const sd of docs) {
    if (!KINDS.includes(getString(sd, sd.root, 'kind') ?? '')) continue;
    let js: unknown;
    try {
      js = sd.doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const kind = text(obj(js)['kind']);
    const meta = obj(obj(js)['metadata']);
    const name = text(meta['name']);
    if (kind === undefined || name === undefined) continue;
    out.push({ kind, name, namespace: text(meta['namespace']), spec: obj(obj(js)['spec']) });
  }
  return out;
}

/** The Rollout's trafficRouting with `istioSubsetHost` and `nginx` filled in from the documents. */
export function withRouteHosts(r: Rollout, docs: readonly RoutingDoc[]): Rollout {
  const st = r.strategy;
  if (st.type !== 'canary' || st.trafficRouting === undefined) return r;
  const raw = docs.find((d) => d.kind === 'Rollout' && d.name === r.name);
  const tr = obj(obj(obj(obj(raw?.spec)['strategy'])['canary'])['trafficRouting']);
  const find = (kind: string, name: string | undefined): RoutingDoc | undefined => (name === undefined ? undefined : docs.find((d) => d.kind === kind && (d.name === name || d.name === name.split('.')[0])));
  let routing: TrafficRouting = st.trafficRouting;
  const istio = obj(tr['istio']);
  if (istio['destinationRule'] !== undefined) routing = { ...routing, istioSubsetHost: subsetHost(r, istio, find) };
  const nginx = obj(tr['nginx']);
  const ingress = text(nginx['stableIngress']) ?? text(list(nginx['stableIngresses'])[0]);
  if (ingress !== undefined) routing = { ...routing, nginx: { stableIngress: ingress, ...ingressRule(find('Ingress', ingress), find('Service', st.stableService)) } };
  return { ...r, strategy: { ...st, trafficRouting: routing } };
}

function subsetHost(r: Rollout, istio: Obj, find: (kind: string, name: string | undefined) => RoutingDoc | undefined): string {
  const dr = obj(istio['destinationRule']);
  const refs = [obj(istio['virtualService']), ...list(istio['virtualServices']).map(obj)];
  for (const ref of refs) {
    const vs = find('VirtualService', text(ref['name']));
    if (vs === undefined) continue;
    const wanted = list(ref['routes']).map(text);
    const routes = list(vs.spec['http']).map(obj).filter((h) => wanted.length === 0 || wanted.includes(text(h['name'])));
    const dests = routes.flatMap((h) => list(h['route']).map((d) => obj(obj(d)['destination'])));
    const dest = dests.find((d) => text(d['subset']) === text(dr['stableSubsetName'])) ?? dests[0];
    const host = text(dest?.['host']);
    if (host !== undefined) return !host.includes('.') && vs.namespace !== undefined ? `${host}.${vs.namespace}.svc.cluster.local` : host;
  }
  return text(find('DestinationRule', text(dr['name']))?.spec['host']) ?? r.name;
}

/** The Ingress' first rule: host, path and the backend's port (else the stable Service's first port, else 80). */
function ingressRule(ing: RoutingDoc | undefined, svc: RoutingDoc | undefined): { port: string; host: string; path: string } {
  const rule = obj(list(ing?.spec['rules'])[0]);
  const path = obj(list(obj(rule['http'])['paths'])[0]);
  const backend = obj(path['backend']);
  const port = obj(obj(backend['service'])['port']);
  const svcPort = text(obj(list(svc?.spec['ports'])[0])['port']);
  return {
    port: text(port['number']) ?? text(port['name']) ?? text(backend['servicePort']) ?? svcPort ?? '80',
    host: text(rule['host']) ?? '',
    path: text(path['path']) ?? '/',
  };
}

/**
 * The Ingresses among the routing documents and the Services they send traffic to (rules and the
 * default backend; networking.k8s.io/v1 `service.name` and v1beta1 `serviceName`).
 * Example: an Ingress `web` with rules[0].http.paths[0].backend.service.name: web-svc →
 * [{name: 'web', services: ['web-svc']}].
 */
export function ingressesOf(docs: readonly RoutingDoc[]): IngressRef[] {
  const backend = (b: unknown): string | undefined => text(obj(obj(b)['service'])['name']) ?? text(obj(b)['serviceName']);
  return docs.filter((d) => d.kind === 'Ingress').map((d) => {
    const paths = list(d.spec['rules']).flatMap((r) => list(obj(obj(r)['http'])['paths']));
    const names = [d.spec['defaultBackend'], d.spec['backend'], ...paths.map((p) => obj(p)['backend'])].map(backend).filter((n): n is string => n !== undefined);
    return { name: d.name, services: [...new Set(names)] };
  });
}
