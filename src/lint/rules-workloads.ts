/**
 * The seed's common mistakes, read off the workloads (issue 12): a Deployment where a Rollout was
 * meant, a Rollout with no analysis, blue-green judged only by synthetic tests, and setWeight steps
 * that do not increase.
 */
import type { Deployment, Rollout, Service } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { analysesOf } from './analyses.js';
import { error, warning, type Finding } from './types.js';

/**
 * `deployment-without-rollout`: a Deployment a Service fronts while no Rollout manages it (the
 * seed's first mistake: progressive delivery lost). A Service fronts the workloads its selector
 * picks by their pod labels, as Kubernetes routes; a Service written without a selector is read by
 * name (`web` or `web-…`), and in a file with no Rollout at all any Service counts. An Ingress in
 * front of that Service is named too: real users reach those pods. A Deployment a Rollout names in
 * workloadRef is not a workload (the loader folds it into the Rollout), so it is never flagged.
 *
 * Example: Deployment `web` (pods {app: web}) + Service `frontend` (selector {app: web}) + Ingress
 * `public` → 'Deployment "web" is fronted by Service "frontend" (behind Ingress "public") and no
 * Rollout manages it: …'.
 */
export function deploymentWithoutRollout(scenario: Scenario): Finding[] {
  const rollouts = scenario.workloads.some((w) => w.kind === 'Rollout');
  return scenario.workloads.filter((w): w is Deployment => w.kind === 'Deployment').flatMap((d) => {
    const fronting = scenario.services.filter((s) => fronts(s, d));
    const front = fronting[0] ?? (rollouts ? undefined : scenario.services.find((s) => s.selector === undefined));
    if (front === undefined) return [];
    const ingress = (scenario.ingresses ?? []).find((i) => i.services.includes(front.name));
    const behind = ingress === undefined ? '' : ` (behind Ingress "${ingress.name}")`;
    return [warning('deployment-without-rollout', d.sources?.kind ?? d.source, 'kind',
      `Deployment "${d.name}" is fronted by Service "${front.name}"${behind} and no Rollout manages it: a release replaces every pod with no canary, no pause and no automated rollback`,
      `convert it to an argoproj.io/v1alpha1 Rollout with a canary strategy (same spec.template), or keep the Deployment and add a Rollout with spec.workloadRef: {apiVersion: apps/v1, kind: Deployment, name: ${d.name}}`)];
  });
}

/**
 * Whether a Service sends traffic to a workload's pods: every selector label on the pods, or
 * (no selector written) the Service named after the workload.
 * Example: fronts({name: 'svc', selector: {app: 'web'}}, {name: 'web', podLabels: {app: 'web', tier: 'fe'}}) === true.
 */
export function fronts(s: Service, w: { readonly name: string; readonly podLabels?: Readonly<Record<string, string>> }): boolean {
  if (s.selector === undefined) return s.name === w.name || s.name.startsWith(`${w.name}-`);
  const labels = w.podLabels ?? {};
  return Object.entries(s.selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

const rolloutsOf = (scenario: Scenario): Rollout[] => scenario.workloads.filter((w): w is Rollout => w.kind === 'Rollout');

/**
 * `rollout-without-analysis`: no background analysis, no analysis step, no pre/post-promotion
 * analysis. Example: canary steps [setWeight 20, pause 5m] → 'Rollout "web" has no analysis: …'.
 */
export function rolloutWithoutAnalysis(scenario: Scenario): Finding[] {
  return rolloutsOf(scenario).filter((r) => analysesOf(r).length === 0).map((r) => {
    const blueGreen = r.strategy.type === 'blueGreen';
    return warning('rollout-without-analysis', r.sources?.strategy ?? r.source, `spec.strategy.${r.strategy.type}`,
      `Rollout "${r.name}" has no analysis: nothing measures the release, so a bad version is promoted unless someone aborts it by hand`,
      blueGreen
        ? 'add strategy.blueGreen.postPromotionAnalysis (real traffic) and/or prePromotionAnalysis with an AnalysisTemplate'
        : 'add a background analysis (strategy.canary.analysis) or an analysis step after each setWeight, with an AnalysisTemplate measuring the canary\'s error rate');
  });
}

/**
 * `bluegreen-synthetic-only`: the only analysis is prePromotionAnalysis, every metric of it a job
 * (synthetic test), and no postPromotionAnalysis.
 * Example: prePromotionAnalysis → template `smoke` with a job metric → one warning.
 */
export function blueGreenSyntheticOnly(scenario: Scenario): Finding[] {
  return rolloutsOf(scenario).flatMap((r) => {
    const st = r.strategy;
    if (st.type !== 'blueGreen' || st.postPromotionAnalysis !== undefined || st.prePromotionAnalysis === undefined) return [];
    const templates = st.prePromotionAnalysis.templates
      .map((ref) => scenario.analysisTemplates.find((t) => t.name === ref.templateName))
      .filter((t) => t !== undefined);
    const metrics = templates.flatMap((t) => t.metrics);
    if (metrics.length === 0 || !metrics.every((m) => m.provider.job !== undefined)) return [];
    return [warning('bluegreen-synthetic-only', r.sources?.strategy ?? r.source, 'spec.strategy.blueGreen.prePromotionAnalysis',
      `Rollout "${r.name}" is validated only by synthetic jobs before promotion and has no postPromotionAnalysis: real traffic never judges the new version`,
      'add strategy.blueGreen.postPromotionAnalysis with a prometheus metric on the active Service\'s error rate (it can still roll back while scaleDownDelaySeconds keeps the old pods)')];
  });
}

/**
 * `setweight-not-increasing`: a setWeight below one before it (an error) or equal to it (a warning: a no-op step).
 * Example: steps [setWeight 40, pause, setWeight 20] → 'setWeight 20 at step 2 is not above
 * setWeight 40 at step 0: …'.
 */
export function setWeightNotIncreasing(scenario: Scenario): Finding[] {
  return rolloutsOf(scenario).flatMap((r) => {
    if (r.strategy.type !== 'canary') return [];
    const out: Finding[] = [];
    let top: { weight: number; index: number } | undefined;
    r.strategy.steps.forEach((s, i) => {
      if (!('setWeight' in s)) return;
      if (top !== undefined && s.setWeight <= top.weight) {
        // Falling is most likely a typo (40 then 20): an error. Repeating is a harmless no-op step
        // (it only lengthens the pause around it): a warning.
        const falls = s.setWeight < top.weight;
        out.push((falls ? error : warning)('setweight-not-increasing', s.source, `spec.strategy.canary.steps[${i}].setWeight`,
          `setWeight ${s.setWeight} at step ${i} is not above setWeight ${top.weight} at step ${top.index}: the canary's share ${falls ? 'falls' : 'stands still'}, so the step proves nothing new`,
          `give the steps increasing weights (e.g. ${top.weight} then ${Math.min(100, top.weight * 2)}), or remove step ${i}`));
      }
      if (top === undefined || s.setWeight > top.weight) top = { weight: s.setWeight, index: i };
    });
    return out;
  });
}
