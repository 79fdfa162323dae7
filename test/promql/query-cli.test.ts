/**
 * `simulate query` as ../shared/checks/check_promql_oracle.py drives it: `--output json` prints the API's
 * `data` on one line; errors exit 2 with a message on stderr.
 */
import { readFileSync } from 'node:fs';
import { ORACLES, readOracle } from '../helpers/oracles.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiTime, runQuery } from '../../src/cli/commands/query.js';
import type { CliIO } from '../../src/cli/io.js';

const ORACLE = path.join(ORACLES, 'promql');

function fakeIO(files: Record<string, string>): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err, env: {}, isTTY: false, clock: () => 0,
    listDir: () => [],
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error(`ENOENT: no such file ${p}`);
      return t;
    },
  };
}

const SMALL = [
  '# TYPE up unknown',
  'up{job="a"} 1 1767225600',
  'up{job="a"} 0 1767225615',
  'up{job="b"} 1 1767225615',
  '# EOF',
  '',
].join('\n');

describe('simulate query', () => {
  it('prints the API data as one JSON line', async () => {
    const io = fakeIO({ 'd.om': SMALL });
    const code = await runQuery(['d.om', 'sum(up)', '--time', '1767225615', '--output', 'json'], io);
    expect(code).toBe(0);
    expect(io.out.join('')).toBe('{"resultType":"vector","result":[{"metric":{},"value":[1767225615,"1"]}]}\n');
  });

  it('defaults --time to the last sample and prints a table', async () => {
    const io = fakeIO({ 'd.om': SMALL });
    expect(await runQuery(['d.om', 'up'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('up{job="a"}');
    expect(text).toContain('(2 series @ 1767225615)');
  });

  it('keeps a query starting with "-" as the query', async () => {
    const io = fakeIO({ 'd.om': SMALL });
    expect(await runQuery(['d.om', '-2 ^ 2', '--output=json', '--time', '1767225615'], io)).toBe(0);
    expect(io.out.join('')).toBe('{"resultType":"scalar","result":[1767225615,"-4"]}\n');
  });

  it('accepts a promtool dump and RFC 3339 times', async () => {
    const dump = '{__name__="up", job="a"} 1 1767225600000\n{__name__="up", job="a"} 2 1767225615000\n';
    const io = fakeIO({ 'd.txt': dump });
    expect(await runQuery(['d.txt', 'up', '--time', '2026-01-01T00:00:10Z', '--output', 'json'], io)).toBe(0);
    expect(io.out.join('')).toContain('"value":[1767225610,"1"]');
  });

  it.each([
    [['d.om'], 'expected DATASET and PROMQL'],
    [['missing.om', 'up'], 'cannot read missing.om'],
    [['d.om', 'sum(up', '--time', '0'], 'unclosed left parenthesis'],
    [['d.om', 'up', '--time', 'yesterday'], 'cannot parse "yesterday"'],
    [['d.om', 'up', '--output', 'yaml'], '--output must be text or json'],
    [['d.om', 'up', '--colour'], "Unknown option '--colour'"],
  ])('rejects %j with exit 2', async (argv, message) => {
    const io = fakeIO({ 'd.om': SMALL });
    expect(await runQuery(argv, io)).toBe(2);
    expect(io.err.join('')).toContain(message);
    expect(io.out).toEqual([]);
  });

  it('reports a dataset error with its line', async () => {
    const io = fakeIO({ 'bad.om': 'up{job="a"} x 1\n# EOF\n' });
    expect(await runQuery(['bad.om', 'up'], io)).toBe(2);
    expect(io.err.join('')).toContain('bad.om:1: invalid value "x"');
  });

  it('parses API times like Prometheus', () => {
    expect(parseApiTime('1767229199.999')).toBe(1767229199999);
    expect(parseApiTime('1767229200.5')).toBe(1767229200500);
    expect(parseApiTime('-60')).toBe(-60000);
    expect(parseApiTime('2026-01-01T01:00:00.250+01:00')).toBe(1767225600250);
    expect(parseApiTime('nope')).toBeNull();
  });

  it('answers oracle cases through the CLI', async () => {
    const files = { 'dataset.om': readOracle('promql/dataset.om') };
    const cases = readFileSync(path.join(ORACLE, 'cases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const picked = cases.filter((_c: unknown, i: number) => i % 25 === 0);
    for (const c of picked) {
      const io = fakeIO(files);
      const code = await runQuery(['dataset.om', c.query, '--time', String(c.time), '--output', 'json'], io);
      if (c.error !== undefined) {
        expect(code, c.id).toBe(2);
        continue;
      }
      expect(code, `${c.id}: ${io.err.join('')}`).toBe(0);
      const got = JSON.parse(io.out.join(''));
      expect(got.resultType, c.id).toBe(c.resultType);
      expect(got.result.length, c.id).toBe(c.result.length);
    }
  });
});
