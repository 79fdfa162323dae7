/**
 * `simulate lint PATH…`: the common mistakes of a GitOps repo's manifests, found statically.
 *
 *   simulate lint k8s/                      every *.yaml/*.yml below k8s/, file by file
 *   helm template . | simulate lint -       stdin
 *   simulate lint app.yaml --output sarif   for GitHub code scanning
 *
 * Each file is linted on its own (its positions stay its own), its templateNames resolved against
 * every file given (lint-load.ts); plain manifests need no Scenario (the loader's defaultScenario);
 * a file with no Rollout, Deployment or AnalysisTemplate is skipped quietly, and so are Argo
 * features the simulator does not model (with a note). Exit: 0 clean, 3 a finding at or above
 * --fail-on, 2 unreadable input or a bad flag.
 */
import { join } from 'node:path';
import { uniqueFindings, type Finding } from '../../lint/types.js';
import { formatLoadError } from '../../scenario/errors.js';
import type { Source } from '../../scenario/index.js';
import { parseFlags } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK, UsageError, isDirectory, type CliIO } from '../io.js';
import { formatJson, formatSarif, formatText } from '../lint-format.js';
import { lintFile, templateIndex } from '../lint-load.js';
import { applySuppressions } from '../lint-suppress.js';
import { packageVersion } from '../package.js';

const USAGE = `usage: simulate lint PATH… [--output text|json|sarif] [--fail-on error|warning|never] [--simulate [--seeds N]]

  PATH       a manifest file, a folder (every *.yaml/*.yml below it, sorted) or - for stdin
             (helm template . | simulate lint -); no Scenario document is needed
  --output   text (grouped by file, default), json (an array of findings) or sarif (SARIF 2.1.0)
  --fail-on  the least severity that fails: error (default), warning, or never
  exit code  0 clean, 3 a finding at or above --fail-on, 2 unreadable input or a bad flag
  --simulate for a file with a Scenario, confirm each Rollout's detection-power figure by running
             it with a regression of that size on N seeds (--seeds, default 20)
  suppress   # rollout-sim-lint: disable=RULE-ID reason: why   (on the finding's line or above)`;

const OUTPUTS = ['text', 'json', 'sarif'];
const FAIL_ON = ['error', 'warning', 'never'];
const STDIN = '<stdin>';

export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    output: { type: 'string' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' },
    simulate: { type: 'boolean' }, seeds: { type: 'string' },
  }, USAGE);
  if (values.help === true) {
    io.stdout(USAGE + '\n');
    return EXIT_OK;
  }
  const output = values.output ?? 'text';
  if (!OUTPUTS.includes(output)) throw new UsageError(`--output must be text, json or sarif (got "${output}")`);
  const failOn = values['fail-on'] ?? 'error';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be error, warning or never (got "${failOn}")`);
  if (positionals.length === 0) throw new UsageError(`expected at least one PATH (a file, a folder or -)\n\n${USAGE}`);
  if (values.seeds !== undefined && values.simulate !== true) throw new UsageError('--seeds goes with --simulate');
  const seeds = values.seeds === undefined ? 20 : /^\d+$/.test(values.seeds) && Number(values.seeds) >= 1 && Number(values.seeds) <= 1000 ? Number(values.seeds) : NaN;
  if (Number.isNaN(seeds)) throw new UsageError(`--seeds must be a whole number 1…1000 (got "${values.seeds ?? ''}")`);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) may be given once');

  const files = positionals.flatMap((p) => (p === '-' ? [STDIN] : expand(p, io)));
  const sources: Source[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      sources.push({ file, text: file === STDIN ? readStdin(io) : io.readFile(file) });
    } catch (e) {
      io.stderr(`error: ${file}: cannot read: ${(e as Error).message}\n`);
      unreadable = true;
    }
  }
  // Every file is linted on its own, its templateNames resolved against all of them; a template
  // lent to several files' Rollouts is reported once.
  const index = templateIndex(sources);
  const found: Finding[] = [];
  for (const src of sources) {
    const r = lintFile(src, index);
    for (const n of r.notes) io.stderr(`note: ${n}\n`);
    if (!r.ok) {
      for (const e of r.errors) io.stderr(`error: ${formatLoadError(e)}\n`);
      unreadable = true;
      continue;
    }
    for (const f of r.findings) found.push(f);
    if (values.simulate === true && r.simulated !== undefined) {
      const { confirmPower } = await import('../lint-simulate.js');
      for (const f of confirmPower(r.simulated, seeds)) found.push(f);
    }
  }
  const findings: Finding[] = [];
  let suppressed = 0;
  for (const src of sources) {
    const s = applySuppressions(uniqueFindings(found.filter((f) => f.file === src.file)), src.text);
    // In the order a reader meets them in the file (the rules run in groups, not by line).
    for (const f of [...s.kept].sort((a, b) => a.line - b.line || a.column - b.column)) findings.push(f);
    suppressed += s.suppressed;
    for (const n of s.notes) io.stderr(`note: ${n}\n`);
  }
  const report = { files, findings, suppressed };
  io.stdout(output === 'json' ? formatJson(report) : output === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report));
  if (unreadable) return EXIT_BAD_INPUT;
  return exitFor(findings, failOn as FailOn);
}

export type FailOn = 'error' | 'warning' | 'never';

/**
 * 3 when a finding is at or above --fail-on, else 0.
 * Example: exitFor([a warning], 'error') === 0; exitFor([a warning], 'warning') === 3; exitFor([an error], 'never') === 0;
 * exitFor([a note], 'warning') === 0 (a note is a figure, not a mistake).
 */
export function exitFor(findings: readonly Finding[], failOn: FailOn): number {
  const failing = findings.some((f) => (failOn === 'warning' && f.severity !== 'note') || (failOn === 'error' && f.severity === 'error'));
  return failing ? EXIT_CHECK_FAILED : EXIT_OK;
}

function readStdin(io: CliIO): string {
  if (io.readStdin === undefined) throw new Error('no standard input here');
  return io.readStdin();
}

/**
 * A PATH's files: itself, or for a folder every *.yaml/*.yml below it, sorted by name at each level
 * (the same order on every machine); dot-folders (.git, .github) are not entered.
 * Example: expand('k8s', io) → ['k8s/app/rollout.yaml', 'k8s/app/template.yml', 'k8s/base.yaml'].
 */
export function expand(path: string, io: CliIO): string[] {
  let names: string[];
  try {
    names = io.listDir(path);
  } catch {
    return [path]; // not a folder: a file (or a missing path, reported when read)
  }
  const out: string[] = [];
  for (const name of [...names].sort()) {
    const child = join(path, name);
    if (isDirectory(io, child)) {
      if (!name.startsWith('.')) for (const f of expand(child, io)) out.push(f);
    } else if (/\.ya?ml$/i.test(name)) out.push(child);
  }
  return out;
}
