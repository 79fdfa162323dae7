/**
 * What a newcomer hit (issue 9, point 7): a YAML mistake is one plain error on stderr; `simulate
 * NAME` on a scenario that lists spec.compare races it as `compare` does; --time/--from/--to take
 * durations of simulated time, and a time past the data says what the data holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeJson, scenarioPath, sim } from './harness.js';

const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-friction-'));

describe('a YAML mistake: first, alone, in plain words', () => {
  it('a tab in the AnalysisTemplate is the only error, not "AnalysisTemplate not found" before it', async () => {
    const p = join(tmp, 'tab.yaml');
    const text = readFileSync(scenarioPath('canary-tool-call-regression.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => /^\s+failureLimit: 0/.test(l));
    expect(line).toBeGreaterThan(0);
    writeFileSync(p, text.split('\n').map((l, i) => (i === line ? l.replace(/^\s+/, '\t') : l)).join('\n'));
    const r = await sim(['run', p]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`error: ${p}:${line + 1}:1: spec.metrics[0].failureLimit: a tab character cannot indent YAML; use spaces (replace the tab with spaces; most editors can insert spaces for the Tab key)\n`);
  });

  it('a missing colon in the Scenario is the only error', async () => {
    const p = join(tmp, 'colon.yaml');
    const text = readFileSync(scenarioPath('canary-happy-path.yaml'), 'utf8').replace('  duration: 30m', '  duration 30m');
    writeFileSync(p, text);
    const line = text.split('\n').indexOf('  duration 30m') + 1;
    const r = await sim(['run', p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${p}:${line}:11: spec.duration: a key is missing its ":" (write "duration: 30m")\n`);
  });
});

describe('run on a scenario that lists spec.compare races it, as compare does', () => {
  const NAME = 'low-traffic-nan';
  it.each(['text', 'json', 'jsonl'])('--output %s: the same bytes as compare', async (output) => {
    const viaRun = await sim([NAME, '--output', output, '--no-color']);
    const viaCompare = await sim(['compare', NAME, '--output', output, '--no-color']);
    expect(viaRun.code).toBe(0);
    expect(viaRun.err).toBe('');
    expect(viaRun.out).toBe(viaCompare.out);
    if (output === 'json') expect((JSON.parse(viaRun.out) as { results: { rollout: string }[] }).results.map((r) => r.rollout)).toEqual(['agent-unguarded', 'agent-guarded']);
  });

  it('--rollout NAME runs that one alone', async () => {
    const r = await sim(['run', NAME, '--rollout', 'agent-guarded', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ type: 'Summary', rollout: 'agent-guarded' });
  });

  it('--export-metrics needs --rollout there (it exports one run)', async () => {
    const r = await sim(['run', NAME, '--export-metrics', join(tmp, 'x.om')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: --export-metrics exports one run\'s metrics, and this scenario compares agent-unguarded, agent-guarded (spec.compare): add --rollout NAME\n');
  });

  it('a one-workload compare list runs as before (one Summary)', async () => {
    const r = await sim(['run', 'canary-happy-path', '--output', 'json']);
    expect(JSON.parse(r.out)).toMatchObject({ type: 'Summary', rollout: 'agent' });
  });

  it('run --help says so', async () => {
    expect((await sim(['run', '--help'])).out).toContain("A scenario whose spec.compare lists several workloads runs as `simulate compare` does");
  });
});

describe('--time, --from, --to take durations of simulated time', () => {
  const om = join(tmp, 'd.om');
  writeFileSync(om, '# TYPE up gauge\nup{job="a"} 1 15\nup{job="a"} 2 300\nup{job="a"} 3 1800\n# EOF\n');

  it('query --time 5m is --time 300; 30m is the last sample', async () => {
    const five = await sim(['query', om, 'up', '--time', '5m', '--output', 'json']);
    expect(five.out).toBe((await sim(['query', om, 'up', '--time', '300', '--output', 'json'])).out);
    expect(five.out).toBe('{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[300,"2"]}]}\n');
    expect((await sim(['query', om, 'up', '--time', '0h30m', '--output', 'json'])).out).toContain('"value":[1800,"3"]');
  });

  it('over a wall-clock dataset (a promtool dump) a duration is time since its first sample', async () => {
    const dump = join(tmp, 'dump.om');
    writeFileSync(dump, '# TYPE up gauge\nup{job="a"} 1 1767225600\nup{job="a"} 2 1767225900\n# EOF\n');
    expect((await sim(['query', dump, 'up', '--time', '5m', '--output', 'json'])).out).toContain('"value":[1767225900,"2"]');
    const past = await sim(['query', dump, 'up', '--time', '1h']);
    expect(past.code).toBe(2);
    expect(past.err).toBe(`error: --time 1h is past the end of the data: ${dump} holds 2026-01-01T00:00:00.000Z to 2026-01-01T00:05:00.000Z (Unix seconds 1767225600 to 1767225900)\n`);
  });

  it('a time past the data says what the data holds (exit 2)', async () => {
    const r = await sim(['query', om, 'up', '--time', '1h30m']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --time 1h30m is past the end of the data: ${om} holds 15s to 30m0s of simulated time (seconds 15 to 1800)\n`);
  });

  it('a time that is no time says which forms work', async () => {
    expect((await sim(['query', om, 'up', '--time', '5 minutes'])).err).toBe('error: invalid parameter "time": cannot parse "5 minutes" to a valid timestamp (give seconds, a duration of simulated time such as 5m or 1h30m, or RFC 3339)\n');
  });

  const template = join(tmp, 't.yaml');
  writeFileSync(template, 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: t}\nspec:\n  metrics:\n  - name: m\n    successCondition: result[0] > 0\n    provider: {prometheus: {query: up}}\n');

  it('analyze --from 5m measures at 300 s', async () => {
    const r = await sim(['analyze', template, '--dataset', om, '--from', '5m', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(analyzeJson(r.out).metrics[0]?.measurements.map((m) => m.value)).toEqual(['[2]']);
  });

  it('analyze --to past the data is an error naming the range', async () => {
    const r = await sim(['analyze', template, '--dataset', om, '--from', '1m', '--to', '2h']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: --to 2h is past the end of the data: the dataset holds 15s to 30m0s of simulated time (seconds 15 to 1800)\n');
  });
});
