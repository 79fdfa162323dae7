/**
 * Argo Rollout (argoproj.io/v1alpha1) field tree, from the CRD (../shared/argo/argo-crd-fields.md).
 * Fields that change behaviour the simulator does not model are rejected by name; metadata-only
 * fields are accepted; traffic routers' own configuration is accepted without deep validation.
 * Levels that rollout-build.ts validates separately (spec, strategy, canary, blueGreen) are split
 * so one bad field does not hide the Argo rules about its siblings.
 */
import { any, arr, dflt, map, notSimulated, obj, opt, refine, req } from './schema.js';
import { bool, enumOf, int, intOrPercent, str } from './scalars.js';
import { goDuration, pauseDuration } from './durations.js';
import { compileGoRegexp } from '../go/regexp.js';
import { LabelSelector, PodMetadata, PodTemplate } from './k8s.js';

export const ROUTERS = ['alb', 'ambassador', 'apisix', 'appMesh', 'istio', 'nginx', 'plugins', 'smi', 'traefik'] as const;

const specFields = {
  replicas: dflt(int({ min: 0 }), 1),
  selector: req(LabelSelector),
  template: req(PodTemplate),
  minReadySeconds: dflt(int({ min: 0 }), 0),
  revisionHistoryLimit: opt(int({ min: 0 })),
  progressDeadlineSeconds: dflt(int({ min: 0 }), 600),
  progressDeadlineAbort: dflt(bool(), false),
  paused: dflt(bool(), false),
  strategy: req(any()),
  // A rollback to a revision within the window skips steps and analysis (controller/rollback-window.ts).
  rollbackWindow: opt(obj({ revisions: opt(int({ min: 0 })) })),
  analysis: opt(obj({ successfulRunHistoryLimit: opt(int({ min: 0 })), unsuccessfulRunHistoryLimit: opt(int({ min: 0 })) })),
};

const specRejected = {
  restartAt: notSimulated('spec.restartAt (restarting pods)', 'remove it'),
};

/** Argo's ObjectRef; `scaleDown` (what happens to the referenced workload) is Argo's lowercase enum. */
export const WorkloadRef = obj({
  apiVersion: req(str({ nonEmpty: true })),
  kind: req(str({ nonEmpty: true })),
  name: req(str({ nonEmpty: true })),
  scaleDown: opt(enumOf(['never', 'onsuccess', 'progressively'] as const)),
});

export const RolloutSpec = obj(specFields, { rejected: specRejected });

/**
 * A Rollout with spec.workloadRef: the pod template (and, when the Rollout has none, the selector)
 * come from the referenced workload (Argo's rollout/templateref.go); workload-ref.ts checks the rest.
 */
export const RolloutRefSpec = obj(
  { ...specFields, selector: opt(LabelSelector), template: opt(PodTemplate), workloadRef: req(WorkloadRef) },
  { rejected: specRejected },
);

export const Strategy = obj({ canary: opt(any()), blueGreen: opt(any()) });

/** `exact` | `prefix` | `regex`, exactly one (Argo's StringMatch). */
export const StringMatch = refine(obj({ exact: opt(str()), prefix: opt(str()), regex: opt(str()) }), (m, report) => {
  const set = [m.exact, m.prefix, m.regex].filter((v) => v !== undefined && v !== '').length;
  if (set === 0) report('', 'StringMatch value missed, match value must have one of the following: exact, regex, prefix');
  if (set > 1) report('', 'StringMatch match value must have exactly one of the following: exact, regex, prefix');
  if (m.regex !== undefined && m.regex !== '') {
    const c = compileGoRegexp(m.regex);
    if (!c.ok) report('regex', `invalid regular expression "${m.regex}": ${c.error} (RE2 syntax, as Istio uses)`);
  }
});

const AnalysisArg = refine(
  obj({
    name: req(str({ nonEmpty: true })),
    value: opt(str()),
    valueFrom: opt(
      refine(
        obj({ podTemplateHashValue: opt(enumOf(['Stable', 'Latest'] as const)), fieldRef: opt(obj({ fieldPath: req(str({ nonEmpty: true })) })) }),
        (v, report) => {
          if ((v.podTemplateHashValue === undefined) === (v.fieldRef === undefined)) report('', 'set exactly one of podTemplateHashValue, fieldRef');
          // Paths other than metadata.name/namespace resolve from the Scenario's spec.fields (stand-ins.ts).
        },
      ),
    ),
  }),
  (a, report) => {
    if (a.value !== undefined && a.valueFrom !== undefined) report('', `arg "${a.name}" sets both value and valueFrom`);
  },
);

const analysisFields = {
  templates: req(arr(obj({ templateName: req(str({ nonEmpty: true })), clusterScope: dflt(bool(), false) }), { minItems: 1 })),
  args: dflt(arr(AnalysisArg), []),
  dryRun: dflt(arr(obj({ metricName: req(str({ nonEmpty: true })) })), []),
  measurementRetention: dflt(arr(obj({ metricName: req(str({ nonEmpty: true })), limit: req(int({ min: 0 })) })), []),
  analysisRunMetadata: opt(PodMetadata),
};

/** A step's or blue-green's analysis reference (RolloutAnalysis). */
export const RolloutAnalysis = obj(analysisFields, {
  rejected: { startingStep: { message: 'startingStep only applies to background analysis (spec.strategy.canary.analysis)' } },
});

/** Canary background analysis: RolloutAnalysis plus `startingStep`. */
export const BackgroundAnalysis = obj({ ...analysisFields, startingStep: opt(int({ min: 0 })) });

const HeaderRoute = obj({
  name: req(str({ nonEmpty: true })),
  match: opt(arr(obj({ headerName: req(str({ nonEmpty: true })), headerValue: req(StringMatch) }))),
});

const MirrorRoute = obj({
  name: req(str({ nonEmpty: true })),
  percentage: opt(int({ min: 0, max: 100 })),
  match: opt(
    arr(
      // Matched against each cohort's method, path and headers (spec.traffic.cohorts).
      obj({ method: opt(StringMatch), path: opt(StringMatch), headers: opt(map(StringMatch)) }),
    ),
  ),
});

/** Argo's RolloutExperimentStep (types.go); its Experiment is simulated (src/controller/experiment.ts). */
const ExperimentStepSchema = obj({
  templates: req(
    arr(
      obj({
        name: req(str({ nonEmpty: true })),
        specRef: req(enumOf(['stable', 'canary'] as const)),
        replicas: opt(int({ min: 0 })),
        weight: opt(int({ min: 0, max: 100 })),
        service: opt(obj({ name: opt(str()) })),
        metadata: opt(PodMetadata),
        selector: opt(LabelSelector),
      }),
      { minItems: 1 },
    ),
  ),
  duration: opt(goDuration()),
  analyses: dflt(
    arr(
      obj({
        name: req(str({ nonEmpty: true })),
        templateName: req(str({ nonEmpty: true })),
        clusterScope: dflt(bool(), false),
        args: dflt(arr(AnalysisArg), []),
        requiredForCompletion: dflt(bool(), false),
      }),
    ),
    [],
  ),
  dryRun: dflt(arr(obj({ metricName: req(str({ nonEmpty: true })) })), []),
  analysisRunMetadata: opt(PodMetadata),
  scaleDownDelaySeconds: opt(int({ min: 0 })),
});

export const Step = obj(
  {
    setWeight: opt(int()),
    pause: opt(obj({ duration: opt(pauseDuration()) })),
    analysis: opt(RolloutAnalysis),
    setCanaryScale: opt(
      refine(obj({ replicas: opt(int({ min: 0 })), weight: opt(int({ min: 0, max: 100 })), matchTrafficWeight: opt(bool()) }), (s, report) => {
        const n = [s.replicas, s.weight, s.matchTrafficWeight].filter((v) => v !== undefined).length;
        if (n !== 1) report('', 'set exactly one of replicas, weight, matchTrafficWeight');
      }),
    ),
    setHeaderRoute: opt(HeaderRoute),
    setMirrorRoute: opt(MirrorRoute),
    experiment: opt(ExperimentStepSchema),
    // Argo's PluginStep; what the plugin does is the Scenario's spec.stepPlugins (controller/step-plugin.ts).
    plugin: opt(obj({ name: req(str({ nonEmpty: true })), config: opt(any()) })),
  },
  {
    rejected: {
      replicaProgressThreshold: notSimulated('replicaProgressThreshold', 'remove it: steps complete when all canary pods are available'),
    },
  },
);

const AntiAffinity = refine(
  obj({ preferredDuringSchedulingIgnoredDuringExecution: opt(obj({ weight: req(int()) })), requiredDuringSchedulingIgnoredDuringExecution: opt(any()) }),
  (a, report) => {
    const p = a.preferredDuringSchedulingIgnoredDuringExecution;
    if ((p === undefined) === (a.requiredDuringSchedulingIgnoredDuringExecution === undefined)) report('', 'AntiAffinity must have exactly one strategy listed');
    if (p !== undefined && (p.weight < 1 || p.weight > 100)) report('preferredDuringSchedulingIgnoredDuringExecution.weight', 'AntiAffinity weight must be between 1-100');
  },
);

const routerConfig = (name: string) => opt(any({ description: `${name} configuration (accepted as is: every router gives exact weights)` }));

export const TrafficRouting = obj({
  alb: routerConfig('AWS ALB'),
  ambassador: routerConfig('Ambassador'),
  apisix: routerConfig('APISIX'),
  appMesh: routerConfig('AWS App Mesh'),
  istio: routerConfig('Istio'),
  nginx: routerConfig('NGINX'),
  plugins: routerConfig('Traffic router plugins'),
  smi: routerConfig('SMI'),
  traefik: routerConfig('Traefik'),
  managedRoutes: opt(arr(obj({ name: req(str({ nonEmpty: true })) }))),
  maxTrafficWeight: opt(int({ min: 1 })),
});

export const Canary = obj(
  {
    steps: dflt(arr(any()), []),
    maxSurge: dflt(intOrPercent(), '25%'),
    maxUnavailable: dflt(intOrPercent(), '25%'),
    canaryService: opt(str({ nonEmpty: true })),
    stableService: opt(str({ nonEmpty: true })),
    // Two Services swapping the stable and canary roles at each promotion (controller/canary-pingpong.ts).
    pingPong: opt(obj({ pingService: opt(str()), pongService: opt(str()) })),
    trafficRouting: opt(TrafficRouting),
    analysis: opt(BackgroundAnalysis),
    scaleDownDelaySeconds: opt(int({ min: 0 })),
    abortScaleDownDelaySeconds: opt(int({ min: 0 })),
    dynamicStableScale: dflt(bool(), false),
    minPodsPerReplicaSet: opt(int({ min: 0 })),
    scaleDownDelayRevisionLimit: opt(int({ min: 0 })),
    antiAffinity: opt(AntiAffinity),
    canaryMetadata: opt(PodMetadata),
    stableMetadata: opt(PodMetadata),
  },
  {
    rejected: {
      replicaProgressThreshold: notSimulated('canary replicaProgressThreshold', 'remove it: steps complete when all canary pods are available'),
    },
  },
);

export const BlueGreen = obj({
  activeService: req(str({ nonEmpty: true })),
  previewService: opt(str({ nonEmpty: true })),
  autoPromotionEnabled: dflt(bool(), true),
  autoPromotionSeconds: dflt(int({ min: 0 }), 0),
  previewReplicaCount: opt(int({ min: 0 })),
  scaleDownDelaySeconds: dflt(int({ min: 0 }), 30),
  abortScaleDownDelaySeconds: dflt(int({ min: 0 }), 30),
  scaleDownDelayRevisionLimit: opt(int({ min: 0 })),
  prePromotionAnalysis: opt(RolloutAnalysis),
  postPromotionAnalysis: opt(RolloutAnalysis),
  maxUnavailable: opt(intOrPercent()),
  antiAffinity: opt(AntiAffinity),
  activeMetadata: opt(PodMetadata),
  previewMetadata: opt(PodMetadata),
});
