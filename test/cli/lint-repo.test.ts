/**
 * `simulate lint` on a repository as people keep one: a Rollout and its AnalysisTemplates in
 * separate files, Argo features the simulator does not model, a Helm chart beside the manifests.
 */
import { describe, expect, it } from 'vitest';
import { helmLine } from '../../src/cli/lint-load.js';
import type { Finding } from '../../src/lint/types.js';
import { ROOT, sim } from './harness.js';

const SPLIT = 'test/fixtures/lint/split';
const inRoot = (args: string[]) => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  return sim(args, { CI: 'true' }).finally(() => process.chdir(cwd));
};
const rows = (out: string): string[] => (JSON.parse(out) as Finding[]).map((f) => `${f.file.slice(SPLIT.length + 1)}:${f.line}:${f.column} ${f.severity} ${f.rule}`);

describe('simulate lint: a repository', () => {
  it('resolves templateNames across the files linted; what resolves nowhere is an error finding', async () => {
    const r = await inRoot(['lint', SPLIT, '--output', 'json']);
    expect(r.code).toBe(3);
    expect(rows(r.out)).toEqual([
      'analysis.yaml:8:23 warning condition-unsafe-empty', // its ratio is NaN with no canary traffic
      'experiment.yaml:20:9 error setweight-not-increasing',
      'rollout.yaml:20:11 error arg-not-passed',
      'rollout.yaml:23:38 error template-not-found',
    ]);
    const found = JSON.parse(r.out) as Finding[];
    expect(found[2]?.message).toBe('AnalysisTemplate "latency" needs arg "service", which this analysis does not pass: Argo cannot resolve the argument, so the analysis never runs');
    expect(found[3]?.message).toBe('AnalysisTemplate "succes-rate" not found in any file linted: the Rollout cannot start this analysis (Argo marks it Degraded, InvalidSpec)');
    expect(found[3]?.suggestion).toBe('did you mean "success-rate"?');
  });

  it('the same Rollout linted alone: its templates are not found, and the fix says where they may be', async () => {
    const r = await inRoot(['lint', `${SPLIT}/rollout.yaml`, '--output', 'json']);
    expect(r.code).toBe(3);
    const found = JSON.parse(r.out) as Finding[];
    expect(found.map((f) => `${f.line} ${f.rule}`)).toEqual(['16 template-not-found', '20 template-not-found', '23 template-not-found']);
    expect(found[0]?.suggestion).toBe('add an AnalysisTemplate document named "success-rate" to a file linted with this one');
  });

  it('lints a Rollout with an experiment step as it is; the experiment\'s analyses count as analysis', async () => {
    const r = await inRoot(['lint', `${SPLIT}/experiment.yaml`]);
    expect(r.code).toBe(3);
    expect(r.err).toBe('');
    expect(r.out).toContain('setWeight 40 at step 3 is not above setWeight 60 at step 2');
    expect(r.out).not.toContain('rollout-without-analysis');
  });

  it('an ALB pingPong canary is linted as it is (pingPong is simulated), with no note', async () => {
    const r = await inRoot(['lint', 'test/corpus/argo-e2e-alb-pingpong.yaml', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect((JSON.parse(r.out) as Finding[]).map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual(['78:5 rollout-without-analysis']);
  });

  it('skips a Helm chart: its templates with a note, Chart.yaml and values.yaml quietly', async () => {
    const r = await inRoot(['lint', `${SPLIT}/chart`]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`note: ${SPLIT}/chart/templates/rollout.yaml:4: a Helm chart template, not yet YAML: skipped (lint the rendered chart: helm template . | simulate lint -)\n`);
    expect(r.out).toBe('no findings in 3 files\n');
  });

  it('helmLine: Helm actions outside strings, never Argo placeholders inside them', () => {
    expect(helmLine('kind: Rollout\nmetadata:\n  name: {{ .Release.Name }}\n')).toBe(3);
    expect(helmLine('spec:\n{{- if .Values.canary }}\n')).toBe(2);
    expect(helmLine('query: "rate(x{service=\\"{{args.service}}\\"}[1m])"\nurl: "{{args.url}}"\n')).toBeUndefined();
  });

  it("the seed's three common mistakes, each caught in its shipped example (examples/mistakes/)", async () => {
    const r = await inRoot(['lint', 'examples/mistakes', '--output', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Finding[]).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      'examples/mistakes/1-deployment-behind-a-service.yaml:6:7 deployment-without-rollout',
      'examples/mistakes/2-rollout-without-analysis.yaml:15:5 rollout-without-analysis',
      'examples/mistakes/3-bluegreen-synthetic-only.yaml:16:5 bluegreen-synthetic-only',
    ]);
    expect((await inRoot(['lint', 'examples/mistakes', '--fail-on', 'warning'])).code).toBe(3);
  });

  it('--simulate confirms the detection-power figure by running the regression it names (a Scenario file only)', async () => {
    const r = await inRoot(['lint', 'scenarios/canary-tool-call-regression.yaml', '--simulate', '--seeds', '4', '--output', 'json']);
    expect(r.code).toBe(0); // notes never fail
    const simulated = (JSON.parse(r.out) as Finding[]).filter((f) => f.message.startsWith('simulated:'));
    expect(simulated.map((f) => `${f.severity} ${f.rule} ${f.line}:${f.column} ${f.message}`)).toEqual([
      'note detection-power 25:5 simulated: an error-rate regression on every request to the rate the first check catches 80 % of the time (0.5 % → 1.87 %) is caught in 2 of 4 seeds (95 % interval 15 %–85 %) by Rollout "agent"\'s whole rollout',
    ]);
    // Plain manifests have no traffic to simulate: nothing is added.
    expect((await inRoot(['lint', 'examples/mistakes', '--simulate'])).out).not.toContain('simulated:');
    expect((await inRoot(['lint', 'examples/mistakes', '--seeds', '3'])).err).toBe('error: --seeds goes with --simulate\n');
  });
});
