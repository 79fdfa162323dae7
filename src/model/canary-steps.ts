/**
 * Canary steps as the model holds them (Argo's CanaryStep and what its actions carry), split from
 * rollout.ts, which re-exports them.
 */
import type { Ms } from './time.js';
import type { SourceRef } from './scenario.js';
import type { RolloutAnalysis } from './rollout.js';

/** Argo's StringMatch: exactly one of exact, prefix, regex. */
export interface StringMatch {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

export interface HeaderMatch {
  readonly headerName: string;
  readonly headerValue: StringMatch;
}

/**
 * One setMirrorRoute `match` entry (Argo's RouteMatch, Istio's HTTPMatchRequest): every condition
 * set must hold; the entries of a `match` list are alternatives.
 */
export interface MirrorMatch {
  readonly method?: StringMatch;
  readonly path?: StringMatch;
  readonly headers?: Readonly<Record<string, StringMatch>>;
}

/** One `templates[]` entry of an experiment step (Argo's RolloutExperimentTemplate). */
export interface ExperimentTemplate {
  readonly name: string;
  /** Whose pod template the ReplicaSet copies. */
  readonly specRef: 'stable' | 'canary';
  /** Default 1 (defaults.GetReplicasOrDefault). */
  readonly replicas: number;
  /** Share of user traffic under trafficRouting, taken from the stable side; undefined: none. */
  readonly weight: number | undefined;
  /**
   * The template keeps the Rollout's selector and labels (no `selector` or `metadata.labels`), so
   * a Service selecting the Rollout's pods also selects its pods (basic canary: they get traffic).
   */
  readonly sharesSelector: boolean;
}

/** One `analyses[]` entry of an experiment step: one template, its args, requiredForCompletion. */
export interface ExperimentAnalysis {
  readonly name: string;
  readonly analysis: RolloutAnalysis;
  readonly requiredForCompletion: boolean;
}

/** Argo's RolloutExperimentStep (`- experiment:`). */
export interface ExperimentStep {
  /** From when every template's ReplicaSet is available; undefined: until analyses or a terminate end it. */
  readonly duration: Ms | undefined;
  readonly templates: readonly ExperimentTemplate[];
  readonly analyses: readonly ExperimentAnalysis[];
  /** Seconds before the ReplicaSets scale to 0 once done (default 30). */
  readonly scaleDownDelaySeconds: number | undefined;
}

/** A `setHeaderRoute` step action: the named managed route and its header matches. */
export interface HeaderRouteAction {
  readonly name: string;
  readonly match: readonly HeaderMatch[];
}

/** A `setMirrorRoute` step action. */
export interface MirrorRouteAction {
  readonly name: string;
  readonly percentage: number;
  readonly match: readonly MirrorMatch[];
}

/**
 * What a step plugin does, as the Scenario declares it (`spec.stepPlugins.<name>`): its Run answers
 * Running until `duration` has passed since it started, then `phase` with `message`.
 */
export interface StepPluginOutcome {
  readonly duration: Ms;
  /** Successful advances, Failed aborts, Error is an RPC error retried every 30 s (forever). */
  readonly phase: 'Successful' | 'Failed' | 'Error';
  readonly message: string;
  /** The plugin's RequeueAfter while Running (used when over 10 s; else Argo's 30 s). */
  readonly requeueAfter: Ms | undefined;
}

/** A `plugin` step: the step plugin's name, its config (kept as written) and what it does. */
export interface PluginStepAction {
  readonly name: string;
  readonly config: unknown;
  /** From the Scenario; undefined only when linting (a run requires the declaration). */
  readonly outcome: StepPluginOutcome | undefined;
}

/**
 * One canary step. Argo lets setCanaryScale, setHeaderRoute and setMirrorRoute share a step
 * (validation.go hasMultipleStepsType only forbids combining setWeight, pause, experiment and
 * analysis), so those variants carry the later route actions as optional members.
 */
export type CanaryStep =
  | { readonly setWeight: number; readonly source: SourceRef }
  | { readonly experiment: ExperimentStep; readonly source: SourceRef }
  | { readonly pause: { readonly duration: Ms | undefined }; readonly source: SourceRef }
  | { readonly analysis: RolloutAnalysis; readonly source: SourceRef }
  | {
      readonly setCanaryScale: {
        readonly replicas?: number;
        readonly weight?: number;
        readonly matchTrafficWeight?: boolean;
      };
      readonly setHeaderRoute?: HeaderRouteAction;
      readonly setMirrorRoute?: MirrorRouteAction;
      readonly source: SourceRef;
    }
  | { readonly setHeaderRoute: HeaderRouteAction; readonly setMirrorRoute?: MirrorRouteAction; readonly source: SourceRef }
  | { readonly setMirrorRoute: MirrorRouteAction; readonly source: SourceRef }
  | { readonly plugin: PluginStepAction; readonly source: SourceRef };
