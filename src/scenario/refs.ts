/**
 * Checks across documents: names unique, AnalysisTemplates found and their required args given,
 * dryRun/measurementRetention patterns matching a metric, Service names plausibly spelt,
 * template images consistent with the Scenario, one namespace.
 */
import type { AnalysisTemplate, RolloutAnalysis, Workload } from '../model/rollout.js';
import { closest, didYouMean, quoteList } from './errors.js';
import type { BuiltTemplate } from './analysis.js';
import type { BuiltService } from './deployment.js';
import type { BuiltWorkload } from './rollout-build.js';
import type { ScenarioCore } from './scenario-build.js';
import { fail, posOf } from './validate.js';
import { compileGoRegexp } from '../go/regexp.js';
import type { Cx } from './validate.js';
import type { LoadError } from './errors.js';

/**
 * A reference that resolves nowhere: an error for `run`, a finding for `simulate lint` (which reads
 * one file of a repository and must still lint the rest of it). `kind` says which rule it is.
 */
export interface Unresolved extends LoadError {
  readonly kind: 'template' | 'arg';
  /** For a template: the `kind/name` it names (what library.ts indexes other files by). */
  readonly key?: string;
}

export interface Catalog {
  readonly workloads: readonly BuiltWorkload<Workload>[];
  readonly templates: readonly BuiltTemplate[];
  readonly services: readonly BuiltService[];
  /** Names of every template document by kind, valid or not (so a broken one is not "missing"). */
  readonly templateNames: { readonly AnalysisTemplate: readonly string[]; readonly ClusterAnalysisTemplate: readonly string[] };
}

/**
 * `unresolved`, when given (lint's lenient load), receives the templateName and arg references that
 * resolve nowhere instead of failing the load.
 */
export function checkReferences(cat: Catalog, scenario: ScenarioCore | undefined, unresolved?: Unresolved[]): void {
  checkUnique(cat.workloads.map((w) => ({ name: w.workload.name, what: 'Rollout/Deployment', cx: w.cx })));
  for (const kind of ['AnalysisTemplate', 'ClusterAnalysisTemplate'] as const) {
    checkUnique(cat.templates.filter((t) => t.template.kind === kind).map((t) => ({ name: t.template.name, what: kind, cx: t.cx })));
  }
  checkUnique(cat.services.map((s) => ({ name: s.service.name, what: 'Service', cx: s.cx })));
  for (const w of cat.workloads) {
    for (const { analysis, path } of w.refs.analyses) checkAnalysis(cat, w.cx, analysis, path, unresolved);
    checkServices(cat, w);
  }
  for (const t of cat.templates) checkPatterns(t.cx, 'spec', t.template.dryRun, t.template.measurementRetention, withComposed(cat, [t.template]));
  if (scenario !== undefined) {
    for (const w of cat.workloads) checkImage(w, scenario);
    checkNamespaces(cat, scenario.namespace);
  }
}

const article = (kind: string): string => (kind.startsWith('A') ? 'an' : 'a');

function checkUnique(items: readonly { name: string; what: string; cx: Cx }[]): void {
  const seen = new Map<string, Cx>();
  for (const it of items) {
    const first = seen.get(it.name);
    if (first !== undefined) {
      fail(it.cx, 'metadata.name', `a second ${it.what} named "${it.name}"`, `names must be unique (the first is in ${first.sd.file})`);
    } else seen.set(it.name, it.cx);
  }
}

function findTemplate(cat: Catalog, name: string, clusterScope: boolean): AnalysisTemplate | undefined {
  const kind = clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
  return cat.templates.find((t) => t.template.kind === kind && t.template.name === name)?.template;
}

/**
 * The templates and, depth first, every template they compose (`spec.templates`), once each: the
 * metrics, args and rules of a run (rollout/analysis.go:509-556). Missing ones are reported where
 * they are named (stand-ins.ts).
 * Example: [rates] where rates composes a and b → [rates, a, b].
 */
function withComposed(cat: Catalog, templates: readonly AnalysisTemplate[]): AnalysisTemplate[] {
  const out: AnalysisTemplate[] = [];
  const visit = (t: AnalysisTemplate): void => {
    if (out.includes(t)) return;
    out.push(t);
    for (const ref of t.templates ?? []) {
      const inner = findTemplate(cat, ref.templateName, ref.clusterScope);
      if (inner !== undefined) visit(inner);
    }
  };
  templates.forEach(visit);
  return out;
}

function checkAnalysis(cat: Catalog, cx: Cx, a: RolloutAnalysis, path: string, unresolved: Unresolved[] | undefined): void {
  const miss = (kind: Unresolved['kind'], p: string, message: string, suggestion: string, key?: string): void => {
    if (unresolved === undefined) return fail(cx, p, message, suggestion);
    unresolved.push({ ...posOf(cx, p), path: p, message, suggestion, kind, ...(key === undefined ? {} : { key }) });
  };
  const found: AnalysisTemplate[] = [];
  a.templates.forEach((ref, i) => {
    const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const other = ref.clusterScope ? 'AnalysisTemplate' : 'ClusterAnalysisTemplate';
    const t = findTemplate(cat, ref.templateName, ref.clusterScope);
    if (t !== undefined) return void found.push(t);
    if (cat.templateNames[kind].includes(ref.templateName)) return; // present but invalid: reported there
    // An experiment step's analysis names its one template directly (analyses[j].templateName).
    const p = /\.analyses\[\d+\]$/.test(path) ? `${path}.templateName` : `${path}.templates[${i}].templateName`;
    const hint = cat.templateNames[other].includes(ref.templateName)
      ? `${article(other)} ${other} "${ref.templateName}" exists: ${ref.clusterScope ? 'remove clusterScope: true' : 'add clusterScope: true'}`
      : (didYouMean(ref.templateName, cat.templateNames[kind]) ?? `add ${article(kind)} ${kind} document named "${ref.templateName}" to the file`);
    miss('template', p, `${kind} "${ref.templateName}" not found`, hint, `${kind}/${ref.templateName}`);
  });
  if (found.length !== a.templates.length) return;
  const given = a.args.map((x) => x.name);
  const all = withComposed(cat, found);
  for (const t of all) {
    for (const arg of t.args) {
      // Argo flattens the args of every template in the run: a value any of them gives counts.
      if (given.includes(arg.name) || all.some((u) => u.args.some((x) => x.name === arg.name && x.value !== undefined))) continue;
      const typo = closest(arg.name, given);
      miss('arg', path, `${t.kind} "${t.name}" needs arg "${arg.name}", which this analysis does not pass`, typo !== undefined ? `args has "${typo}": did you mean "${arg.name}"?` : `add args: [{name: ${arg.name}, value: …}]`);
    }
  }
  checkPatterns(cx, path, a.dryRun, a.measurementRetention, all);
}

/** dryRun / measurementRetention metric names are unanchored regexes that must match a metric. */
function checkPatterns(cx: Cx, path: string, dryRun: readonly { metricName: string }[], retention: readonly { metricName: string }[], templates: readonly AnalysisTemplate[]): void {
  const metrics = templates.flatMap((t) => t.metrics.map((m) => m.name));
  const lists = [['dryRun', dryRun], ['measurementRetention', retention]] as const;
  for (const [field, list] of lists) {
    list.forEach((d, i) => {
      const p = `${path}.${field}[${i}].metricName`;
      const c = compileGoRegexp(d.metricName);
      if (!c.ok) return fail(cx, p, `invalid regular expression "${d.metricName}": ${c.error} (Go RE2 syntax)`);
      const re = c.re;
      if (!metrics.some((m) => re.test(m))) fail(cx, p, `"${d.metricName}" matches no metric`, metrics.length > 0 ? `metrics: ${quoteList(metrics)}` : undefined);
    });
  }
}

/** Services need not exist (the simulator creates them), but a near miss is a typo. */
function checkServices(cat: Catalog, w: BuiltWorkload<Workload>): void {
  const names = cat.services.map((s) => s.service.name);
  if (names.length === 0) return;
  for (const ref of w.refs.services) {
    if (names.includes(ref.name)) continue;
    const near = closest(ref.name, names);
    if (near !== undefined) fail(w.cx, ref.path, `no Service named "${ref.name}" in the file`, `did you mean "${near}"?`);
  }
}

function checkImage(w: BuiltWorkload<Workload>, s: ScenarioCore): void {
  const image = w.workload.image;
  if (image === s.stableImage) {
    // DESIGN §3: a template equal to the stable one is a no-op update, as on a cluster.
    const fix = image !== s.release.image
      ? `set it to "${s.release.image}" to simulate the release`
      : "give the release its own image (spec.release.image, and the Rollout's template) to simulate an update";
    w.cx.notes.push(`${w.cx.sd.file}: ${w.workload.name}: the template image "${image}" is the stable image, so nothing rolls out (a no-op update); ${fix}`);
    return;
  }
  if (image === s.release.image) return;
  fail(w.cx, 'spec.template.spec.containers[0].image', `image "${image}" is neither the release image ("${s.release.image}") nor the stable image ("${s.stableImage}")`, "set spec.release.image (and spec.agent.image) in the Scenario to match the manifests");
}

function checkNamespaces(cat: Catalog, namespace: string): void {
  const docs = [
    ...cat.workloads.map((w) => ({ ns: w.workload.namespace, cx: w.cx })),
    ...cat.templates.filter((t) => t.template.kind === 'AnalysisTemplate').map((t) => ({ ns: t.namespace ?? '', cx: t.cx })),
    ...cat.services.map((s) => ({ ns: s.service.namespace, cx: s.cx })),
  ];
  for (const d of docs) {
    if (d.ns !== '' && d.ns !== namespace) {
      fail(d.cx, 'metadata.namespace', `namespace "${d.ns}" differs from the scenario's namespace "${namespace}"`, 'the simulator runs one namespace: make them agree (spec.namespace in the Scenario)');
    }
  }
}
