/**
 * The HTML report from a trace: reading a saved trace, the fold into what is drawn, the thresholds
 * read from conditions, and the rendered file (self-contained, deterministic, with what a reader
 * needs). The browser test (browser.test.ts) opens the files in Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { readTrace, renderReport } from '../../src/report/html/index.js';
import { foldRun } from '../../src/report/html/run-view.js';
import { versionName } from '../../src/report/html/specs-run.js';
import { conditionNumbers, figureOf, measuredNumber, thresholdsOf } from '../../src/report/html/thresholds.js';
import { ids } from '../../src/report/html/vega-render.js';
import { yExtentFor, minutes } from '../../src/report/html/chart-kit.js';
import { scenarioPath, sim } from '../cli/harness.js';

async function trace(name: string, ...extra: string[]): Promise<string> {
  const r = await sim(['run', scenarioPath(name), '--output', 'jsonl', ...extra]);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

function runsOf(text: string): SimEvent[][] {
  const r = readTrace(text);
  if (!r.ok) throw new Error(`${r.line}: ${r.message}`);
  return r.runs;
}

describe('readTrace', () => {
  const start = '{"t":0,"type":"SimulationStarted","schemaVersion":2,"steps":[],"metrics":[]}';
  const summary = '{"t":5,"type":"Summary","versions":{}}';

  it('splits a compare trace at each SimulationStarted and skips blank lines', () => {
    const r = readTrace(`${start}\n${summary}\n\n${start}\n{"t":1,"type":"StepCompleted","index":0}\n${summary}\n`);
    expect(r.ok && r.runs.map((run) => run.map((e) => e.type))).toEqual([['SimulationStarted', 'Summary'], ['SimulationStarted', 'StepCompleted', 'Summary']]);
  });

  it('names the line that is wrong, and why', () => {
    expect(readTrace('hello')).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/^not JSON/) });
    expect(readTrace(`${start}\n[1,2]\n`)).toEqual({ ok: false, line: 2, message: 'not a trace event (each line is an object with a numeric "t" and a string "type")' });
    expect(readTrace(`\n${summary}`)).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/^a Summary event before any SimulationStarted/) });
    expect(readTrace(`${start}\n{"t":1,"type":"StepCompleted","index":0}\n`)).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/has no Summary: the trace was cut short/) });
    expect(readTrace(start.replace('"schemaVersion":2', '"schemaVersion":1'))).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/^trace schema version 1, and this rollout-sim reads version 2/) });
    expect(readTrace('{"t":0,"type":"SimulationStarted","schemaVersion":2}')).toMatchObject({ ok: false, message: expect.stringMatching(/without its steps and metrics/) });
    expect(readTrace(`${start}\n{"t":5,"type":"Summary"}`)).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/Summary without its versions/) });
    expect(readTrace('\n\n')).toEqual({ ok: false, line: 1, message: 'no events: the trace is empty' });
  });
});

describe('thresholds from conditions', () => {
  it('reads the numbers a condition compares result with, either side', () => {
    expect(conditionNumbers('result[0] < 0.015')).toEqual([0.015]);
    expect(conditionNumbers('result[0] >= 0.93 && result[0] <= 1')).toEqual([0.93, 1]);
    expect(conditionNumbers('0.5 > result[0]')).toEqual([0.5]);
    expect(conditionNumbers('result < 2e-3')).toEqual([0.002]);
    expect(conditionNumbers('len(result) == 0')).toEqual([]);
    expect(conditionNumbers('isNaN(result[0]) || result[0] < 0.05')).toEqual([0.05]);
  });

  it('puts a metric on the chart of the figure its query measures', () => {
    expect(figureOf({ name: 'latency-p99', query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))' })).toBe('p99');
    expect(figureOf({ name: 'task-success', query: 'sum(rate(agent_task_outcomes_total{outcome="success"}[5m])) / sum(rate(agent_task_outcomes_total[5m]))' })).toBe('taskSuccess');
    expect(figureOf({ name: 'error-rate', query: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' })).toBe('errorRate');
    expect(figureOf({ name: 'golden-prompts', query: null })).toBeNull();
    expect(figureOf({ name: 'cpu', query: 'sum(rate(container_cpu_usage_seconds_total[1m]))' })).toBeNull();
  });

  it('draws each threshold once, with the condition as written', () => {
    const m = { template: 't', name: 'error-rate', query: 'x{code=~"5.."}', successCondition: 'result[0] < 0.015', failureCondition: 'result[0] > 0.05', failureLimit: 0 };
    expect(thresholdsOf([m, { ...m, template: 'u' }], 'errorRate')).toEqual([
      { metric: 'error-rate', value: 0.015, condition: 'result[0] < 0.015', kind: 'success' },
      { metric: 'error-rate', value: 0.05, condition: 'result[0] > 0.05', kind: 'failure' },
    ]);
    expect(thresholdsOf([m], 'p99')).toEqual([]);
  });

  it("reads a measurement's first number; no value draws nothing", () => {
    expect(measuredNumber('[0.015379993450386212]')).toBe(0.015379993450386212);
    expect(measuredNumber('4.5')).toBe(4.5);
    expect(measuredNumber('[]')).toBeNull();
    expect(measuredNumber('[NaN]')).toBeNull();
    expect(measuredNumber('')).toBeNull();
  });
});

describe('chart helpers', () => {
  it('renames Vega ids per chart, references included', () => {
    expect(ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><use href="#clip7"/>', 'err')).toBe('<clipPath id="err-1"/><g clip-path="url(#err-1)"/><use href="#err-1"/>');
    expect(ids('<g/>', 'x')).toBe('<g/>');
  });

  it('sizes the y axis for its labels and converts times to minutes', () => {
    expect(yExtentFor(['analysis'])).toBe(79);
    expect(yExtentFor(['a'])).toBe(48);
    expect(minutes(320_000)).toBe(5.3333);
  });
});

describe('the fold of a run', () => {
  it('canary-tool-call-regression: the analysis at 5m20s fails and aborts; the header reads Degraded at step 2/6', async () => {
    const v = foldRun(runsOf(await trace('canary-tool-call-regression.yaml'))[0] as SimEvent[]);
    expect(v.bands.filter((b) => b.lane === 'analysis')).toEqual([{ lane: 'analysis', start: 320_000, end: 320_000, label: 'agent-rv8mt5frdr-2-2: Failed', tone: 'bad' }]);
    expect(v.bands.filter((b) => b.lane === 'pauses')).toEqual([{ lane: 'pauses', start: 20_000, end: 320_000, label: 'paused: CanaryPauseStep', tone: 'wait' }]);
    // Progressing for an instant at 5m20s (then Degraded at once) draws no band.
    expect(v.bands.filter((b) => b.lane === 'phase').map((b) => [b.label, b.start, b.end])).toEqual([['Progressing', 0, 20_000], ['Paused', 20_000, 320_000], ['Degraded', 320_000, 3_600_000]]);
    expect(v.markers).toEqual([{ t: 320_000, kind: 'aborted', label: 'aborted' }]);
    expect(v.weights).toEqual([{ t: 0, weight: 0 }, { t: 20_000, weight: 20 }, { t: 320_000, weight: 0 }]);
    expect(v.final).toMatchObject({ phase: 'Degraded', stepIndex: 2, canaryWeight: 0, actualWeight: 0 });
    expect(v.samples).toHaveLength(240);
    expect(v.transitions.find((t) => t.type === 'RolloutAborted')?.text).toBe('ABORTED: Step-based analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)');
  });
  it('kayenta-experiment-baseline: an experiment\'s arms are charted by template and image, not by hash', async () => {
    const v = foldRun(runsOf(await trace('kayenta-experiment-baseline.yaml'))[0] as SimEvent[]);
    expect(v.experimentArms).toEqual({ sxxd9w7d7k: 'experiment baseline agent:v1', zj2jlx2zd8: 'experiment canary agent:v2' });
    expect(versionName(v, 'sxxd9w7d7k')).toBe('experiment baseline agent:v1');
    expect(versionName(v, v.start.releaseHash)).toBe('release agent:v2');
  });
});

describe('the HTML file', () => {
  it('is self-contained, deterministic, and says what happened', async () => {
    const runs = runsOf(await trace('canary-tool-call-regression.yaml'));
    const a = await renderReport(runs);
    const b = await renderReport(runsOf(await trace('canary-tool-call-regression.yaml')));
    expect(a.html).toBe(b.html);
    expect(a.warnings).toEqual([]);
    const html = a.html;
    // Nothing to fetch: no script, no external stylesheet, font or image; the only URLs are SVG namespaces.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(http/i);
    expect([...new Set(html.match(/https?:\/\/[^"'\s)]+/g))].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    // Every id on the page is unique (two widths of seven charts).
    const allIds = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(html).toContain('Status:          ✖ Degraded');
    expect(html).toContain('  Step:          2/6');
    expect(html).toContain('aborted after 5m20s: analysis failed: error-rate = 0.0154, not result[0] &lt; 0.015 — the healthy release would have gone on: the regression was caught');
    expect(html).toContain('error-rate: result[0] &lt; 0.015'); // the threshold's label on the error-rate chart
    expect(html.match(/<figure class="chart" data-chart="([^"]+)"/g)?.map((f) => f.replace(/.*="|"$/g, ''))).toEqual(['timeline', 'weight', 'pods', 'errorRate', 'p99', 'taskSuccess', 'harm']);
    expect(Buffer.byteLength(html)).toBeLessThan(400_000); // a 1 h run
  });

  it("a promoted blue-green's header lists the release as the stable, active image", async () => {
    const { html } = await renderReport(runsOf(await trace('bluegreen-pre-post-analysis.yaml', '--rollout', 'agent-bluegreen-pre')));
    expect(html).toContain('Status:          ✔ Healthy\nStrategy:        BlueGreen\nImages:          agent:v2 (stable, active)\nReplicas:');
  });

  it('escapes trace text', async () => {
    const runs = runsOf(await trace('canary-happy-path.yaml'));
    const first = runs[0] as SimEvent[];
    const start = first[0] as Extract<SimEvent, { type: 'SimulationStarted' }>;
    const edited = [{ ...start, description: '<script>alert(1)</script> & "quotes"' }, ...first.slice(1)];
    const { html } = await renderReport([edited]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script>');
  });

  it('a compare trace renders the strategies on one axis and the verdict table', async () => {
    const r = await sim(['compare', scenarioPath('flagship.yaml'), '--output', 'jsonl']);
    const { html, warnings } = await renderReport(runsOf(r.out));
    expect(warnings).toEqual([]);
    expect(html).toContain('<h1>Compare: flagship</h1>');
    expect(html.match(/<figure class="chart" data-chart="([^"]+)"/g)?.map((f) => f.replace(/.*="|"$/g, ''))).toEqual(['timeline', 'weight', 'harm', 'errorRate']);
    expect(html).toMatch(/<td>agent-canary<\/td><td>canary<\/td><td>aborted<\/td><td>yes<\/td><td>5m20s<\/td>/);
    expect(html).toContain('agent-bluegreen: promoted the regression;');
  });
});
