/**
 * The loader: YAML text → one typed Scenario (src/model/scenario.ts), or every error found,
 * each with file, line, column, YAML path and, where possible, a suggestion. Pure: reading files
 * is read.ts's job.
 *
 * Example:
 *   const r = loadScenarioText(text, 'scenarios/x.yaml');
 *   if (!r.ok) for (const e of r.errors) console.error(formatLoadError(e));
 */
import { joinProviders } from './stand-ins.js';
import { minOf } from '../model/numbers.js';
import type { AnalysisTemplate, Deployment, Rollout, Service, Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { buildAnalysisTemplate } from './analysis.js';
import type { BuiltTemplate } from './analysis.js';
import { buildDeployment, buildService } from './deployment.js';
import type { BuiltService } from './deployment.js';
import { Issues } from './errors.js';
import type { LoadError } from './errors.js';
import { classify } from './kinds.js';
import type { SimKind } from './kinds.js';
import { checkLimits } from './limits.js';
import { libraryTemplates } from './library.js';
import { applyPrunes, type Prune } from './prune.js';
import { checkReferences, type Unresolved } from './refs.js';
import { buildRollout } from './rollout-build.js';
import { peekImage, sideWorkloads } from './side-workloads.js';
import { buildTemplateSource, referencedDeployments } from './workload-ref.js';
import type { WorkloadRefSources } from './workload-ref.js';
import { ingressesOf, routingDocs, withRouteHosts, type RoutingDoc } from './route-hosts.js';
import type { BuiltWorkload } from './rollout-build.js';
import { buildScenario } from './scenario-build.js';
import type { ScenarioCore } from './scenario-build.js';
import { newCx } from './validate.js';
import type { Cx } from './validate.js';
import { ALIAS_BUDGET, getKey, getString, nodePos, parseSources } from './yaml-doc.js';
import { joinRolloutAnswers } from './rollout-answers.js';
import type { Source, SourceDoc } from './yaml-doc.js';

/** `unresolved`: lint's lenient load only (refs.ts): references that resolve nowhere, not errors. */
export type LoadResult = { ok: true; scenario: Scenario; notes: string[]; unresolved: Unresolved[] } | { ok: false; errors: LoadError[] };

const SCENARIO_SNIPPET = [
  'add a Scenario document, e.g.:',
  '---',
  'apiVersion: rollout-sim/v1alpha1',
  'kind: Scenario',
  'metadata: {name: my-scenario}',
  'spec:',
  '  traffic: {rps: 20}',
].join('\n');

/**
 * `defaultScenario` is `simulate lint`'s reading of plain manifests: with no Scenario document the
 * defaults of `spec: {}` stand in for one, a file with nothing to simulate is no error (lint skips
 * it), and kinds the simulator does not read are ignored with a note instead of failing the file.
 */
export interface LoadOptions {
  readonly defaultScenario?: boolean;
  /**
   * Lint only: other files of the repository whose AnalysisTemplate and ClusterAnalysisTemplate
   * documents resolve this file's templateNames (a Rollout and its templates often live apart).
   * Only templates the file does not define itself are taken; nothing else of those files is read.
   */
  readonly library?: readonly Source[];
  /** Lint only: nodes set aside before building (prune.ts), each an Argo feature not simulated. */
  readonly prune?: readonly Prune[];
}

/** Loads one file's text. Pure; never throws on bad input. */
export function loadScenarioText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  return loadScenarioSources([{ file, text }], options);
}

/** Loads several sources as one scenario (a directory's files, in the order given). */
export function loadScenarioSources(sources: readonly Source[], options: LoadOptions = {}): LoadResult {
  const lenient = options.defaultScenario === true;
  const issues = new Issues();
  const notes: string[] = [];
  const own = parseSources(sources, issues);
  applyPrunes(own, options.prune ?? []);
  const docs = [...own, ...libraryTemplates(own, options.library ?? [])];
  // A YAML syntax error (or a duplicate key) comes first and alone: the documents it cost would
  // only report what they seem to lack ("AnalysisTemplate not found", "no Scenario document").
  if (issues.count > 0) return { ok: false, errors: issues.sorted() };
  const start = { file: sources[0]?.file ?? '<input>', line: 1, column: 1 };
  if (docs.length === 0 && lenient) return { ok: true, scenario: emptyScenario(start.file), notes, unresolved: [] };
  if (docs.length === 0 && issues.count === 0) {
    issues.add(start, '', 'the file is empty', 'a scenario file holds Argo manifests (a Rollout or an apps/v1 Deployment) and one `kind: Scenario` document');
    return { ok: false, errors: issues.sorted() };
  }
  const byKind = new Map<SimKind, SourceDoc[]>();
  for (const sd of docs) {
    const kind = classify(sd, issues, notes, lenient);
    if (kind !== undefined) byKind.set(kind, [...(byKind.get(kind) ?? []), sd]);
  }
  // Plain manifests: the defaults of an empty Scenario, read from a document of our own (its
  // positions never show: `spec: {}` has nothing to be wrong).
  if (lenient && !byKind.has('Scenario')) {
    if (!['Rollout', 'Deployment', 'AnalysisTemplate', 'ClusterAnalysisTemplate'].some((k) => byKind.has(k as SimKind))) {
      return issues.count > 0 ? { ok: false, errors: issues.sorted() } : { ok: true, scenario: emptyScenario(start.file), notes, unresolved: [] };
    }
    const image = byKind.has('Rollout') || byKind.has('Deployment') ? '' : ', release: {image: "lint/none:2"}, traffic: {rps: 10}';
    byKind.set('Scenario', parseSources([{ file: start.file, text: `apiVersion: rollout-sim/v1alpha1\nkind: Scenario\nspec: {seed: 1${image}}\n` }], issues));
  }
  // A document that failed to parse or to classify is probably the "missing" one: say nothing more.
  const unreadable = issues.count > 0;
  const of = (k: SimKind): SourceDoc[] => byKind.get(k) ?? [];
  const { workloadDocs, workloads: built, firstImage } = buildWorkloads(docs, of('Rollout'), of('Deployment'), of('Scenario')[0], issues, notes);
  const templates = [
    ...of('AnalysisTemplate').map((sd) => buildAnalysisTemplate(newCx(sd, issues, notes), 'AnalysisTemplate')),
    ...of('ClusterAnalysisTemplate').map((sd) => buildAnalysisTemplate(newCx(sd, issues, notes), 'ClusterAnalysisTemplate')),
  ].filter(isDefined);
  const services = of('Service').map((sd) => buildService(newCx(sd, issues, notes))).filter(isDefined);

  const scenarioDocs = of('Scenario');
  let core: ScenarioCore | undefined;
  let scenarioCx: Cx | undefined;
  const first = scenarioDocs[0];
  if (first !== undefined) {
    const inputs = {
      workloadNames: workloadDocs.map((sd) => ({ name: docName(sd) ?? '', kind: (of('Rollout').includes(sd) ? 'Rollout' : 'Deployment') as Workload['kind'] })),
      firstImage,
      fewestReplicas: built.length === 0 ? undefined : minOf(built.map((w) => w.workload.replicas), Infinity),
      manifestNamespace: firstNamespace(docs.filter((d) => workloadDocs.includes(d) || of('AnalysisTemplate').includes(d) || of('Service').includes(d))),
    };
    scenarioCx = newCx(first, issues, notes);
    core = buildScenario(scenarioCx, inputs);
  }
  for (const extra of scenarioDocs.slice(1)) {
    const pos = nodePos(extra, getKey(extra, extra.root, 'kind')) ?? start;
    issues.add(pos, 'kind', 'a second Scenario document', `keep one Scenario per file (the first is at ${first?.file ?? ''}:${first === undefined ? 1 : (nodePos(first, first.root)?.line ?? 1)})`);
  }
  if (!unreadable && scenarioDocs.length === 0) issues.add(start, '', 'no Scenario document', SCENARIO_SNIPPET);
  if (!unreadable && workloadDocs.length === 0 && !lenient) {
    issues.add(start, '', 'no Rollout or Deployment to simulate', 'add an argoproj.io/v1alpha1 Rollout (or an apps/v1 Deployment) document');
  }
  const templateNames = {
    AnalysisTemplate: of('AnalysisTemplate').map(docName).filter(isDefined),
    ClusterAnalysisTemplate: of('ClusterAnalysisTemplate').map(docName).filter(isDefined),
  };
  // Secrets, stand-in PromQL and web answers come from the Scenario: join them before the
  // references are checked (a secret arg then has its value).
  const workloads = core === undefined ? built : joinRolloutAnswers(built, core, lenient);
  const joined = core === undefined ? templates : joinProviders(templates, workloads, core, docs, scenarioCx, lenient);
  const unresolved: Unresolved[] = [];
  checkReferences({ workloads, templates: joined, services, templateNames }, core, lenient ? unresolved : undefined);
  if (core !== undefined && scenarioCx !== undefined) checkLimits(scenarioCx, core, workloads, joined);
  for (const sd of docs.filter((d) => d.aliasOverflow)) {
    issues.add(nodePos(sd, sd.root) ?? start, '', `too many YAML alias expansions (more than ${ALIAS_BUDGET} in one document)`, 'write the values out instead of nesting aliases');
  }
  if (issues.count > 0 || core === undefined) return { ok: false, errors: issues.sorted() };
  return { ok: true, scenario: assemble(core, workloads, joined, services, routingDocs(docs)), notes, unresolved };
}


/**
 * The workloads to simulate, in file order. Deployments a Rollout names in spec.workloadRef only
 * supply its pod template (workload-ref.ts); Deployments outside the release are left out with a
 * note (side-workloads.ts). `firstImage` is the default release image: the first Rollout's, else
 * the first workload's.
 */
function buildWorkloads(docs: readonly SourceDoc[], rolloutDocs: readonly SourceDoc[], deploymentDocs: readonly SourceDoc[], scenario: SourceDoc | undefined, issues: Issues, notes: string[]) {
  const referenced = referencedDeployments(rolloutDocs);
  const isReferenced = (sd: SourceDoc): boolean => referenced.has(docName(sd) ?? '');
  const sources: WorkloadRefSources = {
    byName: new Map(deploymentDocs.filter(isReferenced).map((sd) => [docName(sd) ?? '', buildTemplateSource(newCx(sd, issues, notes))])),
    deploymentNames: deploymentDocs.map(docName).filter(isDefined),
  };
  const rollouts = new Map(rolloutDocs.map((sd) => [sd, buildRollout(newCx(sd, issues, notes), sources)]));
  const candidates = docs.filter((d) => rolloutDocs.includes(d) || (deploymentDocs.includes(d) && !isReferenced(d)));
  const imageOf = (sd: SourceDoc): string | undefined => (rollouts.has(sd) ? rollouts.get(sd)?.workload.image : peekImage(sd));
  const firstImage = [...rollouts.values()].find(isDefined)?.workload.image ?? candidates.map(imageOf).find(isDefined);
  const described = candidates.map((sd) => ({ sd, kind: rollouts.has(sd) ? ('Rollout' as const) : ('Deployment' as const), name: docName(sd), image: imageOf(sd) }));
  const side = sideWorkloads(described, firstImage, scenario);
  notes.push(...side.map((s) => s.note));
  const workloadDocs = candidates.filter((d) => !side.some((s) => s.doc.sd === d));
  const workloads = workloadDocs.map((sd): BuiltWorkload<Workload> | undefined => rollouts.get(sd) ?? (rollouts.has(sd) ? undefined : buildDeployment(newCx(sd, issues, notes)))).filter(isDefined);
  return { workloadDocs, workloads, firstImage };
}

/** Attaches the manifests, giving those without metadata.namespace the scenario's namespace. */
function assemble(core: ScenarioCore, workloads: readonly BuiltWorkload<Workload>[], templates: readonly BuiltTemplate[], services: readonly BuiltService[], routing: readonly RoutingDoc[]): Scenario {
  const ns = core.namespace;
  const ingresses = ingressesOf(routing);
  const fill = <T extends { namespace: string }>(x: T): T => (x.namespace === '' ? { ...x, namespace: ns } : x);
  return {
    ...core,
    // Traffic-routed Rollouts also carry what their metrics need from the routing documents.
    workloads: workloads.map((w) => fill<Rollout | Deployment>(w.workload)).map((w) => (w.kind === 'Rollout' ? withRouteHosts(w, routing) : w)),
    analysisTemplates: templates.map((t): AnalysisTemplate => t.template),
    services: services.map((s): Service => fill(s.service)),
    ...(ingresses.length === 0 ? {} : { ingresses }),
  };
}

/** Nothing to lint: a file of other kinds (a ConfigMap, a Service alone). */
function emptyScenario(file: string): Scenario {
  const r = loadScenarioText('apiVersion: rollout-sim/v1alpha1\nkind: Scenario\nspec: {release: {image: "lint/none:2"}, traffic: {rps: 10}}\n', file, { defaultScenario: true });
  if (!r.ok) throw new Error('the empty scenario does not load');
  return r.scenario;
}

function docName(sd: SourceDoc): string | undefined {
  return getString(sd, getKey(sd, sd.root, 'metadata'), 'name');
}

function firstNamespace(docs: readonly SourceDoc[]): string | undefined {
  for (const sd of docs) {
    const ns = getString(sd, getKey(sd, sd.root, 'metadata'), 'namespace');
    if (ns !== undefined && ns !== '') return ns;
  }
  return undefined;
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}
