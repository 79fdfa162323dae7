/**
 * How a Rollout creates an AnalysisRun (`rollout/analysis.go` `createAnalysisRun`,
 * `newAnalysisRunFromRollout`; `utils/analysis/helpers.go` `NewAnalysisRunFromTemplates`).
 * Problems found here mean the run is never created (the Rollout reports them); problems Argo
 * only finds at the run's first reconcile are kept in `specError` and surface from `measure`.
 */
import type { AnalysisMetric, AnalysisTemplate, RolloutAnalysis } from '../../model/rollout.js';
import type { Ms } from '../../model/time.js';
import { flattenTemplateArgs, mergeArgs, resolveRolloutArgs } from './args.js';
import { dryRunMetrics, duplicateRule, retentionLimits, validateMetrics } from './spec-check.js';
import { substituteMetric } from './substitute.js';
import type { AnalysisRun, MetricResult, ResolvedArg, RunKind, RunSummary } from './types.js';

export interface BuildInput {
  readonly rolloutName: string;
  /** The Rollout's namespace (for `fieldRef: metadata.namespace`); default 'default'. */
  readonly namespace?: string;
  /** `rollouts-pod-template-hash` of the new (latest) ReplicaSet. */
  readonly podHash: string;
  /** The Rollout's `rollout.argoproj.io/revision`. */
  readonly revision: number | string;
  /** Step runs only: the canary step index. */
  readonly stepIndex?: number;
  readonly kind: RunKind;
  readonly analysis: RolloutAnalysis;
  /** Every AnalysisTemplate and ClusterAnalysisTemplate in the scenario. */
  readonly templates: readonly AnalysisTemplate[];
  readonly stableHash: string;
  readonly latestHash: string;
  /** The Scenario's `spec.fields` (Rollout field paths → values) for `valueFrom.fieldRef`. */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  readonly now: Ms;
  /** Names of runs that already exist: a clash gets Argo's `.1`, `.2`, … suffix (e.g. after retry). */
  readonly existingNames?: readonly string[];
  /** An experiment's run: Argo names it `<experiment>-<analysis>` (experiments/experiment.go newAnalysisRun). */
  readonly name?: string;
}

export type BuildResult = { readonly ok: true; readonly run: AnalysisRun } | { readonly ok: false; readonly error: string };

const EMPTY_SUMMARY: RunSummary = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };

/**
 * Argo's run name: `<rollout>-<podHash>-<revision>` plus `-<stepIndex>` (step), `-pre`, `-post`,
 * or nothing (background); `.1`, `.2`, … when the name is taken.
 *
 * Example: runName({rolloutName: 'agent', podHash: '6d4f', revision: 2, kind: 'step', stepIndex: 3})
 * === 'agent-6d4f-2-3'; with existingNames ['agent-6d4f-2-3'] → 'agent-6d4f-2-3.1'.
 */
export function runName(input: Pick<BuildInput, 'rolloutName' | 'podHash' | 'revision' | 'kind' | 'stepIndex' | 'existingNames' | 'name'>): string {
  if (input.name !== undefined) return uniqueName(input.name, input.existingNames);
  const parts = [input.rolloutName, input.podHash, String(input.revision)];
  if (input.kind === 'step') {
    if (input.stepIndex === undefined) throw new Error('runName: a step run needs stepIndex');
    parts.push(String(input.stepIndex));
  } else if (input.kind !== 'background') {
    parts.push(input.kind);
  }
  return uniqueName(parts.join('-'), input.existingNames);
}

/** Example: uniqueName('a', ['a', 'a.1']) === 'a.2'. */
function uniqueName(base: string, existing: readonly string[] | undefined): string {
  const taken = new Set(existing ?? []);
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}.${n}`;
  return name;
}

/**
 * Looks up the referenced templates, each followed by the templates its `spec.templates` composes
 * (depth first, as `getAnalysisTemplatesFromRefs` in rollout/analysis.go:509-556 recurses), then
 * keeps the first of each name (`FilterUniqueTemplates`). Argo has no guard against a template
 * composing itself (it would recurse until the stack overflows); here a cycle is an error.
 *
 * Example: rates → [success-rate, error-rate] gives [rates, success-rate, error-rate].
 */
function lookUpTemplates(
  refs: RolloutAnalysis['templates'],
  all: readonly AnalysisTemplate[],
  chain: readonly string[] = [],
): { ok: true; value: AnalysisTemplate[] } | { ok: false; error: string } {
  const namespaced: AnalysisTemplate[] = [];
  const cluster: AnalysisTemplate[] = [];
  for (const ref of refs) {
    const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const found = all.find((t) => t.kind === kind && t.name === ref.templateName);
    if (found === undefined) {
      return { ok: false, error: `${kind.toLowerCase()}.argoproj.io "${ref.templateName}" not found` };
    }
    const key = `${kind}/${found.name}`;
    if (chain.includes(key)) return { ok: false, error: `templates compose each other in a cycle: ${[...chain, key].join(' → ')}` };
    (ref.clusterScope ? cluster : namespaced).push(found);
    if (found.templates !== undefined && found.templates.length > 0) {
      const inner = lookUpTemplates(found.templates, all, [...chain, key]);
      if (!inner.ok) return inner;
      for (const t of inner.value) (t.kind === 'ClusterAnalysisTemplate' ? cluster : namespaced).push(t);
    }
  }
  const unique = (list: AnalysisTemplate[]): AnalysisTemplate[] => list.filter((t, i) => list.findIndex((u) => u.name === t.name) === i);
  // Argo flattens namespaced templates first, then cluster ones.
  return { ok: true, value: [...unique(namespaced), ...unique(cluster)] };
}

/**
 * Builds the AnalysisRun a Rollout creates for a step, background, pre- or post-promotion
 * analysis, or explains why Argo would not create it.
 *
 * Example: analysis {templates: [{templateName: 'error-rate'}], args: [{name: 'hash', valueFrom:
 * {podTemplateHashValue: 'Latest'}}]} with a template declaring arg `hash` and the query
 * `errors{hash="{{args.hash}}"}` → {ok: true, run} with run.name 'agent-7f9c-2-1', run.args
 * [{name: 'hash', value: '7f9c'}] and the query `errors{hash="7f9c"}`; a template arg nobody
 * supplies → {ok: false, error: 'args.hash was not resolved'}.
 */
export function buildAnalysisRun(input: BuildInput): BuildResult {
  const sources = {
    rolloutName: input.rolloutName, namespace: input.namespace ?? 'default',
    stableHash: input.stableHash, latestHash: input.latestHash, fields: input.fields,
  };
  const rolloutArgs = resolveRolloutArgs(input.analysis.args, sources);
  if (!rolloutArgs.ok) return rolloutArgs;
  const found = lookUpTemplates(input.analysis.templates, input.templates);
  if (!found.ok) return found;
  const templates = found.value;

  const metrics: AnalysisMetric[] = templates.flatMap((t) => t.metrics);
  const names = new Set<string>();
  for (const m of metrics) {
    if (names.has(m.name)) return { ok: false, error: `two metrics have the same name '${m.name}'` };
    names.add(m.name);
  }
  const templateDryRun = templates.flatMap((t) => t.dryRun);
  const templateRetention = templates.flatMap((t) => t.measurementRetention);
  const dupTemplateRule = duplicateRule(templateDryRun, 'Dry-Run') ?? duplicateRule(templateRetention, 'Measurement Retention');
  if (dupTemplateRule !== undefined) return { ok: false, error: dupTemplateRule };
  const templateArgs = flattenTemplateArgs(templates.map((t) => t.args));
  if (!templateArgs.ok) return templateArgs;
  const args = mergeArgs(rolloutArgs.value, templateArgs.value);
  if (!args.ok) return args;
  // The Rollout's rules come first, then the templates'.
  const dryRun = [...input.analysis.dryRun, ...templateDryRun];
  const measurementRetention = [...input.analysis.measurementRetention, ...templateRetention];
  const dupRule = duplicateRule(dryRun, 'Dry-Run') ?? duplicateRule(measurementRetention, 'Measurement Retention');
  if (dupRule !== undefined) return { ok: false, error: dupRule };

  const resolved = resolveMetrics(metrics, args.value);
  const specError = resolved.error ?? firstReconcileProblem(resolved.metrics, dryRun, measurementRetention);
  const dry = dryRunMetrics(dryRun, resolved.metrics);
  const run: AnalysisRun = {
    name: runName(input),
    kind: input.kind,
    rolloutName: input.rolloutName,
    podHash: input.podHash,
    revision: String(input.revision),
    stepIndex: input.kind === 'step' ? input.stepIndex : undefined,
    templates: input.analysis.templates.map((t) => t.templateName),
    args: args.value,
    metrics: resolved.metrics,
    dryRun,
    measurementRetention,
    specError,
    terminate: false,
    createdAt: input.now,
    startedAt: undefined,
    completedAt: undefined,
    phase: 'Pending',
    message: '',
    metricResults: resolved.metrics.map((m) => emptyResult(m.name, dry.ok && dry.value.has(m.name))),
    runSummary: EMPTY_SUMMARY,
    dryRunSummary: EMPTY_SUMMARY,
  };
  return { ok: true, run };
}

/** Substitutes args in every metric; on failure the metrics stay templated (Argo stores them so). */
function resolveMetrics(metrics: readonly AnalysisMetric[], args: readonly ResolvedArg[]): { metrics: AnalysisMetric[]; error: string | undefined } {
  const out: AnalysisMetric[] = [];
  for (const metric of metrics) {
    const r = substituteMetric(metric, args);
    if (!r.ok) return { metrics: [...metrics], error: `Unable to resolve metric arguments: ${r.error}` };
    out.push(r.value);
  }
  return { metrics: out, error: undefined };
}

/** The checks of the run's first reconcile, in Argo's order, as the run's Error message. */
function firstReconcileProblem(
  metrics: readonly AnalysisMetric[],
  dryRun: AnalysisRun['dryRun'],
  retention: AnalysisRun['measurementRetention'],
): string | undefined {
  const invalid = validateMetrics(metrics);
  if (invalid !== undefined) return `Analysis spec invalid: ${invalid}`;
  const dry = dryRunMetrics(dryRun, metrics);
  if (!dry.ok) return `Analysis spec invalid: ${dry.error}`;
  const kept = retentionLimits(retention, metrics);
  if (!kept.ok) return `Analysis spec invalid: ${kept.error}`;
  return undefined;
}

function emptyResult(name: string, dryRun: boolean): MetricResult {
  return {
    name, phase: 'Pending', message: '', dryRun, measurements: [], taken: 0,
    count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0, consecutiveError: 0, consecutiveSuccess: 0,
  };
}
