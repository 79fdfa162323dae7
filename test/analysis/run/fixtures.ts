/**
 * Builders and a scripted provider for the AnalysisRun tests. Measurements go through the real
 * `evaluateResult`: the letters S, F, I, E stand for provider values that the standard
 * conditions judge Successful, Failed, Inconclusive, and Error (an empty vector, so `result[0]`
 * fails).
 */
import { buildAnalysisRun, measure, nextDue, terminate, type BuildInput } from '../../../src/analysis/run/index.js';
import type { AnalysisRun, Provider, ProviderResult } from '../../../src/analysis/run/index.js';
import type { SimEvent } from '../../../src/model/events.js';
import type { AnalysisArg, AnalysisMetric, AnalysisTemplate, RolloutAnalysis } from '../../../src/model/rollout.js';
import type { Ms } from '../../../src/model/time.js';

const here = { file: 'test.yaml', line: 1, column: 1 };

export const SUCCESS = 'result[0] < 0.05';
export const FAILURE = 'result[0] > 0.1';

export function aMetric(over: Partial<AnalysisMetric> = {}): AnalysisMetric {
  return {
    name: 'error-rate', interval: undefined, initialDelay: undefined, count: undefined,
    successCondition: SUCCESS, failureCondition: FAILURE,
    failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
    provider: { prometheus: { address: undefined, query: 'sum(rate(errors[1m]))' } },
    source: here, ...over,
  };
}

export function aTemplate(over: Partial<AnalysisTemplate> = {}): AnalysisTemplate {
  return { kind: 'AnalysisTemplate', name: 'tpl', args: [], metrics: [aMetric()], dryRun: [], measurementRetention: [], source: here, ...over };
}

export function anAnalysis(over: Partial<RolloutAnalysis> = {}): RolloutAnalysis {
  return { templates: [{ templateName: 'tpl', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined, ...over };
}

export function arg(name: string, value?: string, valueFrom?: AnalysisArg['valueFrom']): AnalysisArg {
  return { name, value, valueFrom };
}

export function buildInput(over: Partial<BuildInput> = {}): BuildInput {
  return {
    rolloutName: 'agent', podHash: '7f9c', revision: 2, stepIndex: 1, kind: 'step',
    analysis: anAnalysis(), templates: [aTemplate()], stableHash: '5b6d', latestHash: '7f9c', now: 0, ...over,
  };
}

/** Builds a run from metrics in one template (throws if Argo would refuse to create it). */
export function runOf(metrics: AnalysisMetric[], over: Partial<BuildInput> = {}, tpl: Partial<AnalysisTemplate> = {}): AnalysisRun {
  const b = buildAnalysisRun(buildInput({ templates: [aTemplate({ metrics, ...tpl })], ...over }));
  if (!b.ok) throw new Error(b.error);
  return b.run;
}

export type Letter = 'S' | 'F' | 'I' | 'E';

const VALUES: Record<Letter, number[]> = { S: [0.01], F: [0.5], I: [0.07], E: [] };

export function resultFor(letter: Letter): ProviderResult {
  const value = VALUES[letter];
  return { ok: true, value, display: JSON.stringify(value) };
}

/**
 * A provider answering each metric from its own script (by metric name), one letter per call;
 * it throws when a metric is measured more often than scripted. `calls` records [metric, now].
 */
export function scripted(scripts: Record<string, string>): Provider & { calls: [string, Ms][] } {
  const used = new Map<string, number>();
  const calls: [string, Ms][] = [];
  const provider = (metric: AnalysisMetric, ctx: { now: Ms }): ProviderResult => {
    const script = (scripts[metric.name] ?? '').replace(/\s+/g, '');
    const i = used.get(metric.name) ?? 0;
    const letter = script[i] as Letter | undefined;
    if (letter === undefined) throw new Error(`metric ${metric.name} measured more than ${script.length} times (at ${ctx.now})`);
    used.set(metric.name, i + 1);
    calls.push([metric.name, ctx.now]);
    return resultFor(letter);
  };
  return Object.assign(provider, { calls });
}

/**
 * Runs the reconcile loop as a caller would: measure at creation, then at every nextDue, until
 * the run completes or the next due instant passes `until`.
 */
export function drive(run: AnalysisRun, provider: Provider, until: Ms = Number.POSITIVE_INFINITY): { run: AnalysisRun; events: SimEvent[] } {
  const events: SimEvent[] = [];
  let t: Ms | undefined = run.createdAt;
  for (let i = 0; t !== undefined && t <= until; i++) {
    if (i > 10_000) throw new Error('drive: too many reconciles');
    const step = measure(run, t, provider);
    run = step.run;
    events.push(...step.events);
    t = nextDue(run);
  }
  return { run, events };
}

/** Drives until `at`, then terminates there. */
export function driveThenTerminate(run: AnalysisRun, provider: Provider, at: Ms): { run: AnalysisRun; events: SimEvent[] } {
  const driven = drive(run, provider, at);
  const step = terminate(driven.run, at);
  return { run: step.run, events: [...driven.events, ...step.events] };
}

/** The measurement events' [metric, t, phase] triples. */
export function measurements(events: SimEvent[]): [string, Ms, string][] {
  return events.flatMap((e) => (e.type === 'Measurement' ? [[e.metric, e.t, e.phase] as [string, Ms, string]] : []));
}

export function completions(events: SimEvent[]): SimEvent[] {
  return events.filter((e) => e.type === 'AnalysisRunCompleted');
}
