/**
 * `simulate lint`: inputs (files, a folder, stdin), outputs (text, json, SARIF valid against the
 * vendored 2.1.0 schema), exit codes and inline suppression, driven through the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitFor } from '../../src/cli/commands/lint.js';
import type { Finding } from '../../src/lint/types.js';
import { validate, type J } from '../helpers/json-schema.js';
import { ROOT, sim } from './harness.js';

const FIX = 'test/fixtures/lint';
const REPO = `${FIX}/repo`;
const ROLLOUT = `${REPO}/apps/web/rollout.yaml`;
const PAUSED = `${REPO}/paused.yml`;
const inRoot = (args: string[], stdin?: string) => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  return sim(args, { CI: 'true' }, stdin).finally(() => process.chdir(cwd));
};

describe('simulate lint: inputs', () => {
  it('lints plain manifests (no Scenario) file by file, grouped, with the fix and a count line', async () => {
    const r = await inRoot(['lint', PAUSED, ROLLOUT]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0); // warnings only, --fail-on error
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`${PAUSED}:12:5: warning rollout-without-analysis: Rollout "app" has no analysis: nothing measures the release, so a bad version is promoted unless someone aborts it by hand`);
    expect(lines[2]).toBe(`${PAUSED}:15:9: warning pause-without-operator: Rollout "app" pauses indefinitely at step 1 (pause: {}): every release waits here until someone runs kubectl argo rollouts promote, and nothing in the manifests says who`);
    // Plain manifests have no Scenario to add an operator to: the fix is the manifests' own.
    expect(lines[3]).toBe('    fix: give the pause a duration (pause: {duration: 10m}) if it is a soak, or record the manual gate where it is written: # rollout-sim-lint: disable=pause-without-operator reason: who promotes it, and when');
    expect(lines[4]).toBe('');
    expect(lines[5]).toBe(`${ROLLOUT}:24:5: warning no-initial-delay: background metric "err" has no initialDelay: Argo measures it as soon as the update starts, while the canary pods are still starting, so the first measurements see no canary traffic`);
    expect(lines[7]).toBe(`${ROLLOUT}:26:23: warning condition-unknown-name: successCondition of metric "err" names "reslt", which Argo's condition environment does not have: every measurement will be an Error`);
    expect(lines[8]).toMatch(/^ {4}fix: did you mean "result"\?/);
    expect(lines.slice(11)).toEqual(['', '5 findings (0 errors, 5 warnings) in 2 files', '']);
  });

  it('a folder: every *.yaml/*.yml below it, sorted, dot-folders skipped, other kinds ignored quietly', async () => {
    const r = await inRoot(['lint', REPO, '--output', 'json']);
    expect(r.err).toBe(''); // .github/broken.yaml is not read; the ConfigMap/Certificate file is no error
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Finding[];
    expect(rows.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      `${join(REPO, 'apps/web/rollout.yaml')}:24 no-initial-delay`,
      `${join(REPO, 'apps/web/rollout.yaml')}:26 condition-unknown-name`,
      `${join(REPO, 'apps/web/rollout.yaml')}:30 query-no-canary-selector`,
      `${join(REPO, 'paused.yml')}:12 rollout-without-analysis`,
      `${join(REPO, 'paused.yml')}:15 pause-without-operator`,
    ]);
    const text = await inRoot(['lint', REPO]);
    expect(text.out.trim().split('\n').at(-1)).toBe('5 findings (0 errors, 5 warnings) in 3 files');
  });

  it('stdin (-): helm template . | simulate lint -', async () => {
    const r = await inRoot(['lint', '-', '--output', 'json'], readFileSync(join(ROOT, PAUSED), 'utf8'));
    const rows = (JSON.parse(r.out) as Finding[]).filter((f) => f.rule === 'pause-without-operator');
    expect(rows).toEqual([{
      file: '<stdin>', line: 15, column: 9, severity: 'warning', rule: 'pause-without-operator',
      message: 'Rollout "app" pauses indefinitely at step 1 (pause: {}): every release waits here until someone runs kubectl argo rollouts promote, and nothing in the manifests says who',
      path: 'spec.strategy.canary.steps[1].pause',
      suggestion: 'give the pause a duration (pause: {duration: 10m}) if it is a soak, or record the manual gate where it is written: # rollout-sim-lint: disable=pause-without-operator reason: who promotes it, and when',
    }]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message', 'path', 'suggestion']);
  });
});

describe('simulate lint: exit codes', () => {
  it('2 for unreadable input (the load error printed), the readable files still reported', async () => {
    const r = await inRoot(['lint', `${FIX}/broken.yaml`, PAUSED]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${FIX}/broken.yaml:5:13: spec.replicas: unclosed "[": this list has no closing "]" (end the list with "]")\n`);
    expect(r.out).toContain('pause-without-operator');
    expect((await inRoot(['lint', `${FIX}/missing.yaml`])).code).toBe(2);
  });

  it('2 for bad flags or no PATH', async () => {
    expect(await inRoot(['lint', PAUSED, '--output', 'xml'])).toMatchObject({ code: 2, err: 'error: --output must be text, json or sarif (got "xml")\n' });
    expect(await inRoot(['lint', PAUSED, '--fail-on', 'info'])).toMatchObject({ code: 2, err: 'error: --fail-on must be error, warning or never (got "info")\n' });
    expect((await inRoot(['lint'])).err).toMatch(/^error: expected at least one PATH/);
    expect((await inRoot(['lint', PAUSED, '--fail-onn', 'x'])).err).toMatch(/did you mean --fail-on\?/);
  });

  it('3 when a finding is at or above --fail-on; never fails on nothing', async () => {
    expect((await inRoot(['lint', PAUSED, '--fail-on', 'warning'])).code).toBe(3);
    expect((await inRoot(['lint', PAUSED, '--fail-on', 'never'])).code).toBe(0);
    expect((await inRoot(['lint', `${REPO}/apps/config.yaml`, '--fail-on', 'warning'])).code).toBe(0);
    const warn = { severity: 'warning' } as Finding;
    const err = { severity: 'error' } as Finding;
    expect([exitFor([warn], 'error'), exitFor([err], 'error'), exitFor([warn], 'warning'), exitFor([err], 'never'), exitFor([], 'warning')]).toEqual([0, 3, 3, 0, 0]);
  });
});

describe('simulate lint: SARIF 2.1.0', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8')) as J;

  it('validates against the vendored schema and says where each finding is', async () => {
    const r = await inRoot(['lint', REPO, '--output', 'sarif']);
    const sarif = JSON.parse(r.out) as J;
    expect(validate(schema, sarif, schema)).toEqual([]);
    const run = (sarif.runs as J[])[0] as J;
    const driver = (run.tool as J).driver as J;
    expect(driver.name).toBe('rollout-sim');
    expect((driver.rules as J[]).map((x) => x.id)).toEqual(['condition-unknown-name', 'no-initial-delay', 'pause-without-operator', 'query-no-canary-selector', 'rollout-without-analysis']);
    expect((driver.rules as J[])[2]).toEqual({ id: 'pause-without-operator', shortDescription: { text: 'An indefinite pause with nothing documented to resume it' } });
    const results = run.results as J[];
    expect(results.map((x) => [x.ruleId, x.ruleIndex, x.level])).toEqual([
      ['no-initial-delay', 1, 'warning'], ['condition-unknown-name', 0, 'warning'], ['query-no-canary-selector', 3, 'warning'],
      ['rollout-without-analysis', 4, 'warning'], ['pause-without-operator', 2, 'warning'],
    ]);
    expect(results[4]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: PAUSED }, region: { startLine: 15, startColumn: 9 } } }]);
    expect(((results[4] as J).message as J).text).toMatch(/^Rollout "app" pauses indefinitely .*\. Fix: give the pause a duration/);
  });

  it('the validator rejects what the schema forbids (so the check above can fail)', () => {
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] };
    expect(validate(schema, bad, schema)).toEqual(['.runs[0].results[0].level: not in enum']);
    expect(validate(schema, { version: '2.1.0', runs: [{ tool: { driver: {} } }] }, schema)).toEqual(['.runs[0].tool.driver: missing name']);
  });

  it('a clean run is a valid SARIF log with no results', async () => {
    const r = await inRoot(['lint', `${REPO}/apps/config.yaml`, '--output', 'sarif']);
    const sarif = JSON.parse(r.out) as J;
    expect(validate(schema, sarif, schema)).toEqual([]);
    expect(((sarif.runs as J[])[0] as J).results).toEqual([]);
  });
});
