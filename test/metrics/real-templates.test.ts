/**
 * Templates written for real stacks run unchanged: the Argo docs' Istio success-rate query and the
 * common ingress-nginx one return numbers for a canary, their series carry the manifest's own
 * Service and Ingress names, and their counts equal the pods' own request counters exactly.
 */
import { describe, expect, it } from 'vitest';
import { templateHash } from '../../src/world/pods.js';
import { canaryText, load, runStore, seriesOf, values } from './export-helpers.js';

const T = 5 * 60_000;
const CANARY = templateHash('web:v2');
const STABLE = templateHash('web:v1');

/** The Argo docs' template (docs/features/analysis.md), `{{args.service-name}}` substituted. */
const istioSuccessRate = (svc: string): string => `sum(irate(
  istio_requests_total{reporter="source",destination_service=~"${svc}",response_code!~"5.*"}[5m]
)) /
sum(irate(
  istio_requests_total{reporter="source",destination_service=~"${svc}"}[5m]
))`;

/** The ingress-nginx success rate of Argo's nginx examples, `{{args.ingress}}` substituted. */
const nginxSuccessRate = (ingress: string): string =>
  `sum(rate(nginx_ingress_controller_requests{ingress="${ingress}",status!~"[4-5].*"}[1m])) / sum(rate(nginx_ingress_controller_requests{ingress="${ingress}"}[1m]))`;

const sumAt = (store: Parameters<typeof values>[0], q: string): number => values(store, `sum(${q})`, T)[0] ?? NaN;

describe('Istio host-level routing (canaryService / stableService)', () => {
  const scenario = load(canaryText('      canaryService: web-canary\n      stableService: web-stable\n      trafficRouting:\n        istio: {virtualService: {name: web-vs, routes: [primary]}}'));
  const store = runStore(scenario, T);

  it("the Argo docs' success-rate query returns a number for the canary and for the stable Service", () => {
    const [canary] = values(store, istioSuccessRate('web-canary.shop.svc.cluster.local'), T);
    const [stable] = values(store, istioSuccessRate('web-stable.shop.svc.cluster.local'), T);
    expect(canary).toBeGreaterThan(0.9);
    expect(canary).toBeLessThanOrEqual(1);
    expect(stable).toBeGreaterThan(0.9);
    // The same irate over the canary pods' own counter: the sidecar counts exactly what the app does.
    const app = values(store, `sum(irate(http_requests_total{rollouts_pod_template_hash="${CANARY}",code!~"5.*"}[5m])) / sum(irate(http_requests_total{rollouts_pod_template_hash="${CANARY}"}[5m]))`, T);
    expect([canary]).toEqual(app);
  });

  it('counts each Service exactly: canary requests = the canary pods\' requests, for both reporters', () => {
    const canaryPods = sumAt(store, `http_requests_total{rollouts_pod_template_hash="${CANARY}"}`);
    expect(canaryPods).toBeGreaterThan(100);
    for (const reporter of ['source', 'destination']) {
      expect(sumAt(store, `istio_requests_total{reporter="${reporter}",destination_service="web-canary.shop.svc.cluster.local"}`)).toBe(canaryPods);
      expect(sumAt(store, `istio_request_duration_milliseconds_count{reporter="${reporter}",destination_service_name="web-canary"}`)).toBe(canaryPods);
    }
    expect(sumAt(store, 'istio_requests_total{reporter="source",destination_service="web-stable.shop.svc.cluster.local"}')).toBe(sumAt(store, `http_requests_total{rollouts_pod_template_hash="${STABLE}"}`));
  });

  it('labels a canary series as Istio would', () => {
    const s = seriesOf(store, 'istio_requests_total').find((l) => l['reporter'] === 'source' && l['destination_service_name'] === 'web-canary' && l['response_code'] === '200');
    expect(s).toMatchObject({
      destination_service: 'web-canary.shop.svc.cluster.local', destination_service_name: 'web-canary', destination_service_namespace: 'shop',
      destination_workload: 'web', destination_workload_namespace: 'shop', source_workload: 'istio-ingressgateway', source_workload_namespace: 'istio-system',
      request_protocol: 'http', rollouts_pod_template_hash: CANARY, namespace: 'shop', job: 'web',
    });
    expect(s?.['instance']).toMatch(/^10\.244\.\d+\.\d+:8080$/);
  });

  it('buckets latency in milliseconds with Istio\'s default bounds', () => {
    const les = [...new Set(seriesOf(store, 'istio_request_duration_milliseconds_bucket').map((l) => l['le']))];
    expect(les).toEqual(['1', '2', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf']);
    const p50 = values(store, `histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[5m])))`, T)[0] ?? NaN;
    const p50s = values(store, 'histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))', T)[0] ?? NaN;
    // Same requests, coarser buckets: the median (900 ms) falls in Istio's 500–1000 ms bucket.
    expect(p50).toBeGreaterThan(500);
    expect(p50).toBeLessThanOrEqual(1000);
    expect(p50s * 1000).toBeGreaterThan(500);
  });
});

describe('Istio subset routing (destinationRule): the host both subsets share', () => {
  const vs = (host: string) => `---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: web-vs}
spec:
  hosts: [web.example.com]
  http:
    - name: primary
      route:
        - {destination: {host: ${host}, subset: stable}, weight: 100}
        - {destination: {host: ${host}, subset: canary}, weight: 0}
`;
  const dr = '---\napiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: {name: web-dr}\nspec: {host: web-dr-host}\n';
  const subset = '      trafficRouting:\n        istio:\n          virtualService: {name: web-vs, routes: [primary]}\n          destinationRule: {name: web-dr, canarySubsetName: canary, stableSubsetName: stable}';
  const services = (docs: string): string[] => {
    const store = runStore(load(canaryText(subset, docs)), 2 * 60_000);
    return [...new Set(seriesOf(store, 'istio_requests_total').map((l) => `${l['destination_service']} ${l['destination_service_name']} ${l['destination_service_namespace']}`))];
  };

  it("is the VirtualService route's destination host (never an invented <name>-canary)", () => {
    expect(services(vs('web-svc') + dr)).toEqual(['web-svc.shop.svc.cluster.local web-svc shop']);
    expect(services(vs('web-svc.other.svc.cluster.local'))).toEqual(['web-svc.other.svc.cluster.local web-svc other']);
  });

  it("else the DestinationRule's host, else the Rollout's name", () => {
    expect(services(dr)).toEqual(['web-dr-host.shop.svc.cluster.local web-dr-host shop']);
    expect(services('')).toEqual(['web.shop.svc.cluster.local web shop']);
  });
});

describe('ingress-nginx (trafficRouting.nginx)', () => {
  const ingress = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web-ing}
spec:
  rules:
    - host: web.example.com
      http:
        paths:
          - {path: /api, pathType: Prefix, backend: {service: {name: web-stable, port: {number: 8080}}}}
`;
  const scenario = load(canaryText('      canaryService: web-canary\n      stableService: web-stable\n      trafficRouting:\n        nginx: {stableIngress: web-ing}', ingress));
  const store = runStore(scenario, T);

  it('the success-rate query on the stable Ingress returns a number', () => {
    const [rate] = values(store, nginxSuccessRate('web-ing'), T);
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThanOrEqual(1);
  });

  it("labels as ingress-nginx does: the stable Ingress and Service, and the canary upstream on the canary's requests", () => {
    const s = seriesOf(store, 'nginx_ingress_controller_requests');
    expect([...new Set(s.map((l) => `${l['ingress']} ${l['service']} ${l['canary'] ?? '-'} ${l['host']} ${l['path']} ${l['namespace']}`))].sort()).toEqual([
      'web-ing web-stable - web.example.com /api shop',
      'web-ing web-stable shop-web-canary-8080 web.example.com /api shop',
    ]);
    expect(sumAt(store, 'nginx_ingress_controller_requests{canary="shop-web-canary-8080"}')).toBe(sumAt(store, `http_requests_total{rollouts_pod_template_hash="${CANARY}"}`));
    expect(sumAt(store, 'nginx_ingress_controller_requests{canary=""}')).toBe(sumAt(store, `http_requests_total{rollouts_pod_template_hash="${STABLE}"}`));
    expect(sumAt(store, 'nginx_ingress_controller_request_duration_seconds_count')).toBe(sumAt(store, 'http_requests_total'));
  });

  it('without the Ingress document: no host, path "/", the port 80', () => {
    const bare = runStore(load(canaryText('      canaryService: web-canary\n      stableService: web-stable\n      trafficRouting:\n        nginx: {stableIngress: web-ing}')), 2 * 60_000);
    const canaries = seriesOf(bare, 'nginx_ingress_controller_requests').map((l) => `${l['canary'] ?? '-'} ${l['host'] ?? '-'} ${l['path']}`);
    expect([...new Set(canaries)].sort()).toEqual(['- - /', 'shop-web-canary-80 - /']);
  });

  it('is exported only for nginx routing', () => {
    const istio = runStore(load(canaryText('      canaryService: web-canary\n      stableService: web-stable\n      trafficRouting:\n        istio: {virtualService: {name: web-vs}}')), 2 * 60_000);
    expect(seriesOf(istio, 'nginx_ingress_controller_requests')).toEqual([]);
  });
});
