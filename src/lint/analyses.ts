/**
 * The metrics a workload's AnalysisRuns will measure, as Argo creates them: every analysis of the
 * Rollout (background, steps, pre/post-promotion), its templates looked up, the args merged and
 * resolved (`valueFrom.podTemplateHashValue` included) and `{{args.x}}` substituted — so a rule
 * reads the query Prometheus would receive. An analysis whose args do not resolve is skipped: the
 * run reports that itself, as an error.
 */
import { flattenTemplateArgs, mergeArgs, resolveRolloutArgs } from '../analysis/run/args.js';
import { substituteMetric } from '../analysis/run/substitute.js';
import type { AnalysisMetric, AnalysisTemplate, RolloutAnalysis, Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { templateHash } from '../world/pods.js';

/** One metric as a run would measure it, and where it was written. */
export interface MeasuredMetric {
  readonly template: AnalysisTemplate;
  /** Its index in the template's spec.metrics (the YAML path's). */
  readonly index: number;
  /** As written. */
  readonly written: AnalysisMetric;
  /** With the run's args substituted. */
  readonly metric: AnalysisMetric;
}

/** Every analysis a workload declares (background, steps and experiment steps' analyses, pre/post-promotion), in that order. */
export function analysesOf(w: Workload): RolloutAnalysis[] {
  if (w.kind === 'Deployment') return [];
  const st = w.strategy;
  const all = st.type === 'canary'
    ? [st.analysis, ...st.steps.flatMap((s) => ('analysis' in s ? [s.analysis] : 'experiment' in s ? s.experiment.analyses.map((a) => a.analysis) : []))]
    : [st.prePromotionAnalysis, st.postPromotionAnalysis];
  return all.filter((a): a is RolloutAnalysis => a !== undefined);
}

/**
 * Example: a canary whose analysis step passes `service-name: agent-canary` to a template querying
 * `…{service="{{args.service-name}}"}` → one MeasuredMetric whose metric's query reads
 * `…{service="agent-canary"}`.
 */
export function measuredMetrics(scenario: Scenario, w: Workload): MeasuredMetric[] {
  return analysesOf(w).flatMap((a) => analysisMetrics(scenario, w, a));
}

/**
 * The metrics one analysis of a workload measures, args substituted (as measuredMetrics, for one
 * analysis: rules that compare a query with the step it gates need to know which one).
 */
export function analysisMetrics(scenario: Scenario, w: Workload, analysis: RolloutAnalysis): MeasuredMetric[] {
  const sources = {
    rolloutName: w.name, namespace: w.namespace,
    stableHash: templateHash(scenario.stableImage), latestHash: templateHash(scenario.release.image),
  };
  const out: MeasuredMetric[] = [];
  const templates = analysis.templates
    .map((ref) => scenario.analysisTemplates.find((t) => t.name === ref.templateName && (t.kind === 'ClusterAnalysisTemplate') === ref.clusterScope))
    .filter((t): t is AnalysisTemplate => t !== undefined);
  const rolloutArgs = resolveRolloutArgs(analysis.args, sources);
  const templateArgs = flattenTemplateArgs(templates.map((t) => t.args));
  if (!rolloutArgs.ok || !templateArgs.ok) return out;
  const args = mergeArgs(rolloutArgs.value, templateArgs.value);
  if (!args.ok) return out;
  for (const template of templates) {
    template.metrics.forEach((written, index) => {
      const m = substituteMetric(written, args.value);
      if (m.ok) out.push({ template, index, written, metric: m.value });
    });
  }
  return out;
}
