/**
 * The command line a newcomer meets: files the CLI writes, built-in scenarios by name, `simulate
 * PATH`, --version and help, and one shape for every bad-input message (`error: …`, exit 2).
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioArg } from '../../src/cli/package.js';
import { ROOT, scenarioPath, sim } from './harness.js';

const HAPPY = scenarioPath('canary-happy-path.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-commands-'));

/** Exit 2, one `error: ` line first, nothing on stdout, no stack. */
function expectBadInput(r: { code: number; out: string; err: string }, message: RegExp): void {
  expect(r.err).toMatch(/^error: /);
  expect(r.err).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
}

describe('files the CLI writes are checked before the simulation', () => {
  it('--export-metrics into a missing directory is exit 2 before any timeline', async () => {
    const r = await sim(['run', HAPPY, '--export-metrics', '/nonexistent/x.om']);
    expectBadInput(r, /^error: --export-metrics \/nonexistent\/x\.om: no such directory \/nonexistent$/m);
  });

  it('--export-metrics naming a directory is exit 2', async () => {
    expectBadInput(await sim(['run', HAPPY, '--export-metrics', tmp]), /--export-metrics .*: a directory, not a file/);
  });

  it('--export-metrics under a path that is a file is exit 2', async () => {
    const file = join(tmp, 'plain.txt');
    writeFileSync(file, 'x');
    expectBadInput(await sim(['run', HAPPY, '--export-metrics', join(file, 'x.om')]), /--export-metrics .*plain\.txt\/x\.om: .*not a directory/);
  });

  it('a writable target still gets the export, and stderr says what was written', async () => {
    const out = join(tmp, 'ok.om');
    const r = await sim(['run', HAPPY, '--until', '2m', '--output', 'json', '--export-metrics', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/# EOF\n$/);
    const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
    expect(r.err).toMatch(new RegExp(`^exported \\d+ series, \\d+ samples from t = 0 \\(${mb.replace('.', '\\.')} MB\\) to .*ok\\.om\\n$`));
  });
});

describe('built-in scenarios by name, from anywhere', () => {
  it('resolves NAME and NAME.yaml in the package when no such file is here; a real file wins', () => {
    const exists = (p: string): boolean => p === 'mine.yaml' || p.startsWith('/pkg/scenarios/canary-happy-path.yaml');
    expect(resolveScenarioArg('canary-happy-path', '/pkg/', exists)).toBe('/pkg/scenarios/canary-happy-path.yaml');
    expect(resolveScenarioArg('canary-happy-path.yaml', '/pkg/', exists)).toBe('/pkg/scenarios/canary-happy-path.yaml');
    expect(resolveScenarioArg('mine.yaml', '/pkg/', exists)).toBe('mine.yaml');
    expect(resolveScenarioArg('sub/canary-happy-path.yaml', '/pkg/', exists)).toBe('sub/canary-happy-path.yaml');
    expect(resolveScenarioArg('nothing', '/pkg/', exists)).toBe('nothing');
  });

  it('simulate run NAME, run NAME.yaml, compare NAME and simulate NAME.yaml all run the built-in', async () => {
    for (const args of [['run', 'canary-happy-path'], ['run', 'canary-happy-path.yaml'], ['canary-happy-path.yaml']]) {
      const r = await sim([...args, '--output', 'json']);
      expect(r.err, args.join(' ')).toBe('');
      expect(JSON.parse(r.out)).toMatchObject({ outcome: 'promoted' });
    }
    const c = await sim(['compare', 'flagship', '--until', '2m', '--output', 'json']);
    expect(c.err).toBe('');
    expect((JSON.parse(c.out) as { scenario: string }).scenario).toBe('flagship');
  });

  it('a file of that name in the working directory wins over the built-in', async () => {
    writeFileSync(join(tmp, 'canary-happy-path.yaml'), readFileSync(HAPPY, 'utf8').replace(/description: .*/, 'description: "my own copy"'));
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const r = await sim(['run', 'canary-happy-path.yaml', '--until', '1m']);
      expect(r.out).toContain('my own copy');
    } finally {
      process.chdir(cwd);
    }
  });

  it('a misspelt name is exit 2 with the built-in it probably means', async () => {
    expectBadInput(await sim(['run', 'canary-hapy-path']), /canary-hapy-path: no such file, nor a built-in scenario \(did you mean "canary-happy-path"\?/);
  });

  it('list prints commands that work from any directory, and marks the benchmark', async () => {
    const r = await sim(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/simulate compare flagship\s+Tool calls fail 6 % of the time/);
    expect(r.out).toMatch(/simulate run canary-happy-path\s+A healthy release/);
    expect(r.out).toMatch(/simulate run bench-w1\s+\(benchmark workload, npm run bench\) W1/);
    expect(r.out).not.toContain('scenarios/');
    expect(r.out).not.toContain('does not load');
  });
});

describe('simulate PATH is simulate run PATH', () => {
  it('for a directory of YAML files too', async () => {
    const dir = join(tmp, 'split');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'all.yaml'), readFileSync(HAPPY, 'utf8'));
    const r = await sim([dir, '--output', 'json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'promoted' });
  });
});

describe('--version and help', () => {
  it('--version prints the package version, exit 0', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await sim(['--version'])).toEqual({ code: 0, out: `rollout-sim ${version}\n`, err: '' });
  });

  it('simulate help COMMAND is simulate COMMAND --help', async () => {
    for (const c of ['run', 'compare', 'query', 'analyze', 'list']) {
      const viaHelp = await sim(['help', c]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toBe((await sim([c, '--help'])).out);
    }
    expectBadInput(await sim(['help', 'rnu']), /unknown command "rnu" \(did you mean "run"\?\)/);
  });

  it('every command accepts --no-color, as the general help says', async () => {
    const help = (await sim(['--help'])).out;
    expect(help).toContain('--no-color');
    expect(help).toContain('--version');
    const om = join(tmp, 'tiny.om');
    writeFileSync(om, '# TYPE up gauge\nup 1 15\n# EOF\n');
    const template = join(tmp, 'nc-template.yaml');
    writeFileSync(template, 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: t}\nspec:\n  metrics:\n  - name: m\n    successCondition: result[0] > 0\n    provider: {prometheus: {query: up}}\n');
    expect((await sim(['list', '--no-color'])).code).toBe(0);
    expect((await sim(['query', om, 'up', '--no-color'])).code).toBe(0);
    expect((await sim(['analyze', template, '--result', '[1]', '--no-color'])).code).toBe(0);
  });

  it('query --help gives times the way exports are stamped: seconds of simulated time', async () => {
    const h = (await sim(['query', '--help'])).out;
    expect(h).toContain('--time 300');
    expect(h).toContain('seconds of simulated time');
    expect(h).not.toContain('1767229200');
  });
});

describe('every exit-2 message starts with "error: "', () => {
  const om = join(tmp, 'e.om');
  writeFileSync(om, '# TYPE up gauge\nup 1 15\n# EOF\n');
  it.each([
    [['run', HAPPY, '--seed', 'x'], /--seed must be an integer/],
    [['run', HAPPY, '--sed', '1'], /Unknown option '--sed'.*did you mean --seed/],
    [['run', HAPPY, '--output', 'yaml'], /--output must be one of/],
    [['run', 'missing.yaml'], /missing\.yaml/],
    [['compare', HAPPY, '--strategies', ''], /--strategies needs at least one name/],
    [['query', om, 'sum(up'], /^error: bad_data: .*unclosed left parenthesis/],
    [['query', om], /expected DATASET and PROMQL/],
    [['query', om, 'up', '--time', 'noon'], /cannot parse "noon"/],
    [['list', 'extra'], /unexpected argument "extra"/],
    [['rnu'], /unknown command "rnu"/],
    [['analyze', om], /give exactly one of --dataset or --result/],
  ])('%j', async (args, message) => {
    expectBadInput(await sim(args), message);
  });
});
