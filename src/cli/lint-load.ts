/**
 * How `simulate lint` reads one file of a repository, where `run` would refuse it:
 * - a templateName defined in another file linted with it resolves there (the library);
 * - a reference that resolves nowhere (a templateName, an arg) is a finding, not a load error;
 * - a valid Argo feature the simulator does not model is set aside with a note, and the rest of
 *   the file is linted;
 * - an unrendered Helm template is skipped with a note (lint the rendered chart instead).
 * Anything else wrong with the file (bad YAML, a misspelled field) stays an error: exit 2.
 */
import { lintFull } from '../lint/full.js';
import type { Scenario } from '../model/scenario.js';
import { error, type Finding } from '../lint/types.js';
import { definedTemplates } from '../scenario/library.js';
import { loadScenarioSources, type LoadResult } from '../scenario/load.js';
import type { Prune } from '../scenario/prune.js';
import type { Unresolved } from '../scenario/refs.js';
import { HELM_TEMPLATE } from '../scenario/yaml-syntax.js';
import type { LoadError, Source } from '../scenario/index.js';

/** `simulated`: the loaded scenario of a file with a Scenario document (lint --simulate runs it). */
export type FileLint =
  | { readonly ok: true; readonly findings: Finding[]; readonly notes: string[]; readonly simulated?: Scenario }
  | { readonly ok: false; readonly errors: LoadError[]; readonly notes: string[] };

/** Each unsupported feature costs one round; no real manifest has more than a handful. */
const MAX_ROUNDS = 16;

/**
 * The templates each file defines, `kind/name` → the files defining it (first file first).
 * Example: {'AnalysisTemplate/success-rate' → ['k8s/analysis.yaml']}.
 */
export function templateIndex(sources: readonly Source[]): Map<string, Source[]> {
  const index = new Map<string, Source[]>();
  for (const src of sources) {
    for (const key of definedTemplates(src)) index.set(key, [...(index.get(key) ?? []), src]);
  }
  return index;
}

/** Lints one file, its templateNames resolved against the others (`index`). */
export function lintFile(src: Source, index: ReadonlyMap<string, readonly Source[]>): FileLint {
  const prune: Prune[] = [];
  const library: Source[] = [];
  const notes: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r: LoadResult = loadScenarioSources([src], { defaultScenario: true, prune, library });
    if (!r.ok) {
      const helm = r.errors.find((e) => e.message === HELM_TEMPLATE)?.line ?? helmLine(src.text);
      if (helm !== undefined) return { ok: true, findings: [], notes: [`${src.file}:${helm}: a Helm chart template, not yet YAML: skipped (lint the rendered chart: helm template . | simulate lint -)`] };
      const asides = r.errors.filter(isNotSimulated).filter((e) => !prune.some((p) => p.file === e.file && p.line === e.line && p.path === e.path));
      if (asides.length === 0 || asides.length < r.errors.filter(isNotSimulated).length || r.errors.some((e) => !isNotSimulated(e))) {
        return { ok: false, errors: r.errors, notes };
      }
      for (const e of asides) {
        prune.push({ file: e.file, line: e.line, path: e.path });
        notes.push(`${e.file}:${e.line}:${e.column}: ${e.path}: ${e.message}: linted without it`);
      }
      continue;
    }
    const lend = lenders(r.unresolved, index, src, library);
    if (lend.length > 0) {
      for (const s of lend) library.push(s);
      continue;
    }
    const plain = !/^kind:\s*["']?Scenario["']?\s*(#.*)?$/m.test(src.text);
    // Experiment steps are simulated: src/lint/analyses.ts counts their analyses.
    const findings = [...lintFull(r.scenario, { traffic: !plain }), ...r.unresolved.map(unresolvedFinding)]
      .map((f) => (plain ? forPlainManifests(f) : f));
    // The loader's own notes (a default rps, a router ignored) are about simulating, not linting.
    return { ok: true, findings, notes, ...(plain ? {} : { simulated: r.scenario }) };
  }
  return { ok: false, errors: [{ file: src.file, line: 1, column: 1, path: '', message: `more than ${MAX_ROUNDS} unsimulated features to set aside` }], notes };
}

/**
 * In plain manifests there is no Scenario to add an operator to: a manual gate is a person's job,
 * and what lint asks is that the repository say so.
 */
function forPlainManifests(f: Finding): Finding {
  const gate = 'record the manual gate where it is written: # rollout-sim-lint: disable=' + f.rule + ' reason: who promotes it, and when';
  if (f.rule === 'pause-without-operator') {
    return { ...f, message: f.message.replace(/ and no spec\.operator action promotes it: the run will end incomplete$/, ': every release waits here until someone runs kubectl argo rollouts promote, and nothing in the manifests says who'), suggestion: `give the pause a duration (pause: {duration: 10m}) if it is a soak, or ${gate}` };
  }
  if (f.rule === 'promotion-without-operator') {
    return { ...f, message: f.message.replace(/ and no spec\.operator action promotes it: the run will end incomplete$/, ': every release waits for kubectl argo rollouts promote, and nothing in the manifests says who runs it'), suggestion: `set autoPromotionEnabled: true (or autoPromotionSeconds) if nobody reviews the preview, or ${gate}` };
  }
  return f;
}

/**
 * The first line where a file that failed to load shows Helm's `{{ … }}` outside a string: some
 * templates are still YAML (`name: {{ .Release.Name }}` is a flow mapping), just not manifests.
 * Argo's own `{{args.x}}` placeholders sit inside quoted strings, so they never match.
 * Example: helmLine('kind: Rollout\nmetadata:\n  name: {{ .Release.Name }}\n') === 3.
 */
export function helmLine(text: string): number | undefined {
  const at = text.split('\n').findIndex((l) => /^\s*\{\{-?\s|:\s+\{\{[^"'\n]*\}\}\s*(#.*)?$/.test(l));
  return at < 0 ? undefined : at + 1;
}

/** An Argo feature the simulator refuses by name (schema.ts notSimulated and its kin). */
const isNotSimulated = (e: LoadError): boolean => / (is|are) not simulated\b/.test(e.message) && e.path !== '';

/** The other files that define a template this file names and cannot find, not lent yet. */
function lenders(unresolved: readonly Unresolved[], index: ReadonlyMap<string, readonly Source[]>, self: Source, lent: readonly Source[]): Source[] {
  const out: Source[] = [];
  for (const u of unresolved) {
    if (u.kind !== 'template' || u.key === undefined) continue;
    const from = index.get(u.key)?.find((s) => s.file !== self.file);
    if (from !== undefined && !lent.includes(from) && !out.includes(from)) out.push(from);
  }
  return out;
}

/**
 * A reference that resolves nowhere, as a finding: the Rollout cannot start an AnalysisRun from it
 * (Argo sets the Rollout Degraded with InvalidSpec or the run Error).
 */
function unresolvedFinding(u: Unresolved): Finding {
  const at = { file: u.file, line: u.line, column: u.column };
  if (u.kind === 'arg') return error('arg-not-passed', at, u.path, `${u.message}: Argo cannot resolve the argument, so the analysis never runs`, u.suggestion ?? '');
  const fix = (u.suggestion ?? '').replace(/ to the file$/, ' to a file linted with this one');
  return error('template-not-found', at, u.path, `${u.message} in any file linted: the Rollout cannot start this analysis (Argo marks it Degraded, InvalidSpec)`, fix);
}
