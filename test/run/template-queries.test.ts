/**
 * Which optional metric families a run exports: only those a template query can select (a
 * family no query names cannot change a measurement), everything when a query cannot be read.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisTemplate } from '../../src/model/rollout.js';
import { exportedFor } from '../../src/run/template-queries.js';
import { aScenario } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };

function withQueries(...queries: string[]) {
  const t: AnalysisTemplate = {
    kind: 'AnalysisTemplate', name: 't', args: [{ name: 'svc', value: undefined }], dryRun: [], measurementRetention: [], source: here,
    metrics: queries.map((query, i) => ({
      name: `m${i}`, interval: undefined, initialDelay: undefined, count: undefined, successCondition: 'result[0] < 1', failureCondition: undefined,
      failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
      provider: { prometheus: { address: undefined, query } }, source: here,
    })),
  };
  return aScenario({ analysisTemplates: [t] });
}

describe('the families a run exports', () => {
  it('the app families only, for queries on them; each group a query names', () => {
    expect(exportedFor(withQueries('sum(rate(http_requests_total{code="500"}[5m]))'))).toEqual({ istio: false, pod: false, nginx: false });
    expect(exportedFor(withQueries('sum(irate(istio_requests_total{destination_service=~"{{args.svc}}"}[5m]))'))).toEqual({ istio: true, pod: false, nginx: false });
    expect(exportedFor(withQueries('histogram_quantile(0.9, sum by (le) (rate(istio_request_duration_milliseconds_bucket[1m])))', 'count(kube_pod_info)'))).toEqual({ istio: true, pod: true, nginx: false });
    expect(exportedFor(withQueries('sum(rate(nginx_ingress_controller_requests[1m]))'))).toEqual({ istio: false, pod: false, nginx: true });
  });

  it('every group for a __name__ pattern or a query that does not parse', () => {
    const all = { istio: true, pod: true, nginx: true };
    expect(exportedFor(withQueries('sum(rate({__name__=~"istio.*"}[1m]))'))).toEqual(all);
    expect(exportedFor(withQueries('sum(rate(http_requests_total[5m]'))).toEqual(all);
  });

  it('follows the metrics: mapping back to our family', () => {
    const s = { ...withQueries('count(my_pod_info)'), metrics: { kube_pod_info: { name: 'my_pod_info' } } };
    expect(exportedFor(s)).toEqual({ istio: false, pod: true, nginx: false });
  });
});
