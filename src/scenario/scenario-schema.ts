/**
 * The `kind: Scenario` document (apiVersion rollout-sim/v1alpha1), DESIGN §3: everything a
 * cluster would not know. Defaults written here in input form; scenario-build.ts fills the
 * defaults that depend on other documents (images, namespace, compare, slo).
 */
import { expectSchema } from './expect-schema.js';
import { DEFAULT_METHOD, DEFAULT_PATH } from '../model/scenario.js';
import { formatDuration } from '../model/time.js';
import { any, arr, dflt, map, obj, opt, refine, req, shape } from './schema.js';
import { enumOf, int, num, percent, str } from './scalars.js';
import { duration } from './durations.js';
import { providerFields } from './providers-schema.js';
import { StepPluginSchema } from './rollout-answers.js';

export const API_VERSION = 'rollout-sim/v1alpha1';
/**
 * Cap on the expected number of simulated requests (traffic integrated over `duration`): every
 * request is two events, and a run beyond this would take minutes and gigabytes.
 */
export const MAX_EXPECTED_REQUESTS = 50_000_000;
export const OPERATOR_ACTIONS = ['promote', 'promoteFull', 'abort', 'retry', 'pause', 'resume'] as const;
export const REGRESSION_METRICS = ['errorRate', 'latency', 'taskSuccess', 'tokens', 'crashRate'] as const;
/** Probability metrics: the ones `to` and `delta` make sense for. */
export const PROBABILITY_METRICS: readonly string[] = ['errorRate', 'taskSuccess', 'crashRate'];
/** Metrics `factor` makes sense for (a multiplier on a time, a count or a small probability). */
export const FACTOR_METRICS: readonly string[] = ['latency', 'tokens', 'errorRate', 'crashRate'];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const Latency = refine(
  obj(
    {
      median: req(duration({ positive: true }), { description: 'Median service time (lognormal).', examples: ['900ms'] }),
      p99: req(duration({ positive: true }), { description: '99th-percentile service time.', examples: ['4s'] }),
    },
    { description: 'Service-time distribution of one request (lognormal through median and p99).' },
  ),
  (v, report) => {
    if (v.p99 < v.median) {
      report('p99', `p99 (${formatDuration(v.p99)}) is below the median (${formatDuration(v.median)})`, 'a 99th percentile cannot be faster than the median');
    }
  },
);

const behaviourFields = {
  errorRate: percent({ description: 'Probability that a request errs (HTTP 500).', examples: ['0.5%', 0.004] }),
  taskSuccess: percent({ description: 'Probability that a served request succeeds at its task (online eval / user feedback).', examples: ['96%'] }),
  tokens: num({ min: 0, description: 'Mean tokens per request.', examples: [800] }),
  crashRate: percent({ description: 'Probability per request that the pod crashes (it and its queue fail, then it restarts).', examples: ['0.01%'] }),
};

export const BehaviourOverride = obj(
  {
    latency: opt(Latency),
    errorRate: opt(behaviourFields.errorRate),
    taskSuccess: opt(behaviourFields.taskSuccess),
    tokens: opt(behaviourFields.tokens),
    crashRate: opt(behaviourFields.crashRate),
  },
  { description: 'Per-cohort overrides of the agent behaviour; unset fields inherit the agent-wide value.' },
);

export const Agent = obj(
  {
    image: opt(str({ nonEmpty: true }), {
      description: "The stable version's image (what runs before the update). Default: the release image's repository with tag `stable`.",
      examples: ['registry.example.com/agent:v1'],
    }),
    concurrency: dflt(int({ min: 1 }), 4, { description: 'Requests a pod serves at once; the rest wait in its FIFO queue.' }),
    startup: dflt(duration(), '20s', { description: 'Pod readiness delay after it is created (and after a crash).' }),
    timeout: opt(duration({ positive: true }), { description: 'Requests slower than this (queue + service) complete as HTTP 504. Default: no timeout.', examples: ['30s'] }),
    latency: dflt(Latency, { median: '900ms', p99: '4s' }),
    errorRate: dflt(behaviourFields.errorRate, '0.5%'),
    taskSuccess: dflt(behaviourFields.taskSuccess, '95%'),
    tokens: dflt(behaviourFields.tokens, 800),
    crashRate: dflt(behaviourFields.crashRate, 0),
    cohorts: opt(map(BehaviourOverride), { description: 'Overrides by cohort name, e.g. `long-context: {latency: {median: 3s, p99: 12s}}`.' }),
  },
  { description: 'Behaviour of the stable version, per replica.' },
);

const RatePoint = obj({
  at: req(duration(), { description: 'When this rate starts (simulated time since the start).', examples: ['0s', '30m'] }),
  rps: req(num({ min: 0 }), { description: 'Requests per second from `at` until the next point.' }),
});

const RateSteps = refine(arr(RatePoint, { minItems: 1, description: 'A piecewise-constant profile: `[{at: 0s, rps: 20}, {at: 30m, rps: 80}]`.' }), (points, report) => {
  if (points[0] !== undefined && points[0].at !== 0) report('[0].at', `the first point must be at 0s, got ${formatDuration(points[0].at)}`, 'add {at: 0s, rps: …} first');
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev !== undefined && p.at <= prev.at) report(`[${i}].at`, `points must be in increasing time order: ${formatDuration(p.at)} does not come after ${formatDuration(prev.at)}`);
  });
  if (points.every((p) => p.rps === 0)) report('', 'every point has rps 0: there would be no traffic at all');
});

const Diurnal = obj({
  diurnal: req(
    refine(
      obj({
        min: req(num({ min: 0 }), { description: 'Lowest rate (requests per second).' }),
        max: req(num({ min: 0, exclusiveMin: true }), { description: 'Highest rate (requests per second).' }),
        period: dflt(duration({ positive: true }), '24h', { description: 'Length of one cycle.' }),
        peakAt: dflt(duration(), '0s', { description: 'When (mod period) the rate peaks.' }),
      }),
      (v, report) => {
        if (v.max < v.min) report('max', `max (${v.max}) is below min (${v.min})`);
      },
    ),
    { description: 'A sinusoid between min and max with the peak at peakAt (mod period).' },
  ),
}, { rejected: { steps: { message: 'rate steps are a list, not a mapping', suggestion: 'write rps: [{at: 0s, rps: 20}, {at: 30m, rps: 80}]', excuses: ['diurnal'] } } });

export const Rps = shape({
  scalar: num({ min: 0, exclusiveMin: true, description: 'A constant rate in requests per second.' }),
  seq: RateSteps,
  map: Diurnal,
  description:
    'Requests per second: a number, a list of {at, rps} steps, or {diurnal: {min, max, period, peakAt}}. ' +
    'The expected total over spec.duration may not exceed 50 million requests.',
  examples: [40, [{ at: '0s', rps: 20 }, { at: '30m', rps: 80 }], { diurnal: { min: 5, max: 60, period: '24h', peakAt: '14h' } }],
});

const Cohort = refine(
  obj({
    name: req(str({ nonEmpty: true }), { description: 'Cohort name, referenced by regressions, agent.cohorts and syntheticTests.', examples: ['tool-call'] }),
    share: req(percent(), { description: 'Fraction of requests in this cohort; shares sum to 1.', examples: [0.3, '30%'] }),
    headers: dflt(map(str()), {}, { description: 'Request headers this cohort carries (matched by setHeaderRoute and setMirrorRoute).', examples: [{ 'x-canary': 'true' }] }),
    method: dflt(str({ nonEmpty: true }), DEFAULT_METHOD, { description: 'HTTP method of this cohort\'s requests (matched by setMirrorRoute `match[].method`).', examples: ['POST'] }),
    path: dflt(str({ nonEmpty: true }), DEFAULT_PATH, { description: 'URL path of this cohort\'s requests (matched by setMirrorRoute `match[].path`).', examples: ['/v1/chat'] }),
  }),
  (c, report) => {
    if (c.share <= 0) report('share', 'a cohort share must be greater than 0');
  },
);

export const Cohorts = refine(arr(Cohort, { minItems: 1, description: 'The real request mix.' }), (cohorts, report) => {
  const seen = new Set<string>();
  cohorts.forEach((c, i) => {
    if (seen.has(c.name)) report(`[${i}].name`, `duplicate cohort name "${c.name}"`);
    seen.add(c.name);
  });
  const sum = cohorts.reduce((s, c) => s + c.share, 0);
  if (Math.abs(sum - 1) > 1e-9) report('', `cohort shares sum to ${+sum.toFixed(6)}, not 1`, 'make the shares add up to 1 (100%)');
});

/** A profile written beside `rps` instead of under it: say where it goes (it excuses the missing rps). */
const misplacedProfile = (form: string) => ({ message: `a traffic profile goes under rps, not beside it`, suggestion: `write rps: ${form}`, excuses: ['rps'] });

export const Traffic = obj(
  {
    rps: opt(Rps, { description: "Arrival rate. Default: about half of what the smallest workload's replicas serve (replicas × agent.concurrency / mean service time ÷ 2)." }),
    cohorts: dflt(Cohorts, [{ name: 'default', share: 1 }]),
  },
  {
    description: 'Arrivals (Poisson at the profile\'s rate) and the cohort mix.',
    rejected: { steps: misplacedProfile('[{at: 0s, rps: 20}, {at: 30m, rps: 80}]'), diurnal: misplacedProfile('{diurnal: {min, max, period, peakAt}}') },
  },
);

const RegressionFields = obj(
  {
    metric: req(enumOf(REGRESSION_METRICS), { description: 'What the release changes.' }),
    cohort: opt(str({ nonEmpty: true }), { description: 'Only this cohort (default: all).' }),
    to: opt(percent(), { description: 'New probability (errorRate, taskSuccess, crashRate).', examples: ['6%'] }),
    delta: opt(percent({ signed: true }), { description: 'Added to the probability (errorRate, taskSuccess, crashRate).', examples: ['-15%'] }),
    factor: opt(num({ min: 0, exclusiveMin: true }), { description: 'Multiplier (latency, tokens, errorRate, crashRate).', examples: [1.4] }),
    after: dflt(duration(), '0s', { description: 'Pod age at which the effect starts.' }),
    ramp: dflt(duration(), '0s', { description: 'Further pod age over which it grows linearly to full strength (a leak).' }),
    whenUtilizationAbove: opt(percent(), { description: 'Only while the pod is busier than this (busy / concurrency).', examples: ['80%'] }),
  },
  { description: 'One subtle change of the release relative to the stable version; exactly one of to, delta, factor.' },
);

export const Regression = refine(RegressionFields, (r, report) => {
  const given = (['to', 'delta', 'factor'] as const).filter((k) => r[k] !== undefined);
  if (given.length !== 1) {
    const got = given.length === 0 ? 'none' : given.join(' and ');
    report('', `set exactly one of to, delta, factor (got ${got})`, r.metric === 'latency' || r.metric === 'tokens' ? 'e.g. factor: 1.4' : 'e.g. to: 6%');
    return;
  }
  const k = given[0];
  if (k === 'factor' && !FACTOR_METRICS.includes(r.metric)) {
    report('factor', `factor does not apply to ${r.metric}`, `use to or delta for the probability ${r.metric}`);
  } else if ((k === 'to' || k === 'delta') && !PROBABILITY_METRICS.includes(r.metric)) {
    report(k, `${k} does not apply to ${r.metric}: it is not a probability`, 'use factor, e.g. factor: 1.4');
  }
});

export const Release = obj(
  {
    image: opt(str({ nonEmpty: true }), { description: "The image the Rollout's template changes to. Default: the first workload's template image.", examples: ['agent:v2'] }),
    at: dflt(duration(), '0s', { description: 'When the template changes (the update starts).' }),
    regressions: dflt(arr(Regression), [], { description: 'None, one or many subtle changes.' }),
  },
  { description: 'The new version: the stable one plus these changes.' },
);

export const SyntheticTests = obj(
  {
    cases: dflt(int({ min: 1, max: 100_000 }), 20, { description: 'Requests the pre-promotion Job sends (at most 100000).' }),
    cohorts: opt(arr(str({ nonEmpty: true }), { minItems: 1 }), { description: 'Cohorts the cases are drawn from (default: all).', examples: [['chat']] }),
    maxFailures: dflt(int({ min: 0 }), 0, { description: 'The Job succeeds iff failures ≤ maxFailures.' }),
  },
  { description: 'What the `job` metric provider runs against the preview/canary pods.' },
);

export const OperatorAction = obj({
  at: req(duration(), { examples: ['15m'] }),
  action: req(enumOf(OPERATOR_ACTIONS), { description: 'kubectl argo rollouts promote | promote --full | abort | retry | pause | resume.' }),
  rollout: opt(str({ nonEmpty: true }), { description: 'Target Rollout (default: the one being run).' }),
});

/** One `spec.metrics` entry; which families and labels exist is checked in metrics-mapping.ts. */
const FamilyMapping = obj(
  {
    name: opt(str({ nonEmpty: true }), { description: 'The name the app exports this family under.', examples: ['flask_http_request_total'] }),
    labels: opt(map(str({ nonEmpty: true })), { description: "Our label name → the app's label name.", examples: [{ code: 'status' }] }),
  },
  { description: 'One of our metric families under the app\'s own name and label names.' },
);

export const ScenarioSpec = obj({
  seed: dflt(int({ min: 0, max: 4_294_967_295 }), 1, { description: 'Random seed; same seed ⇒ same run.' }),
  duration: dflt(duration({ positive: true }), '1h', { description: 'Hard stop of simulated time.' }),
  scrapeInterval: dflt(duration({ minMs: 1000 }), '15s', { description: 'Prometheus scrape period (at least 1s).' }),
  namespace: opt(
    refine(str({ nonEmpty: true }), (v, report) => {
      if (!DNS_LABEL.test(v) || v.length > 63) report('', `"${v}" is not a valid namespace name`, 'lowercase letters, digits and "-", at most 63 characters');
    }),
    { description: "Namespace of the simulated objects. Default: the manifests' own metadata.namespace, else `default`." },
  ),
  traffic: dflt(Traffic, {}),
  agent: dflt(Agent, {}),
  release: dflt(Release, {}),
  slo: opt(obj({ latency: opt(duration({ positive: true }), { description: 'A request slower than this is a bad experience. Default: 2 × agent p99.' }) })),
  syntheticTests: opt(SyntheticTests),
  operator: dflt(arr(OperatorAction), [], { description: 'Scripted human actions.' }),
  history: opt(arr(str({ nonEmpty: true })), {
    description: "Images of the Rollout's earlier revisions, oldest first, before the stable one: their ReplicaSets still exist, scaled to 0 (as many as revisionHistoryLimit keeps). A release.image among them is a rollback (spec.rollbackWindow).",
    examples: [['agent:v1', 'agent:v2']],
  }),
  stepPlugins: opt(map(StepPluginSchema), { description: 'What each canary `plugin` step does, by plugin name.', examples: [{ 'argoproj-labs/sample-step': { duration: '30s', phase: 'Successful' } }] }),
  compare: opt(arr(str({ nonEmpty: true }), { minItems: 1 }), { description: 'Names of the Rollouts/Deployments to race (default: all, in file order).' }),
  expect: opt(expectSchema(Regression)),
  metrics: dflt(map(FamilyMapping), {}, {
    description: "Renames exported metric families and labels to the app's own, keyed by our family name (README: Metrics the pods export).",
    examples: [{ http_requests_total: { name: 'flask_http_request_total', labels: { code: 'status' } } }],
  }),
  ...providerFields,
});

const documentFields = {
  apiVersion: req(enumOf([API_VERSION])),
  kind: req(enumOf(['Scenario'])),
  metadata: dflt(
    obj(
      {
        name: opt(str({ nonEmpty: true }), { description: "Scenario name (default: the file's base name)." }),
        description: dflt(str(), '', { description: 'One or two sentences shown in listings.' }),
      },
      { rejected: { namespace: { message: 'a Scenario has no metadata.namespace', suggestion: 'set spec.namespace instead' } } },
    ),
    {},
  ),
};

/** The whole document, for the JSON Schema. */
export const ScenarioDocument = obj(
  { ...documentFields, spec: req(ScenarioSpec) },
  { description: 'Everything a cluster would not know: traffic, agent behaviour, the release and its regressions.' },
);

/** The document without its spec, which the loader validates field by field. */
export const ScenarioEnvelope = obj({ ...documentFields, spec: req(any()) });
