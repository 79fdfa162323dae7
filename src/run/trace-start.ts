/**
 * The SimulationStarted event: everything a reader of a trace needs before anything happens — the
 * scenario, seed and workload, its strategy and steps, the two versions with their pod-template
 * hashes, the Services a blue-green Rollout manages and the analysis metrics it references — so a
 * saved jsonl alone redraws a run. Pure.
 */
import { describeStep } from '../controller/steps.js';
import { SCHEMA_VERSION, type SimulationStartedFields, type TraceMetric, type TraceStep } from '../model/events.js';
import type { CanaryStep, Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { strategyOf } from '../model/strategy.js';
import { templateHash } from '../world/pods.js';
import { referencedTemplates } from './workload.js';
import { metricQuery } from '../analysis/run/metric-query.js';

/**
 * Example: canary-tool-call-regression, seed 7 → {scenario: 'canary-tool-call-regression', seed: 7,
 * rollout: 'agent', strategy: 'canary', router: 'istio', stableHash: 'fdc7f8c5b', releaseHash: 'rv8mt5frdr',
 * steps: [{label: 'setWeight: 10', kind: 'setWeight', setWeight: 10, …}, …], metrics: [{template: 'error-rate', …}]}.
 */
export function simulationStarted(scenario: Scenario, workload: Workload, seed: number, noOpUpdate: boolean): SimulationStartedFields {
  const strategy = strategyOf(workload);
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: scenario.name, description: scenario.description.trim(), seed,
    rollout: workload.name, workloads: scenario.workloads.map((w) => w.name),
    namespace: workload.namespace, kind: workload.kind, strategy: strategy.type, router: strategy.router,
    replicas: workload.replicas,
    stableImage: scenario.stableImage, releaseImage: scenario.release.image,
    stableHash: templateHash(scenario.stableImage), releaseHash: templateHash(scenario.release.image),
    updateAt: noOpUpdate ? null : scenario.release.at,
    duration: scenario.duration, scrapeInterval: scenario.scrapeInterval,
    steps: workload.kind === 'Rollout' && workload.strategy.type === 'canary' ? workload.strategy.steps.map(traceStep) : [],
    services: servicesOf(workload),
    metrics: metricsOf(scenario, workload),
  };
}

/** Example: {pause: {duration: 300000}} → {label: 'pause: {duration: 5m0s}', kind: 'pause', setWeight: null, pauseDuration: 300000, mirrorPercent: null}. */
function traceStep(step: CanaryStep): TraceStep {
  const of = (kind: TraceStep['kind'], o: Partial<Pick<TraceStep, 'setWeight' | 'pauseDuration' | 'mirrorPercent'>> = {}): TraceStep => ({
    label: describeStep(step), kind, setWeight: o.setWeight ?? null, pauseDuration: o.pauseDuration ?? null, mirrorPercent: o.mirrorPercent ?? null,
  });
  if ('setWeight' in step) return of('setWeight', { setWeight: step.setWeight });
  if ('pause' in step) return of('pause', { pauseDuration: step.pause.duration ?? null });
  if ('analysis' in step) return of('analysis');
  if ('experiment' in step) return of('experiment');
  if ('plugin' in step) return of('plugin');
  // A setMirrorRoute may share its step with setCanaryScale / setHeaderRoute (validation.go).
  const m = step.setMirrorRoute;
  const mirror = m === undefined ? {} : { mirrorPercent: m.match.length === 0 ? 0 : m.percentage };
  if ('setCanaryScale' in step) return of('setCanaryScale', mirror);
  if ('setHeaderRoute' in step) return of('setHeaderRoute', mirror);
  return of('setMirrorRoute', mirror);
}

function servicesOf(w: Workload): SimulationStartedFields['services'] {
  if (w.kind === 'Deployment' || w.strategy.type !== 'blueGreen') return [];
  const preview = w.strategy.previewService;
  return [{ name: w.strategy.activeService, role: 'active' }, ...(preview === undefined ? [] : [{ name: preview, role: 'preview' as const }])];
}

/** The metrics of every template the workload references, in template then metric order. */
function metricsOf(scenario: Scenario, w: Workload): TraceMetric[] {
  // Composed templates (spec.templates) bring their own metrics into the run: follow them.
  const referenced = referencedTemplates(w);
  for (let i = 0; i < referenced.length; i++) {
    const t = scenario.analysisTemplates.find((x) => x.name === referenced[i]);
    for (const ref of t?.templates ?? []) if (!referenced.includes(ref.templateName)) referenced.push(ref.templateName);
  }
  return scenario.analysisTemplates
    .filter((t) => referenced.includes(t.name))
    .flatMap((t) => t.metrics.map((m) => ({
      template: t.name, name: m.name, query: metricQuery(m) || null,
      successCondition: m.successCondition ?? null, failureCondition: m.failureCondition ?? null,
      failureLimit: m.failureLimit ?? 0,
    })));
}
