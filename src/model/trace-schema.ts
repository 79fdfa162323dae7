/**
 * The JSON Schemas (draft-07) of the trace's events and of the Summary, written once here beside
 * the types they describe (events.ts) and published by `npm run schema` as
 * schema/trace.schema.json and schema/summary.schema.json. A test validates every event of every
 * shipped scenario's trace against them, so the two cannot drift apart unseen.
 */
import { SCHEMA_VERSION } from './events.js';

type Json = Record<string, unknown>;

const ms = (description: string): Json => ({ type: 'integer', minimum: 0, description });
const count = (description: string): Json => ({ type: 'integer', minimum: 0, description });
const str = (description?: string): Json => ({ type: 'string', ...(description === undefined ? {} : { description }) });
const num = (description?: string): Json => ({ type: 'number', ...(description === undefined ? {} : { description }) });
const bool = (description: string): Json => ({ type: 'boolean', description });
const oneOf = (values: readonly string[], description?: string): Json => ({ type: 'string', enum: values, ...(description === undefined ? {} : { description }) });
const nullable = (s: Json): Json => ({ ...s, type: [s['type'] as string, 'null'], ...(Array.isArray(s['enum']) ? { enum: [...(s['enum'] as unknown[]), null] } : {}) });
const array = (items: Json, description?: string): Json => ({ type: 'array', items, ...(description === undefined ? {} : { description }) });
const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` });

/** Every key required, no other key allowed: the trace's shape is exact. Example: object({a: str()}) → {type: 'object', properties: {a: …}, required: ['a'], additionalProperties: false}. */
function object(properties: Record<string, Json>, description?: string): Json {
  return { type: 'object', ...(description === undefined ? {} : { description }), properties, required: Object.keys(properties), additionalProperties: false };
}

/** An event: `t` and its `type` first, then its own fields. */
function event(type: string, description: string, fields: Record<string, Json> = {}): Json {
  return object({ t: ms('Simulated time, ms since the start of the run.'), type: { const: type }, ...fields }, description);
}

/** The same object with `keys` no longer required. Example: optional(object({a, b}), 'b').required → ['a']. */
function optional(o: Json, ...keys: string[]): Json {
  return { ...o, required: (o['required'] as string[]).filter((k) => !keys.includes(k)) };
}

const KAYENTA_JUDGEMENT = object({
  score: count('The score, 0–100 (truncated, as Argo reads it).'),
  pass: num('threshold.pass'),
  marginal: num('threshold.marginal'),
  metrics: array(object({
    name: str(), group: str(), classification: oneOf(['Pass', 'High', 'Low', 'Nodata', 'NodataFailMetric']),
    ratio: nullable(num('Mean of canary / mean of baseline; null when either mean is 0.')),
    interval: nullable(object({ lower: num(), upper: num(), estimate: num() }, '98 % Mann-Whitney interval of canary − baseline and its Hodges-Lehmann estimate.')),
  })),
}, "A kayenta measurement's judgement (NetflixACAJudge): the score and each metric's classification.");

const STRATEGY = oneOf(['canary', 'blueGreen', 'rollingUpdate'], "Argo's (and apps/v1's) strategy field.");
const ROUTER = nullable(str("A canary's trafficRouting router (istio, nginx, …)."));
const ANALYSIS_PHASE = oneOf(['Pending', 'Running', 'Successful', 'Failed', 'Error', 'Inconclusive']);
const ABORT_CAUSES = ['failed', 'error', 'inconclusive', 'noData', 'operator', 'progressDeadline', 'stepPlugin'];
const ROLE = oneOf(['stable', 'canary', 'active', 'preview']);

const VERSION_FIGURES = object({
  image: str(),
  requests: count('Completed requests.'),
  errorRate: nullable(num()),
  p99: nullable(count('Milliseconds.')),
  taskSuccess: nullable(num()),
}, 'Service figures of one version, from user traffic only (or of the mirrored copies).');

const SUMMARY_FIELDS: Record<string, Json> = {
  schemaVersion: { const: SCHEMA_VERSION },
  rollout: str('The workload (metadata.name).'),
  strategy: STRATEGY,
  router: ROUTER,
  outcome: oneOf(['promoted', 'aborted', 'incomplete']),
  updateStartedAt: nullable(ms('When the update started; null for a no-op update (the template is the stable image).')),
  regressionConfigured: bool('The scenario injects a regression into the release.'),
  regressionInEffect: bool('A regression was active on the release before the outcome (the release served a request while its conditions held).'),
  abortCause: nullable(oneOf(ABORT_CAUSES, 'Why the rollout was aborted; null unless aborted.')),
  abortDetail: nullable(str('The abort in words, from the trace events that decided it; null unless aborted.')),
  caught: bool('Aborted while a regression was in effect, and the healthy twin had not aborted by then.'),
  falseRollback: bool('Aborted and not caught: the healthy twin aborted too, or no regression was in effect yet.'),
  twin: {
    anyOf: [object({
      abortedAfter: nullable(ms("Ms from the update start to the twin's first abort, at or before the run's; null when it had not aborted by then.")),
      abortCause: nullable(oneOf(ABORT_CAUSES, 'Why the twin aborted; null when it had not.')),
    }), { type: 'null' }],
    description: "The healthy twin of an aborted run (the same scenario, seed, traffic and operator actions but an abort, every regression removed, run up to the run's abort); null when the run did not abort.",
  },
  detectedAfter: nullable(ms('Ms from the update start to the abort that caught the regression.')),
  abortedAfter: nullable(ms('Ms from the update start to the abort in force at the end.')),
  promotedAfter: nullable(ms('Ms from the update start to promotion.')),
  arrivedRequests: count('User requests that arrived.'),
  completedRequests: count('User requests that completed (the denominator of harmedShare).'),
  inFlightRequests: count('Arrived, neither completed nor unserved when the run ended.'),
  unservedRequests: count('Arrived and found no ready pod.'),
  releaseRequests: count('Completed user requests the release served.'),
  harmedRequests: count('Completed user requests the release made worse than the stable version would have.'),
  harmedShare: num('harmedRequests / completedRequests, to 6 decimals.'),
  versions: object({ stable: ref('VersionFigures'), release: ref('VersionFigures') }),
  mirrored: { anyOf: [ref('VersionFigures'), { type: 'null' }], description: 'The shadow copies a setMirrorRoute sent to the release; null when the run never mirrored.' },
};

const TRACE_STEP = object({
  label: str('The step as kubectl argo rollouts lists it.'),
  kind: oneOf(['setWeight', 'pause', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'experiment', 'plugin']),
  setWeight: nullable(count('setWeight steps: the weight.')),
  pauseDuration: nullable(ms('Pause steps: the duration; null for an indefinite pause.')),
  mirrorPercent: nullable(count('setMirrorRoute: percent of matching requests copied (0 removes the route).')),
});

const TRACE_METRIC = object({
  template: str(), name: str(), query: nullable(str('The prometheus query as written; null for the job provider.')),
  successCondition: nullable(str()), failureCondition: nullable(str()), failureLimit: { type: 'integer' },
});

const EVENTS: Record<string, Json> = {
  SimulationStarted: event('SimulationStarted', 'The first event: what a reader needs before anything happens.', {
    schemaVersion: { const: SCHEMA_VERSION }, scenario: str(), description: str(), seed: count('The seed.'),
    rollout: str(), workloads: array(str(), 'Every workload of the scenario, in file order.'), namespace: str(),
    kind: oneOf(['Rollout', 'Deployment']), strategy: STRATEGY, router: ROUTER, replicas: count('spec.replicas.'),
    stableImage: str(), releaseImage: str(), stableHash: str('Pod-template hash of the stable version.'), releaseHash: str('Pod-template hash of the release.'),
    updateAt: nullable(ms('When the update starts; null for a no-op update.')), duration: ms('spec.duration.'), scrapeInterval: ms('spec.scrapeInterval.'),
    steps: array(ref('TraceStep')),
    services: array(object({ name: str(), role: oneOf(['active', 'preview']) }), 'Blue-green: the Services the Rollout manages, active first.'),
    metrics: array(ref('TraceMetric'), 'The metrics of every AnalysisTemplate the workload references.'),
  }),
  Warning: event('Warning', 'A load-time warning (right after SimulationStarted): the template or Scenario cannot work as written.', {
    rule: str("The lint rule's stable id, e.g. query-unknown-metric."), message: str(),
    file: str(), line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 },
    path: str('YAML path inside the document.'), suggestion: str("The fix ('' when there is nothing to add)."),
  }),
  RolloutStarted: event('RolloutStarted', 'The update started.', {
    rollout: str(), strategy: STRATEGY, router: ROUTER, replicas: count('spec.replicas.'), stableImage: str(), releaseImage: str(),
    stableHash: str(), releaseHash: str(), steps: count('Canary steps (0 for other strategies).'),
  }),
  StepStarted: event('StepStarted', 'A canary step started.', { index: count('0-based step index.'), step: str() }),
  StepCompleted: event('StepCompleted', 'A canary step completed.', { index: count('0-based step index.') }),
  WeightChanged: event('WeightChanged', 'Traffic weights changed.', { canary: num(), stable: num(), actual: num() }),
  ReplicaSetScaled: event('ReplicaSetScaled', 'A ReplicaSet was scaled.', { role: ROLE, hash: str(), replicas: count('Target replicas.') }),
  PhaseChanged: event('PhaseChanged', "The Rollout's phase changed.", { phase: oneOf(['Progressing', 'Paused', 'Healthy', 'Degraded']), message: str() }),
  Paused: event('Paused', 'A pause condition was added.', { reason: str() }),
  Resumed: event('Resumed', 'A pause ended.', { by: str() }),
  ServiceSwitched: event('ServiceSwitched', 'A Service now selects another ReplicaSet.', { service: str(), to: str() }),
  AnalysisRunStarted: event('AnalysisRunStarted', 'An AnalysisRun was created.', { name: str(), templates: array(str()), args: { type: 'object', additionalProperties: str() } }),
  Measurement: optional(event('Measurement', 'One measurement of an analysis metric.', { run: str(), metric: str(), query: str(), value: str(), phase: ANALYSIS_PHASE, message: str(), judge: KAYENTA_JUDGEMENT }), 'judge'),
  AnalysisRunCompleted: event('AnalysisRunCompleted', 'An AnalysisRun reached a terminal phase.', { name: str(), phase: ANALYSIS_PHASE, message: str() }),
  ExperimentStarted: event('ExperimentStarted', 'A canary experiment step created its Experiment and its ReplicaSets.', {
    name: str(), stepIndex: count('0-based step index.'), duration: nullable(count('spec.duration in milliseconds.')),
    templates: array(object({
      name: str(), specRef: oneOf(['stable', 'canary']), replicas: count('Its replicas.'), weight: nullable(num('Share of user traffic (trafficRouting).')),
      rs: str('The ReplicaSet name.'), hash: str(),
    })),
    analyses: array(object({ name: str(), templateName: str(), requiredForCompletion: bool('The experiment completes when this run succeeds.') })),
  }),
  ExperimentReplicaSetScaled: event('ExperimentReplicaSetScaled', "An experiment template's ReplicaSet was scaled.", {
    experiment: str(), template: str(), rs: str(), replicas: count('Target replicas.'),
  }),
  ExperimentPhaseChanged: event('ExperimentPhaseChanged', "An Experiment's phase changed.", { name: str(), phase: ANALYSIS_PHASE, message: str() }),
  StepPluginPhaseChanged: event('StepPluginPhaseChanged', "A step plugin's Run, Abort or Terminate changed phase (Argo's StepPluginTransition).", {
    index: count('0-based step index.'), plugin: str(), operation: oneOf(['Run', 'Abort', 'Terminate']), phase: oneOf(['Running', 'Successful', 'Failed', 'Error']), message: str(),
  }),
  OperatorAction: event('OperatorAction', 'An operator action (spec.operator or a key).', { action: oneOf(['promote', 'promoteFull', 'abort', 'retry', 'pause', 'resume']) }),
  RolloutAborted: event('RolloutAborted', 'The update was aborted.', { reason: str() }),
  RolloutPromoted: event('RolloutPromoted', 'The release became stable.'),
  Sample: event('Sample', 'What a dashboard shows now, at every scrape and at the end.', {
    versions: array(object({ hash: str(), rps: nullable(num()), errorRate: nullable(num()), p99: nullable(num('Milliseconds.')), taskSuccess: nullable(num()) })),
    replicaSets: array(object({ hash: str(), pods: { type: 'string', pattern: '^[rst]*$', description: 'Live pods in creation order: r ready, s starting, t terminating.' } })),
    arrived: count('User requests that arrived so far.'), completed: count('User requests completed so far.'), unserved: count('User requests that found no ready pod.'),
    releaseRequests: count('Completed user requests the release served.'), harmed: count('Harmed requests so far.'), mirrored: count('Mirrored copies completed so far.'),
  }),
  Summary: event('Summary', 'The last event: the Summary (schema/summary.schema.json).', SUMMARY_FIELDS),
};

const HEADER = { $schema: 'http://json-schema.org/draft-07/schema#' };
const GENERATED = 'Generated from src/model/trace-schema.ts; do not edit by hand.';

/** The schema of one line of a jsonl trace (`simulate run --output jsonl`). */
export function traceJsonSchema(): Json {
  return {
    ...HEADER, title: 'rollout-sim trace event',
    description: `One line of a jsonl trace: {"t": ms, "type": …} and the event's fields, in this order. Schema version ${SCHEMA_VERSION}. ${GENERATED}`,
    anyOf: Object.keys(EVENTS).map(ref),
    definitions: { ...EVENTS, VersionFigures: VERSION_FIGURES, TraceStep: TRACE_STEP, TraceMetric: TRACE_METRIC },
  };
}

/** The schema of a Summary (`simulate run --output json`, each result of `compare --output json`, without the trace's t and type). */
export function summaryJsonSchema(): Json {
  const fields = SUMMARY_FIELDS;
  return {
    ...HEADER, title: 'rollout-sim Summary',
    description: `The Summary of one run (DESIGN §7): every reporter, compare, sweep, check and the HTML report read it. The Summary event of a trace adds "t" and "type" before these fields. Schema version ${SCHEMA_VERSION}. ${GENERATED}`,
    ...object({ ...fields, t: ms('The Summary event: when the run ended.'), type: { const: 'Summary' } }),
    required: Object.keys(fields),
    definitions: { VersionFigures: VERSION_FIGURES },
  };
}

/** The files `npm run schema` writes, by name under schema/. */
export function traceSchemaFiles(): Record<string, string> {
  return {
    'trace.schema.json': JSON.stringify(traceJsonSchema(), null, 2) + '\n',
    'summary.schema.json': JSON.stringify(summaryJsonSchema(), null, 2) + '\n',
  };
}
