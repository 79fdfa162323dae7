/**
 * `simulate analyze` as a newcomer uses it: the measurement instants are said, `--result` needs only
 * the args its conditions use and shows one measurement, `--output json` is one document, and a
 * file of several templates says which one it analyzed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measurementNote } from '../../src/cli/commands/analyze-format.js';
import { analyzeJson, scenarioPath, sim } from './harness.js';

const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-analyze-'));

function templateFile(name: string, docs: string[][]): string {
  const p = join(tmp, name);
  writeFileSync(p, docs.map((d) => d.join('\n')).join('\n---\n'));
  return p;
}

const errorRate = (name: string, condition: string, extra: string[] = []): string[] => [
  'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', `metadata: {name: ${name}}`, 'spec:',
  '  args: [{name: hash}, {name: limit, value: "0.015"}]', '  metrics:', '  - name: error-rate', `    successCondition: ${condition}`, ...extra,
  '    provider:', '      prometheus:',
  '        query: sum(rate(http_requests_total{rollouts_pod_template_hash="{{args.hash}}",code="500"}[5m])) / sum(rate(http_requests_total{rollouts_pod_template_hash="{{args.hash}}"}[5m]))',
];
const ONE = templateFile('one.yaml', [errorRate('error-rate', 'result[0] < 0.015')]);

describe('--dataset says when it measured', () => {
  const om = join(tmp, 'run.om');

  it('a template with no interval measures once, at the first sample, and says so', async () => {
    expect((await sim(['run', scenarioPath('canary-manual-abort.yaml'), '--until', '10m', '--output', 'json', '--export-metrics', om])).code).toBe(0);
    const r = await sim(['analyze', ONE, '--dataset', om, '--args', 'hash=rv8mt5frdr']);
    expect(r.code).toBe(0);
    // The export starts at t = 0 (the scrape there sees the world's history); the canary has no
    // series yet: `[]` is an Error, which Argo retries every 10s.
    expect(r.out).toContain("note: one measurement, at t=0s (the dataset's first sample), retried after an Error until t=40s; use --from T to measure at another instant\n");
    const at = await sim(['analyze', ONE, '--dataset', om, '--args', 'hash=rv8mt5frdr', '--from', '300']);
    expect(at.out).toContain('note: one measurement, at t=300s (--from)\n');
  });

  it('bounded work: a range holding more than 10 000 measurement rounds is refused (exit 2), not measured for ever', async () => {
    // Always measurable and always Successful: the run would go on until --to, every 10 ms.
    const tiny = templateFile('tiny.yaml', [[
      'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: tiny}', 'spec:', '  metrics:', '  - name: traffic',
      '    interval: 10ms', '    successCondition: result[0] >= 0', '    provider:', '      prometheus:', '        query: sum(rate(http_requests_total[5m]))',
    ]]);
    const r = await sim(['analyze', tiny, '--dataset', om]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --from\/--to span more than 10,000 measurement rounds at this template's interval \(the last at [\d.]+ s\): narrow the range\n$/);
  });

  it('the note, worked', () => {
    const w = { from: 15_000, to: 600_000, fromGiven: false, toGiven: false };
    expect(measurementNote([15_000], w, true)).toBe("one measurement, at t=15s (the dataset's first sample); use --from T to measure at another instant");
    expect(measurementNote([75_000], { ...w, fromGiven: true }, true)).toBe('one measurement, at t=75s (the run started at t=15s, --from)');
    expect(measurementNote([15_000, 75_000, 135_000], { ...w, toGiven: true }, false)).toBe(
      "3 measurements, t=15s … t=135s, in the window t=15s (the dataset's first sample) … t=600s (--to); use --from/--to to choose another");
    expect(measurementNote([], { from: 15_000, to: 20_000, fromGiven: true, toGiven: true }, false)).toBe(
      'no measurement in the window t=15s (--from) … t=20s (--to); use --from/--to to choose another');
  });

  it('--output json is a line per metric, then the run (issue 4\'s shape)', async () => {
    const r = await sim(['analyze', ONE, '--dataset', om, '--args', 'hash=rv8mt5frdr', '--from', '300', '--output', 'json']);
    expect(r.out.trim().split('\n').map((l) => Object.keys(JSON.parse(l) as object))).toEqual([['metric', 'measurements', 'phase'], ['run', 'template', 'phase', 'message']]);
    const doc = analyzeJson(r.out);
    expect(doc.template).toBe('error-rate');
    expect(doc.metrics).toHaveLength(1);
    expect(doc.metrics[0]?.measurements[0]?.value).toMatch(/^\[0\.\d+\]$/);
    expect(['Successful', 'Failed']).toContain(doc.phase);
  });
});

describe('--result', () => {
  it('needs no --args for args that only the query uses', async () => {
    const r = await sim(['analyze', ONE, '--result', '[0.02]', '--output', 'json']);
    expect(r.err).toBe('');
    expect(analyzeJson(r.out)).toEqual({
      template: 'error-rate',
      metrics: [{ metric: 'error-rate', measurements: [{ value: '[0.02]', phase: 'Failed', message: '' }], phase: 'Failed' }],
      phase: 'Failed',
      message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
    });
  });

  it('substitutes the args its conditions use, and asks for the ones missing', async () => {
    const t = templateFile('cond-arg.yaml', [errorRate('error-rate', 'result[0] < {{args.max}}').map((l) => l.replace('{name: limit, value: "0.015"}', '{name: max}'))]);
    const missing = await sim(['analyze', t, '--result', '[0.02]']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('error: args.max was not resolved: give it with --args max=VALUE\n');
    const given = await sim(['analyze', t, '--result', '[0.02]', '--args', 'max=0.05', '--output', 'json']);
    expect(analyzeJson(given.out)).toMatchObject({ phase: 'Successful' });
  });

  it('an Error result is one measurement, and the phase Argo reaches when every retry gives it', async () => {
    const r = await sim(['analyze', ONE, '--result', '[]']);
    expect(r.code).toBe(0);
    expect(r.out.match(/^ {2}Error /gm)).toHaveLength(1);
    expect(r.out).toMatch(/AnalysisRun Error: .*consecutiveErrors \(5\) > consecutiveErrorLimit \(4\)/);
    expect(r.out).toContain('note: Argo retries an Error measurement; given this result every time');
    const j = analyzeJson((await sim(['analyze', ONE, '--result', '[]', '--output', 'json'])).out);
    expect(j.metrics[0]?.measurements).toHaveLength(1);
    expect(j.phase).toBe('Error');
  });

  it('a file of several templates says which one it analyzed', async () => {
    const two = templateFile('two.yaml', [errorRate('first', 'result[0] < 0.015'), errorRate('second', 'result[0] < 0.5')]);
    const r = await sim(['analyze', two, '--result', '[0.02]']);
    expect(r.out).toMatch(/^note: .*two\.yaml has 2 AnalysisTemplates \(first, second\): this analyzes first; --template NAME picks another\n/);
    const s = await sim(['analyze', two, '--result', '[0.02]', '--template', 'second', '--output', 'json']);
    expect(analyzeJson(s.out)).toMatchObject({ template: 'second', phase: 'Successful' });
  });
});
