/**
 * Issue 14, items 2, 4 and 5 in-process: hostile input ends in exit 2 with words (never exit 1 or a
 * hang), and names that are JavaScript built-ins are ordinary data.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sim, scenarioPath } from './harness.js';
import { file, loaded, ROLLOUT, SCENARIO } from '../scenario/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const TEMPLATE = (condition: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: t}
spec:
  metrics:
  - name: m
    successCondition: '${condition}'
    provider:
      prometheus: {address: "http://p", query: "up"}
`;

describe('names are data (item 4)', () => {
  const om = put('names.om', [
    '# TYPE m counter',
    'm_total{constructor="x",a="1"} 1 1000',
    'm_total{__proto__="y",toString="z"} 2 1000',
    'm_total{valueOf="",hasOwnProperty="q"} 3 1000',
    '# EOF',
    '',
  ].join('\n'));
  const query = async (q: string) => sim(['query', om, q, '--output', 'json']);

  it('a label called constructor is no "duplicate label", and every series loads', async () => {
    const r = await query('m_total');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe('{"resultType":"vector","result":[' +
      '{"metric":{"__name__":"m_total","__proto__":"y","toString":"z"},"value":[1000,"2"]},' +
      '{"metric":{"__name__":"m_total","a":"1","constructor":"x"},"value":[1000,"1"]},' +
      '{"metric":{"__name__":"m_total","hasOwnProperty":"q"},"value":[1000,"3"]}]}\n');
  });

  it('{constructor=""} matches the series without that label; {constructor="x"} the one with it', async () => {
    expect((await query('sum(m_total{constructor=""})')).out).toBe('{"resultType":"vector","result":[{"metric":{},"value":[1000,"5"]}]}\n');
    expect((await query('sum(m_total{constructor="x"})')).out).toBe('{"resultType":"vector","result":[{"metric":{},"value":[1000,"1"]}]}\n');
    expect((await query('sum(m_total{__proto__=~"y|z"})')).out).toBe('{"resultType":"vector","result":[{"metric":{},"value":[1000,"2"]}]}\n');
  });

  it('label_replace and count_values write a constructor or __proto__ label', async () => {
    expect((await query('label_replace(m_total{a="1"}, "constructor", "new-$1", "a", "(.*)")')).out)
      .toBe('{"resultType":"vector","result":[{"metric":{"__name__":"m_total","a":"1","constructor":"new-1"},"value":[1000,"1"]}]}\n');
    expect((await query('count_values("__proto__", m_total{a="1"})')).out).toBe('{"resultType":"vector","result":[{"metric":{"__proto__":"1"},"value":[1000,"1"]}]}\n');
    expect((await query('sum by (constructor) (m_total)')).out)
      .toBe('{"resultType":"vector","result":[{"metric":{},"value":[1000,"5"]},{"metric":{"constructor":"x"},"value":[1000,"1"]}]}\n');
  });

  it('--result keeps a __proto__ key, and constructor is an ordinary key', async () => {
    const t = put('t-proto.yaml', TEMPLATE('result["__proto__"] == 1 && result.constructor == 2 && len(result) == 2'));
    const r = await sim(['analyze', t, '--result', '{"__proto__":1,"constructor":2}', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').at(-1)).toBe('{"run":"analyze-result-1","template":"t","phase":"Successful","message":""}');
  });

  it('cohorts named constructor and __proto__ keep their own behaviour', () => {
    const text = file(ROLLOUT, SCENARIO.replace('    rps: 10\n', [
      '    rps: 10',
      '    cohorts: [{name: constructor, share: 0.5}, {name: __proto__, share: 0.5}]',
      '  agent:',
      '    cohorts:',
      '      __proto__: {errorRate: 50%}',
      '      constructor: {errorRate: 1%}',
      '',
    ].join('\n')));
    const cohorts = loaded(text).scenario.agent.cohorts;
    expect(Object.keys(cohorts)).toEqual(['constructor', '__proto__']);
    expect([cohorts['constructor']?.errorRate, cohorts['__proto__']?.errorRate]).toEqual([0.01, 0.5]);
  });
});

describe('--result and YAML nesting (item 2)', () => {
  const t = put('t.yaml', TEMPLATE('result == result'));
  const nested = (d: number): string => '['.repeat(d) + ']'.repeat(d);

  it('reads 1000 levels, refuses 1001 (and 3000) with the limit, exit 2', async () => {
    expect((await sim(['analyze', t, '--result', nested(1000), '--output', 'json'])).code).toBe(0);
    for (const d of [1001, 3000]) {
      expect(await sim(['analyze', t, '--result', nested(d)])).toEqual({ code: 2, out: '', err: `error: --result nests ${d} levels deep; at most 1000 are read (no metric result comes close)\n` });
    }
  });

  it('thousands of indented levels of YAML are "nests too deeply", exit 2 (not a stack overflow, exit 1)', async () => {
    let block = '';
    for (let i = 0; i < 3000; i++) block += ' '.repeat(i) + 'a:\n';
    const p = put('deep-block.yaml', file(ROLLOUT, SCENARIO, block + ' '.repeat(3000) + 'x: 1\n'));
    const flow = put('deep-flow.yaml', file(ROLLOUT, SCENARIO, 'x: ' + '['.repeat(20000) + ']'.repeat(20000)));
    for (const f of [p, flow]) {
      expect(await sim(['run', f, '--output', 'json'])).toEqual({ code: 2, out: '', err: `error: ${f}:1:1: the YAML nests too deeply to read (no manifest nests more than 64 levels)\n` });
    }
  });
});

describe('files (item 5)', () => {
  const scenario = readFileSync(scenarioPath('canary-happy-path.yaml'), 'utf8');

  it('a FIFO or a link to /dev/zero in a scenario folder is refused before it is opened, exit 2', async () => {
    const fifo = join(dir, 'fifo');
    const zero = join(dir, 'zero');
    for (const d of [fifo, zero]) mkdirSync(d);
    writeFileSync(join(fifo, 'a.yaml'), scenario);
    execFileSync('mkfifo', [join(fifo, 'b.yaml')]);
    writeFileSync(join(zero, 'a.yaml'), scenario);
    symlinkSync('/dev/zero', join(zero, 'b.yaml'));
    const hint = ' (a scenario is read from ordinary .yaml files; move or rename this one)\n';
    expect(await sim(['run', fifo, '--output', 'json'])).toEqual({ code: 2, out: '', err: `error: ${fifo}/b.yaml:1:1: not a regular file: a named pipe (FIFO)${hint}` });
    expect(await sim(['run', zero, '--output', 'json'])).toEqual({ code: 2, out: '', err: `error: ${zero}/b.yaml:1:1: not a regular file: a character device${hint}` });
  });

  it('--export-metrics naming an input scenario file (through any path or link) is refused, the file untouched', async () => {
    const input = put('input.yaml', scenario);
    symlinkSync(input, join(dir, 'link.yaml'));
    for (const [run, target] of [[input, input], [join(dir, 'link.yaml'), input], [input, join(dir, '.', 'link.yaml')]] as const) {
      expect(await sim(['run', run, '--output', 'json', '--export-metrics', target])).toEqual({ code: 2, out: '', err: `error: --export-metrics ${target}: is an input of this command; name another file for the output\n` });
    }
    expect(readFileSync(input, 'utf8')).toBe(scenario);
  });

  it('a write that fails (a full device) is exit 2 with the reason; a good export leaves no temporary file', async () => {
    const full = await sim(['run', 'canary-happy-path', '--output', 'json', '--until', '1m', '--export-metrics', '/dev/full']);
    expect([full.code, full.err]).toEqual([2, 'error: --export-metrics /dev/full: cannot write: ENOSPC\n']);
    const out = join(dir, 'exports');
    mkdirSync(out);
    writeFileSync(join(out, 'm.om'), 'OLD\n');
    const ok = await sim(['run', 'canary-happy-path', '--output', 'json', '--until', '1m', '--export-metrics', join(out, 'm.om')]);
    expect(ok.code).toBe(0);
    expect(readdirSync(out)).toEqual(['m.om']);
    expect(readFileSync(join(out, 'm.om'), 'utf8')).toMatch(/^# TYPE [\s\S]*\n# EOF\n$/);
  });
});

describe('datasets in Prometheus\' words (item 5)', () => {
  const q = async (name: string, text: string | Buffer) => sim(['query', put(name, text), 'up']);
  const fails = (p: string, msg: string) => ({ code: 2, out: '', err: `error: ${join(dir, p)}${msg}\n` });

  it('a BOM or CR LF line endings: refused with the fix, as promtool refuses them', async () => {
    expect(await q('bom.om', '\ufeff# TYPE up gauge\nup 1 1\n# EOF\n')).toEqual(fails('bom.om', ":1: the file starts with a byte-order mark (BOM), which Prometheus' parsers refuse: save it as UTF-8 without a BOM"));
    expect(await q('crlf.om', '# TYPE up gauge\nup 1 1\r\n# EOF\r\n')).toEqual(fails('crlf.om', ':2: line 2 ends with CR LF (a Windows line ending); Prometheus reads lines ending in LF alone: convert the file (e.g. dos2unix)'));
    expect(await q('crlf.dump', '{__name__="up"} 1 1000\r\n')).toEqual(fails('crlf.dump', ':1: line 1 ends with CR LF (a Windows line ending); Prometheus reads lines ending in LF alone: convert the file (e.g. dos2unix)'));
  });

  it('out-of-order and repeated samples name the series and both lines, no internal ids', async () => {
    expect(await q('ooo.om', '# TYPE up gauge\nup{job="a"} 1 1015\nup{job="b"} 1 1000\nup{job="a"} 2 1000\n# EOF\n'))
      .toEqual(fails('ooo.om', ':4: up{job="a"}: the sample at 1000 s is not after the one on line 2 (at 1015 s): samples of a series must be in time order, each time once'));
    expect(await q('dup.dump', '{__name__="up", job="a"} 1 1000\n{__name__="up", job="a"} 2 1000\n'))
      .toEqual(fails('dup.dump', ':2: up{job="a"}: the sample at 1000 ms repeats the time of the one on line 1 (at 1000 ms): samples of a series must be in time order, each time once'));
    const t = put('t-ooo.yaml', TEMPLATE('result[0] > 0'));
    expect(await sim(['analyze', t, '--dataset', join(dir, 'ooo.om')])).toEqual(fails('ooo.om', ':4: up{job="a"}: the sample at 1000 s is not after the one on line 2 (at 1015 s): samples of a series must be in time order, each time once'));
  });

  it('text that is not UTF-8 is refused naming the line; absurd timestamps are refused', async () => {
    const bad = Buffer.concat([Buffer.from('# TYPE up gauge\nup{job="a'), Buffer.from([0xff]), Buffer.from('"} 1 1\n# EOF\n')]);
    expect(await q('latin1.om', bad)).toEqual({ code: 2, out: '', err: `error: cannot read ${join(dir, 'latin1.om')}: line 2 is not valid UTF-8, and Prometheus refuses text that is not: re-encode the file as UTF-8\n` });
    const range = ' is out of range (a dataset\'s times must lie within ±9007199254740991 ms of 1970, about 285 000 years)';
    expect(await q('far.om', '# TYPE up gauge\nup 1 1e300\n# EOF\n')).toEqual(fails('far.om', `:2: up: timestamp 1e300 s${range}`));
    expect(await q('far2.om', '# TYPE up gauge\nup 1 99999999999999\n# EOF\n')).toEqual(fails('far2.om', `:2: up: timestamp 99999999999999 s${range}`));
    expect(await q('far.dump', '{__name__="up"} 1 99999999999999999\n')).toEqual(fails('far.dump', `:1: up: timestamp 99999999999999999 ms${range}`));
  });
});
