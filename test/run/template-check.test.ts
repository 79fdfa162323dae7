/**
 * Templates are checked before a run: PromQL and conditions must parse, whatever value their
 * `{{args.x}}` placeholders take. Every shipped scenario passes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnalysisTemplate } from '../../src/model/rollout.js';
import { checkTemplates } from '../../src/run/template-check.js';
import { loadScenarioPath } from '../../src/scenario/index.js';

const here = { file: 't.yaml', line: 7, column: 5 };
function template(query: string, successCondition?: string): AnalysisTemplate {
  return {
    kind: 'AnalysisTemplate', name: 't', args: [], dryRun: [], measurementRetention: [], source: here,
    metrics: [{
      name: 'm', interval: undefined, initialDelay: undefined, count: undefined, successCondition, failureCondition: undefined,
      failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
      provider: { prometheus: { address: undefined, query } }, source: here,
    }],
  };
}

describe('checkTemplates', () => {
  it('accepts placeholders wherever some value would make the query parse', () => {
    expect(checkTemplates([template('rate(http_requests_total{pod="{{args.pod}}"}[{{ args.window }}]) > {{args.limit}}', 'result[0] < 0.01')])).toEqual([]);
  });

  it('reports an unparseable query and condition at the metric, with the parser\'s message', () => {
    expect(checkTemplates([template('sum(rate(x[5m])', 'result[0] <')])).toEqual([
      { file: 't.yaml', line: 7, column: 5, path: 'AnalysisTemplate/t spec.metrics[0].provider.prometheus.query', message: 'the PromQL query does not parse: 1:16: parse error: unclosed left parenthesis' },
      { file: 't.yaml', line: 7, column: 5, path: 'AnalysisTemplate/t spec.metrics[0].successCondition', message: 'successCondition does not parse: unexpected token EOF' },
    ]);
  });

  it('passes every shipped scenario', () => {
    const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const r = loadScenarioPath(join(dir, f));
      expect(r.ok, f).toBe(true);
      if (r.ok) expect(checkTemplates(r.scenario.analysisTemplates), f).toEqual([]);
    }
  });
});
