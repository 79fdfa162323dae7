/**
 * The typed model of a scenario file, shared by the engine, the world, the controller, the UI and
 * the reporters. The loader (src/scenario/) is the only producer; everything here is plain data
 * with durations already in milliseconds and percentages already as fractions (6% → 0.06).
 */
import type { Ms } from './time.js';
import type { AnalysisTemplate, IngressRef, Service, StepPluginOutcome, Workload } from './rollout.js';
import type { Expectations } from './expect.js';

/** Where a value came from in the user's file, for messages that point back at it. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type RateProfile =
  | { readonly kind: 'constant'; readonly rps: number }
  /** Piecewise constant: `rps` holds from `at` until the next point. Points sorted, first at 0. */
  | { readonly kind: 'steps'; readonly points: readonly { readonly at: Ms; readonly rps: number }[] }
  /** A sinusoid between min and max with the peak at `peakAt` (mod `period`). */
  | { readonly kind: 'diurnal'; readonly min: number; readonly max: number; readonly period: Ms; readonly peakAt: Ms };

export interface Cohort {
  readonly name: string;
  /** Fraction of requests (the loader normalises nothing: shares must sum to 1 ± 1e-9). */
  readonly share: number;
  /** Request headers this cohort carries, matched by `setHeaderRoute` and `setMirrorRoute`. */
  readonly headers: Readonly<Record<string, string>>;
  /** HTTP method of the cohort's requests, matched by `setMirrorRoute`; absent = DEFAULT_METHOD. */
  readonly method?: string;
  /** URL path of the cohort's requests, matched by `setMirrorRoute`; absent = DEFAULT_PATH. */
  readonly path?: string;
}

/** A cohort's method and path when the scenario names none: a plain `GET /`. */
export const DEFAULT_METHOD = 'GET';
export const DEFAULT_PATH = '/';

export interface LatencySpec {
  readonly median: Ms;
  readonly p99: Ms;
}

/** Behaviour of one version for one cohort (the stable version is `agent`). */
export interface Behaviour {
  readonly latency: LatencySpec;
  /** Probability that a request errs (HTTP 500). */
  readonly errorRate: number;
  /** Probability that a served, non-error request succeeds at its task (online eval / feedback). */
  readonly taskSuccess: number;
  /** Mean tokens per request. */
  readonly tokens: number;
  /** Probability per request that the pod crashes (the request and everything queued on the pod fail). */
  readonly crashRate: number;
}

export interface AgentSpec {
  /** Requests a pod serves at once; the rest wait in its FIFO queue. */
  readonly concurrency: number;
  /** Pod readiness delay after it is created (and after a crash). */
  readonly startup: Ms;
  /** Requests slower than this (queue + service) complete as HTTP 504; undefined = no timeout. */
  readonly timeout: Ms | undefined;
  readonly base: Behaviour;
  /** Per-cohort overrides of `base`, already merged: every cohort has an entry. */
  readonly cohorts: Readonly<Record<string, Behaviour>>;
}

export type RegressionMetric = 'errorRate' | 'latency' | 'taskSuccess' | 'tokens' | 'crashRate';

/**
 * One subtle change of the release relative to the stable version. Exactly one of `to`, `delta`,
 * `factor` is set. The effect applies to `cohort` (all when undefined), once the release pod is
 * `after` old, ramping linearly to full strength over `ramp` more pod age (a leak), and only while
 * the pod's utilisation (busy / concurrency) is at least `whenUtilizationAbove` (load-dependent).
 */
export interface Regression {
  readonly metric: RegressionMetric;
  readonly cohort: string | undefined;
  readonly to: number | undefined;
  readonly delta: number | undefined;
  readonly factor: number | undefined;
  readonly after: Ms;
  readonly ramp: Ms;
  readonly whenUtilizationAbove: number | undefined;
  readonly source: SourceRef;
}

export interface ReleaseSpec {
  /** The image the Rollout's template changes to; it identifies the release version. */
  readonly image: string;
  /** When the template changes (the update starts). */
  readonly at: Ms;
  readonly regressions: readonly Regression[];
}

export interface SyntheticTests {
  readonly cases: number;
  readonly cohorts: readonly string[];
  readonly maxFailures: number;
}

export type OperatorActionName = 'promote' | 'promoteFull' | 'abort' | 'retry' | 'pause' | 'resume';

export interface OperatorAction {
  readonly at: Ms;
  readonly action: OperatorActionName;
  /** Which Rollout it targets; undefined = the one being run. */
  readonly rollout: string | undefined;
}

/** A Scenario `metrics:` entry: one of our families exported under the app's name and label names. */
export interface FamilyMapping {
  readonly name?: string;
  /** Our label name → the app's label name. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** By our family name (src/metrics/catalogue.ts keeps the families). */
export type MetricsMapping = Readonly<Record<string, FamilyMapping>>;

/** A `spec.providers.web` answer: what a URL pattern answers a web metric. */
export interface WebAnswer {
  /** Glob over the whole URL: `*` matches any run of characters. */
  readonly url: string;
  /** Only requests with this method (default: any). */
  readonly method: string | undefined;
  /** HTTP status answered (default 200). */
  readonly status: number;
  /** The response document (JSON-like), or a string sent as is. */
  readonly body: unknown;
  /** PromQL whose value is placed where the metric's jsonPath reads (`{$.data.ok}` → body.data.ok). */
  readonly query: string | undefined;
  /** `number` (default) or `boolean` (non-zero → true), the JSON type the value is written as. */
  readonly as: 'number' | 'boolean';
}

/** A `spec.providers.metrics` entry: the PromQL that stands in for a non-Prometheus metric. */
export interface StandInMapping {
  readonly template: string;
  readonly metric: string;
  readonly query: string | undefined;
  readonly fields: Readonly<Record<string, string>> | undefined;
}

/** One metric of a Kayenta canary config: PromQL with `${scope}` where the scope goes, and the judge's settings. */
export interface KayentaConfigMetric {
  readonly name: string;
  /** PromQL; `${scope}` is replaced by the control or the experiment scope (e.g. a pod-template hash). */
  readonly query: string;
  readonly group: string;
  readonly direction: 'increase' | 'decrease' | 'either';
  readonly nanStrategy: 'remove' | 'replace';
  readonly outliers: { readonly strategy: 'keep' | 'remove'; readonly outlierFactor: number };
  readonly critical: boolean;
  readonly mustHaveData: boolean;
  readonly allowedIncrease: number;
  readonly allowedDecrease: number;
  readonly criticalIncrease: number;
  readonly criticalDecrease: number;
}

/** A `spec.providers.kayenta` entry: the canary config Kayenta would hold under that name. */
export interface KayentaCanaryConfig {
  readonly canaryConfigName: string;
  readonly metrics: readonly KayentaConfigMetric[];
  readonly groupWeights: Readonly<Record<string, number>>;
}

export interface ScenarioProviders {
  readonly web: readonly WebAnswer[];
  readonly metrics: readonly StandInMapping[];
  readonly kayenta?: readonly KayentaCanaryConfig[];
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly seed: number;
  readonly duration: Ms;
  readonly scrapeInterval: Ms;
  readonly traffic: { readonly rate: RateProfile; readonly cohorts: readonly Cohort[] };
  readonly agent: AgentSpec;
  /** The stable version's image (the Rollout's template image before the update). */
  readonly stableImage: string;
  readonly release: ReleaseSpec;
  readonly slo: { readonly latency: Ms };
  readonly syntheticTests: SyntheticTests | undefined;
  readonly operator: readonly OperatorAction[];
  /** Names of the Rollouts/Deployments `compare` races (default: all, in file order). */
  readonly compare: readonly string[];
  /** `spec.metrics`: our families exported under the app's own names (src/metrics/catalogue.ts); {} when unset. */
  readonly metrics: MetricsMapping;
  /** `spec.providers`: answers of the web metrics and PromQL stand-ins for other providers; empty lists when unset. */
  readonly providers?: ScenarioProviders;
  /** `spec.secrets`: Secret name → key → value, for template args with `valueFrom.secretKeyRef`. */
  readonly secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `spec.fields`: Rollout field path → value, for analysis args with a `valueFrom.fieldRef` the simulator does not model. */
  readonly fields?: Readonly<Record<string, string>>;
  /** `spec.history`: images of the Rollout's earlier revisions, oldest first (before the stable one). */
  readonly history?: readonly string[];
  /** `spec.stepPlugins`: what each step plugin (by name) does. */
  readonly stepPlugins?: Readonly<Record<string, StepPluginOutcome>>;
  /** True when the Scenario lists `spec.compare`: `simulate run` then races them as `compare` does. */
  readonly compareListed?: true;
  readonly workloads: readonly Workload[];
  readonly analysisTemplates: readonly AnalysisTemplate[];
  readonly services: readonly Service[];
  /** `spec.expect`: what `simulate check` / `run --expect` grade; absent when not written. */
  readonly expect?: Expectations;
  /** The Ingresses of the file (lint: which Services face users); absent when none. */
  readonly ingresses?: readonly IngressRef[];
}
