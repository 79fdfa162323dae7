/**
 * Bad command lines (DESIGN §2, §11): every wrong, missing or extra flag or argument is exit 2
 * with a message naming it — never ignored, never exit 1, never a JavaScript error text.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/cli/main.js';
import { listDirectory, readTextFile, type CliIO } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HAPPY = join(root, 'scenarios', 'canary-happy-path.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-flags-'));

async function sim(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: readTextFile, listDir: listDirectory, clock: () => 0, env: { CI: 'true' }, isTTY: false };
  const code = await dispatch(args, io);
  return { code, out, err };
}

/** Exit 2, the message on stderr, nothing on stdout, and no JavaScript internals. */
async function rejects(args: string[], message: string | RegExp): Promise<void> {
  const r = await sim(args);
  expect(r.err).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/TypeError|Cannot read|undefined|internal error|\n\s+at /);
}

describe('run and compare flags', () => {
  it.each([
    ['an extra argument', ['run', HAPPY, 'other.yaml'], /unexpected argument "other\.yaml".*one FILE/],
    ['an extra argument to compare', ['compare', HAPPY, 'x'], /unexpected argument "x"/],
    ['--speed abc in a pipe (it is checked even when the live view is off)', ['run', HAPPY, '--speed', 'abc'], /--speed must be a positive number.*"abc"/],
    ['--seed with an empty value', ['run', HAPPY, '--seed', ''], /--seed must be an integer.*""/],
    ['--seed with blanks', ['run', HAPPY, '--seed', ' '], /--seed must be an integer/],
    ['--seed in hex', ['run', HAPPY, '--seed', '0x10'], /--seed must be an integer.*"0x10"/],
    ['--seed in exponent form', ['run', HAPPY, '--seed', '1e3'], /--seed must be an integer.*"1e3"/],
    ['--seed -1 (a negative number, not a flag)', ['run', HAPPY, '--seed', '-1'], /--seed must be an integer 0…4294967295 \(got "-1"\)/],
    ['--until -5m (a negative duration, not a flag)', ['run', HAPPY, '--until', '-5m'], /--until must be a duration .*\(got "-5m"\)/],
    ['--until past the scenario\'s duration', ['run', HAPPY, '--until', '2h'], /--until 2h is after the scenario ends \(spec\.duration 30m0s\)/],
    ['--until past the duration in compare', ['compare', HAPPY, '--until', '31m'], /--until 31m is after the scenario ends/],
  ])('%s', async (_name, args, message) => {
    await rejects(args, message);
  });

  it('a flag misspelt never suggests itself', async () => {
    const r = await sim(['run', HAPPY, '--no-color=yes']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('did you mean --no-color');
  });

  it('--until equal to the duration, and a value after "=" starting with a digit, still run', async () => {
    expect((await sim(['run', HAPPY, '--until', '30m', '--output', 'json'])).code).toBe(0);
    expect((await sim(['run', HAPPY, '--until=10m', '--seed=3', '--output', 'json'])).code).toBe(0);
  });
});

describe('files that are not files', () => {
  it('query and analyze refuse a device or a directory at once (reading /dev/zero never ends)', async () => {
    await rejects(['query', '/dev/zero', 'up'], /cannot read \/dev\/zero: not a regular file/);
    await rejects(['analyze', '/dev/zero', '--result', '1'], /cannot read \/dev\/zero: not a regular file/);
    await rejects(['query', tmp, 'up'], /cannot read .*: a directory, not a file/);
  });
});

describe('list', () => {
  it('refuses arguments and unknown flags, and has --help', async () => {
    await rejects(['list', 'extra'], /unexpected argument "extra"/);
    await rejects(['list', '--bogus'], /Unknown option '--bogus'/);
    const h = await sim(['list', '--help']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: simulate list/);
  });
});

describe('analyze flags', () => {
  const template = join(tmp, 'template.yaml');
  writeFileSync(template, [
    'apiVersion: argoproj.io/v1alpha1', 'kind: AnalysisTemplate', 'metadata: {name: error-rate}', 'spec:',
    '  args: [{name: hash}, {name: threshold, value: "0.015"}]', '  metrics:', '  - name: error-rate', '    successCondition: result[0] < 0.015',
    '    interval: 1m', '    count: 2',
    '    provider:', '      prometheus:',
    '        query: sum(rate(http_requests_total{rollouts_pod_template_hash="{{args.hash}}",code="500"}[5m]))',
  ].join('\n'));
  const om = join(tmp, 'data.om');
  writeFileSync(om, '# TYPE http_requests_total counter\nhttp_requests_total{rollouts_pod_template_hash="x",code="500"} 1 0\nhttp_requests_total{rollouts_pod_template_hash="x",code="500"} 5 600\n# EOF\n');

  it.each([
    ['--from after --to', ['analyze', template, '--dataset', om, '--args', 'hash=x', '--from', '100', '--to', '10'], /--from \(100\) is after --to \(10\)/],
    ['--from with --result', ['analyze', template, '--result', '0.5', '--args', 'hash=x', '--from', '100'], /--from and --to go with --dataset/],
    ['an arg the template does not declare', ['analyze', template, '--result', '[0.5]', '--args', 'hash=x', '--args', 'treshold=1'], /--args treshold: AnalysisTemplate "error-rate" has no arg "treshold" \(did you mean "threshold"\?\)/],
    ['an extra argument', ['analyze', template, 'extra', '--result', '0.5', '--args', 'hash=x'], /unexpected argument "extra"/],
  ])('%s', async (_name, args, message) => {
    await rejects(args, message);
  });
});
