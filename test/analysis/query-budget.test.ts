/**
 * Issue 14, item 3 at the run level: an AnalysisTemplate whose PromQL would take minutes is refused
 * at load (exit 2, at the metric's line, naming the limit), from the query's static cost per series
 * (MAX_QUERY_SAMPLES) or its measurements together (MAX_RUN_QUERY_SAMPLES); what only the data
 * reveals (many series) is stopped at run time by the same budgets: the run ends with exit 2 naming
 * the limit, never with a verdict our limit decided.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/cli/main.js';
import { listDirectory, readTextFile, type CliIO } from '../../src/cli/io.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { WorkLimitError } from '../../src/model/work-limit.js';
import { createSimulation } from '../../src/run/simulation.js';
import { formatLoadError, loadScenarioText } from '../../src/scenario/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-budget-'));

/** One Rollout whose analysis step measures `query` every `interval`, `count` times. */
function scenario(o: { query: string; interval: string; count: number; duration: string; pause?: string }): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: agent
spec:
  replicas: 2
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: agent:v2
  strategy:
    canary:
      steps:
        - setWeight: 20${o.pause === undefined ? '' : `\n        - pause: {duration: ${o.pause}}`}
        - analysis:
            templates: [{templateName: costly}]
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: costly
spec:
  metrics:
    - name: q
      interval: ${o.interval}
      count: ${o.count}
      successCondition: "true"
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: '${o.query}'
---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata:
  name: costly
spec:
  duration: ${o.duration}
  traffic:
    rps: 5
  agent:
    image: agent:v1
  release:
    image: agent:v2
`;
}

async function run(name: string, text: string): Promise<{ code: number; err: string; file: string }> {
  const file = join(tmp, name);
  writeFileSync(file, text);
  let err = '';
  const io: CliIO = { stdout: () => undefined, stderr: (s) => void (err += s), readFile: readTextFile, listDir: listDirectory, clock: () => 0, env: {}, isTTY: false };
  const code = await dispatch(['run', file, '--output', 'json'], io);
  return { code, err, file };
}

describe('AnalysisTemplate queries past the work budgets are refused at load', () => {
  it('a subquery of 960 001 steps over a 30 m rate: MAX_QUERY_SAMPLES, at the query', async () => {
    const r = await run('subquery.yaml', scenario({ query: 'count_over_time(sum(rate(http_requests_total[30m]))[16m:1ms])', interval: '1m', count: 1, duration: '30m' }));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${r.file}:29:7: AnalysisTemplate/costly spec.metrics[0].provider.prometheus.query: one evaluation of this query touches about 126,720,132 samples for each series it selects (scraped every 15s), above the 50,000,000 one evaluation may touch (MAX_QUERY_SAMPLES): shorten a range or lengthen a subquery's step\n`);
  });

  it('50 000 measurements of a 19 232-sample query: MAX_RUN_QUERY_SAMPLES, at the interval', async () => {
    const r = await run('many.yaml', scenario({ query: 'count_over_time(sum(rate(http_requests_total[5m]))[10m:1s])', interval: '1s', count: 50_000, duration: '24h' }));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${r.file}:29:7: AnalysisTemplate/costly spec.metrics[0].interval: 50,000 measurements of this query touch about 961,600,000 samples for each series it selects (19,232 per evaluation), above the 200,000,000 one run's analysis queries may touch (MAX_RUN_QUERY_SAMPLES): measure less often (a longer interval or a count) or use a cheaper query\n`);
  });

  it('the same query measured 10 times runs', async () => {
    const r = await run('few.yaml', scenario({ query: 'count_over_time(sum(rate(http_requests_total[5m]))[10m:1s])', interval: '1m', count: 10, duration: '30m' }));
    expect(r).toMatchObject({ code: 0, err: '' });
  });
});

describe('what only the data reveals ends the run: exit 2 naming the limit, never a verdict', () => {
  // Argo would count a refused query as a measurement Error and abort on consecutiveErrorLimit:
  // our own limit would decide the verdict, so the run ends instead (model/work-limit.ts).
  it('one evaluation over many series past MAX_QUERY_SAMPLES: at the first measurement', async () => {
    const r = await run('runtime.yaml', scenario({ query: 'count_over_time(sum(rate(http_requests_total[30m]))[16m:10ms])', interval: '10s', count: 10, duration: '1h', pause: '35m' }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: analysis stopped at 35m20s: query refused by rollout-sim's work budget: one evaluation may touch at most 50,000,000 samples \(MAX_QUERY_SAMPLES, /);
    expect(r.err).toContain('(query: count_over_time(sum(rate(http_requests_total[30m]))[16m:10ms]))\n');
  });

  it('measurements each within budget that together pass MAX_RUN_QUERY_SAMPLES: where the run used them up', () => {
    const loaded = loadScenarioText(scenario({ query: 'count_over_time(sum(rate(http_requests_total[5m]))[10m:500ms])', interval: '1s', count: 5000, duration: '2h' }), 'run-total.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map(formatLoadError).join('\n'));
    const events: SimEvent[] = [];
    const sim = createSimulation(loaded.scenario, { store: createMetricStore() });
    sim.subscribe((e) => void events.push(e));
    let thrown: unknown;
    try {
      sim.runUntil(loaded.scenario.duration);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WorkLimitError);
    expect((thrown as Error).message).toMatch(/^analysis stopped at \d+m\d+s: query refused by rollout-sim's work budget: the analysis queries of one run may touch at most 200,000,000 samples together \(MAX_RUN_QUERY_SAMPLES\)/);
    const measured = events.filter((e) => e.type === 'Measurement');
    // Every measurement taken was Successful: none was turned into an Error, and nothing aborted.
    expect(measured.length).toBeGreaterThan(1000);
    expect(measured.every((e) => e.type === 'Measurement' && e.phase === 'Successful')).toBe(true);
    expect(events.some((e) => e.type === 'RolloutAborted')).toBe(false);
  });
});
