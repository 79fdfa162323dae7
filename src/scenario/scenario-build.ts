/**
 * Scenario document → the model's Scenario (minus the manifests, which load.ts attaches):
 * defaults that depend on other documents, cohort and workload references, the request cap.
 */
import { EXPECT_FIELDS, type ExpectField, type Expectation, type Expectations } from '../model/expect.js';
import { lognormalMeanMs } from '../model/latency.js';
import type { Behaviour, Cohort, OperatorAction, RateProfile, Regression, Scenario } from '../model/scenario.js';
import { formatDuration } from '../model/time.js';
import { didYouMean, quoteList } from './errors.js';
import { checkMetricsMapping } from './metrics-mapping.js';
import { MAX_EXPECTED_REQUESTS, ScenarioEnvelope, ScenarioSpec } from './scenario-schema.js';
import type { Agent, BehaviourOverride } from './scenario-schema.js';
import type { Out } from './schema.js';
import { expectedRequests, stableImageFor, toRateProfile, type RpsValue } from './traffic.js';
import { checkFields, child, defined, fail, failKey, index, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { getKey } from './yaml-doc.js';

export type ScenarioCore = Omit<Scenario, 'workloads' | 'analysisTemplates' | 'services'>;

export interface ScenarioInputs {
  /** Every Rollout/Deployment document's name and kind, valid or not, in file order. */
  readonly workloadNames: readonly { readonly name: string; readonly kind: 'Rollout' | 'Deployment' }[];
  /** The first valid workload's template image (the default release image). */
  readonly firstImage: string | undefined;
  /** The first metadata.namespace written in a manifest (the default namespace). */
  readonly manifestNamespace: string | undefined;
  /** The fewest spec.replicas of the valid workloads (sizes the default traffic). */
  readonly fewestReplicas: number | undefined;
}

export function buildScenario(cx: Cx, inputs: ScenarioInputs): ScenarioCore | undefined {
  const doc = checkFields(ScenarioEnvelope, cx.sd.root, '', cx);
  if (doc === undefined || doc.spec === undefined) return undefined;
  const spec = checkFields(ScenarioSpec, getKey(cx.sd, cx.sd.root, 'spec'), 'spec', cx);
  if (spec === undefined) return undefined;
  const before = cx.issues.count;
  const cohorts = spec.traffic?.cohorts;
  const names = cohorts?.map((c) => c.name);
  const agent = spec.agent && buildAgent(cx, spec.agent, cohorts);
  const regressions = spec.release && names && agent ? buildRegressions(cx, spec.release.regressions, names, agent) : undefined;
  const releaseImage = spec.release?.image ?? inputs.firstImage;
  const stableImage = spec.agent?.image ?? (releaseImage === undefined ? undefined : stableImageFor(releaseImage));
  if (spec.agent !== undefined && spec.agent.image === undefined && releaseImage !== undefined && stableImage === releaseImage) {
    fail(cx, 'spec.agent', `the default stable image ${stableImage} equals the release image, so nothing would change`, "set spec.agent.image to the stable version's image");
  }
  const synth = spec.syntheticTests && names ? { ...spec.syntheticTests, cohorts: checkCohortList(cx, spec.syntheticTests.cohorts, names) } : undefined;
  const operator = spec.operator && buildOperator(cx, spec.operator, inputs);
  const compare = checkCompare(cx, spec.compare, inputs);
  const expect = spec.expect && buildExpect(cx, spec.expect, inputs, names && agent ? (list) => buildRegressions(cx, list, names, agent, 'spec.expect.whenRegressed.regressions') : undefined);
  const metrics = spec.metrics && checkMetricsMapping(cx, spec.metrics);
  checkTimes(cx, spec);
  const rate = spec.traffic && rateOf(cx, spec.traffic.rps, agent, cohorts, inputs.fewestReplicas);
  if (rate !== undefined && spec.duration !== undefined) {
    const n = expectedRequests(rate, spec.duration);
    if (n > MAX_EXPECTED_REQUESTS) {
      fail(cx, 'spec.traffic.rps', `about ${Math.round(n).toLocaleString('en-US')} requests expected over ${formatDuration(spec.duration)}, above the cap of ${MAX_EXPECTED_REQUESTS.toLocaleString('en-US')} simulated requests`, 'lower the rate or spec.duration');
    }
  }
  if (cx.issues.count !== before || !defined(spec, 'seed', 'duration', 'scrapeInterval', 'release') || doc.metadata === undefined) return undefined;
  if (agent === undefined || regressions === undefined || rate === undefined || cohorts === undefined || operator === undefined) return undefined;
  if (releaseImage === undefined || stableImage === undefined || metrics === undefined) return undefined;
  return {
    file: cx.sd.file,
    name: doc.metadata.name ?? baseName(cx.sd.file),
    description: doc.metadata.description,
    namespace: spec.namespace ?? inputs.manifestNamespace ?? 'default',
    seed: spec.seed,
    duration: spec.duration,
    scrapeInterval: spec.scrapeInterval,
    traffic: { rate, cohorts: cohorts.map((c): Cohort => ({ name: c.name, share: c.share, headers: c.headers, method: c.method, path: c.path })) },
    agent,
    stableImage,
    release: { image: releaseImage, at: spec.release.at, regressions },
    slo: { latency: spec.slo?.latency ?? 2 * agent.base.latency.p99 },
    syntheticTests: synth === undefined ? undefined : { cases: synth.cases, cohorts: synth.cohorts ?? names ?? [], maxFailures: synth.maxFailures },
    operator,
    compare: compare ?? inputs.workloadNames.map((w) => w.name),
    metrics,
    ...(spec.providers === undefined ? {} : { providers: { web: spec.providers.web ?? [], metrics: (spec.providers.metrics ?? []).map((m) => ({ template: m.template, metric: m.metric, query: m.query, fields: m.fields })), kayenta: spec.providers.kayenta ?? [] } }),
    ...(spec.secrets === undefined ? {} : { secrets: spec.secrets }),
    ...(spec.fields === undefined ? {} : { fields: spec.fields }),
    ...(spec.history === undefined ? {} : { history: spec.history }),
    ...(spec.stepPlugins === undefined ? {} : { stepPlugins: spec.stepPlugins }),
    ...(compare === undefined ? {} : { compareListed: true as const }),
    ...(expect === undefined ? {} : { expect }),
  };
}

/** The expectations in a fixed order (the order of EXPECT_FIELDS), the rollout checked against the file's workloads. */
function buildExpect(cx: Cx, e: NonNullable<Out<typeof ScenarioSpec>['expect']>, inputs: ScenarioInputs, regressionsOf: ((list: readonly RegressionIn[]) => Regression[]) | undefined): Expectations {
  const names = inputs.workloadNames.map((w) => w.name);
  if (e.rollout !== undefined && names.length > 0 && !names.includes(e.rollout)) {
    fail(cx, 'spec.expect.rollout', `no Rollout or Deployment named "${e.rollout}"`, didYouMean(e.rollout, names) ?? `workloads: ${quoteList(names)}`);
  }
  const w = e.whenRegressed;
  const regressions = w === undefined ? undefined : regressionsOf?.(w.regressions);
  return {
    seeds: e.seeds, atLeast: e.atLeast ?? e.seeds, rollout: e.rollout, checks: checksOf(e),
    ...(w === undefined || regressions === undefined ? {} : { whenRegressed: { regressions, checks: checksOf(w) } }),
  };
}

/** The expectations an `expect:` (or its whenRegressed) names, in the order of EXPECT_FIELDS. */
function checksOf(e: object): Expectation[] {
  const checks: Expectation[] = [];
  for (const field of Object.keys(EXPECT_FIELDS) as ExpectField[]) {
    const want = (e as Record<string, unknown>)[field];
    if (want !== undefined) checks.push({ field, want } as Expectation);
  }
  return checks;
}

/**
 * The given rate, or by default about half the capacity of the smallest workload: replicas ×
 * concurrency busy slots, each freeing up once per mean service time (a saturated default would
 * make every run about queueing, not about the release). Says so in a note.
 * Example: 10 replicas × concurrency 4, {median: 900ms, p99: 4s} (mean ≈ 1.106 s) → 18 rps.
 */
function rateOf(cx: Cx, rps: RpsValue | undefined, agent: Scenario['agent'] | undefined, cohorts: readonly { name: string; share: number }[] | undefined, replicas: number | undefined): RateProfile | undefined {
  if (rps !== undefined) return toRateProfile(rps);
  if (agent === undefined || cohorts === undefined || replicas === undefined) return undefined;
  let meanS = 0;
  for (const c of cohorts) meanS += (c.share * lognormalMeanMs((agent.cohorts[c.name] ?? agent.base).latency)) / 1000;
  const capacity = (Math.max(1, replicas) * agent.concurrency) / meanS;
  const chosen = roundSignificant(capacity / 2, 2);
  cx.notes.push(`${cx.sd.file}: spec.traffic.rps: not set, so ${chosen} rps: about half of what ${replicas} pod${replicas === 1 ? '' : 's'} × concurrency ${agent.concurrency} serve (mean service time ${meanS.toFixed(2)} s)`);
  return { kind: 'constant', rps: chosen };
}

/** Example: roundSignificant(18.08, 2) → 18; roundSignificant(0.7234, 2) → 0.72; roundSignificant(1234, 2) → 1200. */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

function buildAgent(cx: Cx, a: Out<typeof Agent>, cohorts: readonly { name: string }[] | undefined): Scenario['agent'] | undefined {
  const base: Behaviour = { latency: a.latency, errorRate: a.errorRate, taskSuccess: a.taskSuccess, tokens: a.tokens, crashRate: a.crashRate };
  const names = cohorts?.map((c) => c.name) ?? [];
  const overrides = a.cohorts ?? {};
  for (const k of Object.keys(overrides)) {
    if (cohorts !== undefined && !names.includes(k)) failKey(cx, child('spec.agent.cohorts', k), `unknown cohort "${k}"`, didYouMean(k, names) ?? `cohorts are ${quoteList(names)}`);
  }
  // Cohort names are data: a null-prototype map keeps `constructor` or `__proto__` an ordinary key.
  const merged = Object.create(null) as Record<string, Behaviour>;
  for (const n of names) merged[n] = mergeBehaviour(base, overrides[n]);
  return { concurrency: a.concurrency, startup: a.startup, timeout: a.timeout, base, cohorts: merged };
}

function mergeBehaviour(base: Behaviour, o: Out<typeof BehaviourOverride> | undefined): Behaviour {
  if (o === undefined) return base;
  return {
    latency: o.latency ?? base.latency,
    errorRate: o.errorRate ?? base.errorRate,
    taskSuccess: o.taskSuccess ?? base.taskSuccess,
    tokens: o.tokens ?? base.tokens,
    crashRate: o.crashRate ?? base.crashRate,
  };
}

type RegressionIn = Out<typeof ScenarioSpec>['release']['regressions'][number];
const pct = (x: number): string => `${+(x * 100).toFixed(4)}%`;

function buildRegressions(cx: Cx, list: readonly RegressionIn[], names: readonly string[], agent: Scenario['agent'], at = 'spec.release.regressions'): Regression[] {
  return list.map((r, i) => {
    const p = index(at, i);
    if (r.cohort !== undefined && !names.includes(r.cohort)) {
      fail(cx, `${p}.cohort`, `unknown cohort "${r.cohort}"`, didYouMean(r.cohort, names) ?? `cohorts are ${quoteList(names)}`);
    } else if (r.metric !== 'latency' && r.metric !== 'tokens' && (r.delta !== undefined || r.factor !== undefined)) {
      // The changed probability must stay a probability for every cohort it touches.
      for (const n of r.cohort === undefined ? names : [r.cohort]) {
        const from = (agent.cohorts[n] ?? agent.base)[r.metric];
        const to = r.delta !== undefined ? from + r.delta : from * (r.factor ?? 1);
        if (to < 0 || to > 1) {
          const how = r.delta !== undefined ? `+ delta ${pct(r.delta)}` : `× factor ${r.factor ?? 1}`;
          fail(cx, `${p}.${r.delta !== undefined ? 'delta' : 'factor'}`, `${r.metric} ${pct(from)} ${how} = ${pct(to)} is outside [0%, 100%] (cohort "${n}")`);
          break;
        }
      }
    }
    return { ...r, source: posOf(cx, p) };
  });
}

function checkCohortList(cx: Cx, list: readonly string[] | undefined, names: readonly string[]): string[] | undefined {
  list?.forEach((c, i) => {
    if (!names.includes(c)) fail(cx, `spec.syntheticTests.cohorts[${i}]`, `unknown cohort "${c}"`, didYouMean(c, names) ?? `cohorts are ${quoteList(names)}`);
  });
  return list === undefined ? undefined : [...list];
}

type OperatorIn = Out<typeof ScenarioSpec>['operator'][number];

function buildOperator(cx: Cx, list: readonly OperatorIn[], inputs: ScenarioInputs): OperatorAction[] {
  const rollouts = inputs.workloadNames.filter((w) => w.kind === 'Rollout').map((w) => w.name);
  list.forEach((o, i) => {
    if (o.rollout === undefined || rollouts.includes(o.rollout)) return;
    const isDeployment = inputs.workloadNames.some((w) => w.name === o.rollout);
    fail(cx, `spec.operator[${i}].rollout`, isDeployment ? `"${o.rollout}" is a Deployment: operator actions act on Rollouts` : `no Rollout named "${o.rollout}"`, didYouMean(o.rollout, rollouts) ?? (rollouts.length > 0 ? `Rollouts: ${quoteList(rollouts)}` : undefined));
  });
  // Stable sort: actions at the same instant keep their written order.
  return list.map((o) => ({ at: o.at, action: o.action, rollout: o.rollout })).sort((a, b) => a.at - b.at);
}

function checkCompare(cx: Cx, list: readonly string[] | undefined, inputs: ScenarioInputs): string[] | undefined {
  const all = inputs.workloadNames.map((w) => w.name);
  list?.forEach((n, i) => {
    if (!all.includes(n)) fail(cx, `spec.compare[${i}]`, `no Rollout or Deployment named "${n}"`, didYouMean(n, all) ?? (all.length > 0 ? `workloads: ${quoteList(all)}` : undefined));
    else if (list.indexOf(n) !== i) fail(cx, `spec.compare[${i}]`, `"${n}" is listed twice`);
  });
  return list === undefined ? undefined : [...list];
}

function checkTimes(cx: Cx, spec: { duration?: number | undefined; release?: { at: number } | undefined; operator?: readonly OperatorIn[] | undefined }): void {
  const end = spec.duration;
  if (end === undefined) return;
  if (spec.release !== undefined && spec.release.at >= end) {
    fail(cx, 'spec.release.at', `the update would start at ${formatDuration(spec.release.at)}, after the scenario ends (${formatDuration(end)})`);
  }
  spec.operator?.forEach((o, i) => {
    if (o.at >= end) fail(cx, `spec.operator[${i}].at`, `this action at ${formatDuration(o.at)} comes after the scenario ends (${formatDuration(end)})`);
  });
}

/** baseName('scenarios/tool-call.yaml') === 'tool-call' */
export function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  return last.replace(/\.ya?ml$/i, '') || 'scenario';
}
