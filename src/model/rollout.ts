/**
 * Typed model of the Kubernetes/Argo documents a scenario carries: Rollout, apps/v1 Deployment,
 * AnalysisTemplate / ClusterAnalysisTemplate and v1 Service. Field names are Argo's, verbatim;
 * durations are already milliseconds and defaults already applied by the loader.
 */
import type { Ms } from './time.js';
import type { SourceRef } from './scenario.js';
import type { CanaryStep } from './canary-steps.js';

/** `maxSurge` / `maxUnavailable`: an absolute pod count or a percentage string such as "25%". */
export type IntOrPercent = number | `${number}%`;

export interface AnalysisArg {
  readonly name: string;
  readonly value: string | undefined;
  readonly valueFrom:
    | { readonly podTemplateHashValue: 'Stable' | 'Latest' }
    | { readonly fieldRef: { readonly fieldPath: string } }
    | undefined;
}

export interface RolloutAnalysis {
  readonly templates: readonly { readonly templateName: string; readonly clusterScope: boolean }[];
  readonly args: readonly AnalysisArg[];
  readonly dryRun: readonly { readonly metricName: string }[];
  readonly measurementRetention: readonly { readonly metricName: string; readonly limit: number }[];
  /** Background analysis only: the step index the run starts at. */
  readonly startingStep: number | undefined;
}

export type {
  CanaryStep, ExperimentAnalysis, ExperimentStep, ExperimentTemplate, HeaderMatch, HeaderRouteAction, MirrorMatch, MirrorRouteAction,
  PluginStepAction, StepPluginOutcome, StringMatch,
} from './canary-steps.js';

export interface TrafficRouting {
  /** Which router the manifest names (istio, nginx, alb, smi, ...); any router gives exact weights. */
  readonly router: string;
  readonly maxTrafficWeight: number;
  readonly managedRoutes: readonly string[];
  /**
   * trafficRouting.nginx: the stable Ingress, and from its document (when the file has it) the
   * backend port and first rule's host and path, which ingress-nginx's metrics carry.
   */
  readonly nginx?: { readonly stableIngress: string; readonly port: string; readonly host: string; readonly path: string } | undefined;
  /**
   * Istio subset routing (trafficRouting.istio.destinationRule): the host Istio reports as
   * destination_service for both subsets — the VirtualService route's destination host, else the
   * DestinationRule's spec.host, else the Rollout's name (src/scenario/route-hosts.ts).
   */
  readonly istioSubsetHost?: string | undefined;
  /** nginx: `stableIngress` and `stableIngresses`, the Ingresses ingress-nginx reports as `ingress`. */
  readonly stableIngresses?: readonly string[];
}

export interface CanaryStrategy {
  readonly type: 'canary';
  /**
   * canary.pingPong: two Services that swap the stable and canary roles at each promotion
   * (status.canary.stablePingPong); `routes` when the router sends traffic through them (ALB, or
   * no stableService/canaryService), else they are only re-pointed.
   */
  readonly pingPong?: { readonly pingService: string; readonly pongService: string; readonly routes: boolean };
  readonly steps: readonly CanaryStep[];
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
  readonly canaryService: string | undefined;
  readonly stableService: string | undefined;
  readonly trafficRouting: TrafficRouting | undefined;
  /** Background analysis. */
  readonly analysis: RolloutAnalysis | undefined;
  /** Seconds; Argo's default 30 applies only with trafficRouting (undefined otherwise). */
  readonly scaleDownDelaySeconds: number | undefined;
  readonly abortScaleDownDelaySeconds: number | undefined;
  readonly dynamicStableScale: boolean;
  readonly minPodsPerReplicaSet: number | undefined;
}

export interface BlueGreenStrategy {
  readonly type: 'blueGreen';
  readonly activeService: string;
  readonly previewService: string | undefined;
  readonly autoPromotionEnabled: boolean;
  readonly autoPromotionSeconds: number;
  readonly previewReplicaCount: number | undefined;
  readonly scaleDownDelaySeconds: number;
  readonly abortScaleDownDelaySeconds: number;
  readonly prePromotionAnalysis: RolloutAnalysis | undefined;
  readonly postPromotionAnalysis: RolloutAnalysis | undefined;
  /** Where fields were written, for messages that point at them (absent when not written). */
  readonly sources?: { readonly autoPromotionEnabled?: SourceRef } | undefined;
}

/** What every workload kind has: identity, size, the release image, readiness and deadline. */
export interface WorkloadBase {
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  /** The first container's image in `spec.template` (the release). */
  readonly image: string;
  readonly minReadySeconds: number;
  readonly progressDeadlineSeconds: number;
  /** spec.template.metadata.labels: what a Service's selector picks the pods by (lint only). */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly source: SourceRef;
  /** Where `kind:` and `spec.strategy.<type>` are written (lint points its workload findings there). */
  readonly sources?: { readonly kind: SourceRef; readonly strategy?: SourceRef };
}

export interface Rollout extends WorkloadBase {
  readonly kind: 'Rollout';
  readonly progressDeadlineAbort: boolean;
  readonly paused: boolean;
  readonly strategy: CanaryStrategy | BlueGreenStrategy;
  /** spec.revisionHistoryLimit when written (Argo keeps that many old ReplicaSets; default 10). */
  readonly revisionHistoryLimit?: number;
  /** spec.rollbackWindow.revisions (undefined when unset). */
  readonly rollbackWindow?: number;
  /**
   * The release is an earlier revision (the Scenario's spec.history): its ReplicaSet is older than
   * the stable one, with `between` ReplicaSets created in between (Argo's isRollbackWithinWindow).
   */
  readonly rollback?: { readonly between: number };
}

/** apps/v1 Deployment with the RollingUpdate strategy: the no-safety baseline. */
export interface Deployment extends WorkloadBase {
  readonly kind: 'Deployment';
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
}

export type Workload = Rollout | Deployment;

export interface Service {
  readonly name: string;
  readonly namespace: string;
  /** spec.selector, when written (lint reads which workload a Service fronts from it). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly source: SourceRef;
}

/** An Ingress, as lint reads it: the Services its rules and default backend send traffic to. */
export interface IngressRef {
  readonly name: string;
  readonly services: readonly string[];
}

/** Argo's `rangeQuery`: `start`/`end` are expr time expressions (`now() - duration("5m")`), `step` a duration; all kept as text (they may hold `{{args.x}}`). */
export interface RangeQuery {
  readonly start: string;
  readonly end: string;
  readonly step: string;
}

/** Argo's `web` provider fields (WebMetric), as written. */
export interface WebMetric {
  readonly url: string;
  readonly method: string | undefined;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
  readonly body: string | undefined;
  readonly jsonBody: unknown;
  readonly jsonPath: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

/** Providers whose own query language is not re-implemented: a Scenario-mapped PromQL query stands in. */
export const STAND_IN_PROVIDERS = ['datadog', 'newRelic', 'wavefront', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'] as const;
export type StandInProvider = (typeof STAND_IN_PROVIDERS)[number];

/**
 * A stand-in provider: the manifest's block as written (`spec`) and the Scenario's PromQL that
 * answers for it (`query`, or named `fields` for newRelic's row), joined at load time.
 */
export interface StandInMetric {
  readonly provider: StandInProvider;
  readonly spec: unknown;
  readonly query?: string | undefined;
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

export interface MetricProvider {
  readonly prometheus?: { readonly address: string | undefined; readonly query: string; readonly rangeQuery?: RangeQuery | undefined };
  readonly job?: { readonly spec: unknown };
  readonly web?: WebMetric;
  readonly standIn?: StandInMetric;
  readonly kayenta?: KayentaMetric;
}

/** Argo's KayentaScope side: a scope string (after args), its step in seconds, optional start/end. */
export interface KayentaScopeDetail {
  readonly scope: string;
  readonly region: string;
  readonly step: number;
  readonly start: string;
  readonly end: string;
}

/** Argo's KayentaMetric (metricproviders/kayenta): judged by the Scenario's canary config of that name. */
export interface KayentaMetric {
  readonly address: string;
  readonly application: string;
  readonly canaryConfigName: string;
  readonly threshold: { readonly pass: number; readonly marginal: number };
  readonly scopes: readonly { readonly name: string; readonly controlScope: KayentaScopeDetail; readonly experimentScope: KayentaScopeDetail }[];
  readonly lookback: boolean;
}

/** One `spec.metrics[]` entry, Argo's names; durations in ms (interval undefined = run once). */
export interface AnalysisMetric {
  readonly name: string;
  readonly interval: Ms | undefined;
  readonly initialDelay: Ms | undefined;
  readonly count: number | undefined;
  readonly successCondition: string | undefined;
  readonly failureCondition: string | undefined;
  readonly failureLimit: number | undefined;
  readonly inconclusiveLimit: number | undefined;
  readonly consecutiveErrorLimit: number | undefined;
  readonly consecutiveSuccessLimit: number | undefined;
  readonly provider: MetricProvider;
  readonly source: SourceRef;
  /**
   * Fields written as `{{args.x}}` text (e.g. `interval: "{{args.every}}"`): Argo substitutes args
   * over the whole metric when the run is created, so they are parsed then; the numeric field
   * above stays undefined until the run fills it in.
   */
  readonly templated?: TemplatedFields;
  /** Where the conditions and the prometheus query were written, for messages that point at them. */
  readonly sources?: { readonly successCondition?: SourceRef; readonly failureCondition?: SourceRef; readonly query?: SourceRef } | undefined;
}

/** The metric fields that may hold an argument placeholder instead of a duration or a number. */
export const TEMPLATABLE_FIELDS = ['interval', 'initialDelay', 'count', 'failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'consecutiveSuccessLimit'] as const;
export type TemplatedFields = { readonly [K in (typeof TEMPLATABLE_FIELDS)[number]]?: string };

export interface AnalysisTemplate {
  readonly kind: 'AnalysisTemplate' | 'ClusterAnalysisTemplate';
  readonly name: string;
  /** `secretKeyRef`: the value comes from a Secret; the loader resolves it from the Scenario's `secrets:` (or a v1 Secret in the file). */
  readonly args: readonly { readonly name: string; readonly value: string | undefined; readonly secretKeyRef?: { readonly name: string; readonly key: string } }[];
  readonly metrics: readonly AnalysisMetric[];
  /** `spec.templates`: templates this one composes (Argo ≥ 1.8 flattens them into the run). */
  readonly templates?: readonly { readonly templateName: string; readonly clusterScope: boolean }[];
  readonly dryRun: readonly { readonly metricName: string }[];
  readonly measurementRetention: readonly { readonly metricName: string; readonly limit: number }[];
  readonly source: SourceRef;
}
