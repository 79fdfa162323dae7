/**
 * The CLI as a user drives it, in-process through `dispatch` with captured output: exit codes,
 * determinism of the trace, clean non-TTY output, and precise errors for bad input.
 */
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/cli/main.js';
import { listDirectory, type CliIO } from '../../src/cli/io.js';
import { analyzeJson } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scenario = (name: string) => join(root, 'scenarios', name);
const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-cli-'));

async function sim(args: string[], env: Record<string, string> = { CI: 'true' }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: (p) => readFileSync(p, 'utf8'), listDir: listDirectory, clock: () => 0, env, isTTY: false };
  const code = await dispatch(args, io);
  return { code, out, err };
}

function variant(name: string, from: string | RegExp, to: string): string {
  const p = join(tmp, name);
  writeFileSync(p, readFileSync(scenario('canary-happy-path.yaml'), 'utf8').replace(from, to));
  return p;
}

describe('simulate run', () => {
  it('gives byte-identical jsonl for the same scenario and seed, and a different trace for another seed', async () => {
    const a = await sim(['run', scenario('canary-tool-call-regression.yaml'), '--output', 'jsonl', '--until', '20m']);
    const b = await sim(['run', scenario('canary-tool-call-regression.yaml'), '--output', 'jsonl', '--until', '20m']);
    const c = await sim(['run', scenario('canary-tool-call-regression.yaml'), '--output', 'jsonl', '--until', '20m', '--seed', '8']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
    const lines = a.out.trim().split('\n').map((l) => JSON.parse(l) as { t: number; type: string });
    expect(lines.every((e) => Object.keys(e)[0] === 't' && Object.keys(e)[1] === 'type')).toBe(true);
    expect(lines.at(-1)?.type).toBe('Summary');
  });

  it('--output json prints only the Summary', async () => {
    const r = await sim(['run', scenario('canary-happy-path.yaml'), '--output', 'json']);
    const summary = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(summary).slice(0, 7)).toEqual(['t', 'type', 'schemaVersion', 'rollout', 'strategy', 'router', 'outcome']);
    expect(summary).toMatchObject({ type: 'Summary', schemaVersion: 2, outcome: 'promoted', promotedAfter: 660_000, abortCause: null });
  });

  it('text output in a pipe has no escape codes at all', async () => {
    const r = await sim(['run', scenario('canary-tool-call-regression.yaml')], { CI: 'true' });
    expect(r.out).toContain('ABORTED');
    expect(r.out).not.toMatch(/\u001b/);
  });

  it('a mirrored run shows the shadow copies\' own figures, in the text and in the Summary JSON (after versions)', async () => {
    const text = await sim(['run', scenario('mirrored-shadow-traffic.yaml')]);
    expect(text.out).toContain('\n  harmed    0 of the 35779 completed (0.00%); 0 served by the release\n  mirrored  2515 copies served by the release (never answered users): errors 3.18%, p99 3.706s, task ok 91.29%\n');
    const json = JSON.parse((await sim(['run', scenario('mirrored-shadow-traffic.yaml'), '--output', 'json'])).out) as Record<string, unknown>;
    expect(Object.keys(json).slice(-2)).toEqual(['versions', 'mirrored']);
    expect(json).toMatchObject({ releaseRequests: 0, harmedRequests: 0, mirrored: { image: 'agent:v2', requests: 2515, errorRate: 0.031809 } });
  });

  it('`simulate FILE.yaml` is `simulate run FILE.yaml`; `simulate` alone runs the default scenario', async () => {
    const a = await sim([scenario('canary-happy-path.yaml'), '--output', 'json']);
    expect(JSON.parse(a.out)).toMatchObject({ outcome: 'promoted' });
  });
});

describe('simulate (no arguments) and simulate compare', () => {
  it('the default run is the flagship comparison: canary catches it, blue-green\'s synthetic tests and the Deployment miss it', async () => {
    const d = await sim([]);
    expect(d.code).toBe(0);
    expect(d.out).not.toMatch(/\u001b/);
    const table = d.out.slice(d.out.indexOf('Verdict'));
    // Arrivals in the title, each strategy's completed requests (the harmed-share denominator) in a column.
    expect(table).toMatch(/^Verdict \(identical traffic: the same 71855 user requests arrived at each\)/);
    expect(table).toMatch(/agent-canary\s+canary\s+aborted\s+yes\s+5m20s\s+71833\s+1\.63%\s+14\s+0\.02%/);
    expect(table).toMatch(/agent-bluegreen\s+blue-green\s+promoted\s+NO\s+—\s+71833\s+99\.31%\s+1134\s+1\.58%/);
    expect(table).toMatch(/agent-deployment\s+Deployment\s+promoted\s+NO\s+—\s+71833\s+99\.\d\d%\s+\d+\s+1\.58%/);
    expect(d.out).toContain('requests  71833 completed user requests (22 still in flight at the end)');
    expect(d.out).toContain('golden-prompts = 0/40 failed → Successful');
  });

  it('run text says what a missing value and a false rollback are, and words the weight after an abort', async () => {
    const d = await sim(['run', scenario('low-traffic-nan.yaml'), '--rollout', 'agent-unguarded']);
    expect(d.out).toContain('    3m20s  ⚠ agent-unguarded-rv8mt5frdr-2-2/error-rate = (no value) → Error (could not evaluate successCondition');
    expect(d.out).toContain('     4m0s  ⇄ weight: canary 0% · stable 100% (aborted: back to the stable version)');
    expect(d.out).toContain('  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: a healthy release was aborted: this analysis is blind');
  });

  it('compare gives byte-identical JSON twice, and every strategy sees the same user requests', async () => {
    const a = await sim(['compare', scenario('flagship.yaml'), '--output', 'json']);
    const b = await sim(['compare', scenario('flagship.yaml'), '--output', 'json']);
    expect(a.out).toBe(b.out);
    const json = JSON.parse(a.out) as { schemaVersion: number; offeredRequests: number; results: { rollout: string; arrivedRequests: number; completedRequests: number }[] };
    const results = json.results;
    expect(json.schemaVersion).toBe(2);
    expect(results.map((r) => r.rollout)).toEqual(['agent-canary', 'agent-bluegreen', 'agent-deployment']);
    expect(results.map((r) => r.arrivedRequests)).toEqual([json.offeredRequests, json.offeredRequests, json.offeredRequests]);
    expect(new Set(results.map((r) => r.completedRequests)).size).toBe(1);
    expect(json.offeredRequests).toBeGreaterThan(results[0]?.completedRequests as number);
  });

  it('--strategies picks and orders the panels, and a misspelled name is exit 2 with a suggestion', async () => {
    const r = await sim(['compare', scenario('flagship.yaml'), '--strategies', 'agent-deployment,agent-canary', '--output', 'json']);
    expect((JSON.parse(r.out) as { results: { rollout: string }[] }).results.map((x) => x.rollout)).toEqual(['agent-deployment', 'agent-canary']);
    const bad = await sim(['compare', scenario('flagship.yaml'), '--strategies', 'agent-canry']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('did you mean "agent-canary"');
  });
});

describe('bad input: exit 2, a precise message, never a stack trace', () => {
  const cases: [string, () => string, RegExp][] = [
    ['invalid YAML', () => { const p = join(tmp, 'invalid.yaml'); writeFileSync(p, 'a: [1, 2\nb: x\n'); return p; }, /^error: \S*invalid\.yaml:1:4: a: unclosed "\[": this list has no closing "]" \(end the list with "]"\)\n$/],
    ['a misspelled key', () => variant('cohrts.yaml', 'cohorts:', 'cohrts:'), /cohrts\.yaml:\d+:5: spec\.traffic\.cohrts: unknown field "cohrts" \(did you mean "cohorts"\?\)/],
    ['setWeight: 120', () => variant('weight.yaml', 'setWeight: 50', 'setWeight: 120'), /weight\.yaml:\d+:\d+: spec\.strategy\.canary\.steps\[2\]\.setWeight: .*between 0 and 100/],
    ['rps: -1', () => variant('rps.yaml', 'rps: 20', 'rps: -1'), /rps\.yaml:\d+:\d+: spec\.traffic\.rps: must be greater than 0/],
    ['a negative duration', () => variant('dur.yaml', 'duration: 30m', 'duration: -5m'), /dur\.yaml:\d+:\d+: spec\.duration: .*negative/],
    ['an unknown kind', () => variant('kind.yaml', /^kind: Rollout/m, 'kind: Rollut'), /kind\.yaml:\d+:\d+: .*unknown kind "Rollut".*did you mean "Rollout"/],
    ['an empty file', () => { const p = join(tmp, 'empty.yaml'); writeFileSync(p, ''); return p; }, /empty\.yaml:1:1: the file is empty/],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const r = await sim(['run', make()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it('a template whose PromQL or condition does not parse is bad input before the run starts', async () => {
    const p = join(tmp, 'bad-template.yaml');
    writeFileSync(p, readFileSync(scenario('canary-tool-call-regression.yaml'), 'utf8').replace('successCondition: result[0] < 0.015', 'successCondition: result[0] <'));
    const r = await sim(['run', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-template\.yaml:\d+:\d+: AnalysisTemplate\/error-rate spec\.metrics\[0\]\.successCondition: successCondition does not parse: unexpected token EOF/);
    expect(r.out).toBe('');
  });

  it('an unknown flag or command suggests the right one', async () => {
    const f = await sim(['run', scenario('canary-happy-path.yaml'), '--sed', '3']);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/--sed.*did you mean --seed/);
    const w = await sim(['run', scenario('flagship.yaml'), '--rollout', 'agent-canry']);
    expect(w.code).toBe(2);
    expect(w.err).toContain('--rollout: no Rollout or Deployment named "agent-canry" (did you mean "agent-canary"?)');
    const c = await sim(['rnu']);
    expect(c.err).toMatch(/unknown command "rnu" \(did you mean "run"\?\)/);
  });
});

describe('simulate analyze', () => {
  const template = join(tmp, 'template.yaml');
  writeFileSync(template, [
    'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: error-rate}', 'spec:',
    '  args: [{name: hash}]', '  metrics:', '  - name: error-rate', '    successCondition: result[0] < 0.015',
    '    provider:', '      prometheus:', '        address: http://prometheus:9090',
    '        query: sum(rate(http_requests_total{rollouts_pod_template_hash="{{args.hash}}",code="500"}[5m])) / sum(rate(http_requests_total{rollouts_pod_template_hash="{{args.hash}}"}[5m]))',
  ].join('\n'));

  it('--result evaluates the conditions against one result, by Argo\'s rules', async () => {
    const bad = await sim(['analyze', template, '--result', '[0.02]', '--args', 'hash=x', '--output', 'json']);
    expect(analyzeJson(bad.out)).toEqual({
      template: 'error-rate',
      metrics: [{ metric: 'error-rate', measurements: [{ value: '[0.02]', phase: 'Failed', message: '' }], phase: 'Failed' }],
      phase: 'Failed',
      message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
    });
    const empty = await sim(['analyze', template, '--result', '[]', '--args', 'hash=x', '--output', 'json']);
    expect(analyzeJson(empty.out).metrics[0]).toMatchObject({ phase: 'Error' });
  });

  it('--dataset runs the measurements over a run\'s exported metrics', async () => {
    const om = join(tmp, 'run.om');
    expect((await sim(['run', scenario('canary-manual-abort.yaml'), '--until', '10m', '--output', 'json', '--export-metrics', om])).code).toBe(0);
    const r = await sim(['analyze', template, '--dataset', om, '--args', 'hash=rv8mt5frdr', '--from', '300', '--output', 'json']);
    expect(r.code).toBe(0);
    const run = analyzeJson(r.out);
    expect(run.metrics[0]?.measurements).toHaveLength(1);
    expect(run.metrics[0]?.measurements[0]?.value).toMatch(/^\[0\.\d+\]$/);
    expect(['Successful', 'Failed']).toContain(run.phase);
  });

  it('a missing arg names the flag that gives it', async () => {
    const om = join(tmp, 'tiny.om');
    writeFileSync(om, '# TYPE up gauge\nup 1 15\n# EOF\n');
    const r = await sim(['analyze', template, '--dataset', om]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('args.hash was not resolved: give it with --args hash=VALUE');
  });
});

describe('simulate list', () => {
  it('lists every shipped scenario with its description, as the command that runs it', async () => {
    const r = await sim(['list']);
    expect(r.code).toBe(0);
    for (const f of readdirSync(join(root, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      expect(r.out).toMatch(new RegExp(`^ {2}simulate (run|compare) ${f.slice(0, -5)} `, 'm'));
    }
    expect(r.out).toMatch(/simulate compare flagship\s+Tool calls fail 6 % of the time/);
    expect(r.out).toMatch(/simulate run canary-happy-path\s+A healthy release/);
    expect(r.out).not.toContain('does not load');
  });
  it('lists the lessons beside the scenarios, each as the command that grades it', async () => {
    const r = await sim(['list']);
    expect(r.out).toMatch(/^ {2}simulate check 01 {2}Why not a plain Deployment \(10 min\)$/m);
    expect(r.out).toMatch(/^ {2}simulate check 10 {2}Working with an AI assistant/m);
  });
});

describe('the README stays true', () => {
  it('the scenario example in the README loads and runs, and its analysis catches the regression', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## A scenario file, by example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const p = join(tmp, 'readme-example.yaml');
    writeFileSync(p, block as string);
    const r = await sim(['run', p, '--output', 'json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'aborted', caught: true });
  });
});
