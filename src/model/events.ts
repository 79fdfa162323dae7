/**
 * The one typed event union the core emits. The UI reducer, the text reporter and the JSON
 * reporters all consume it. Every event starts with `t` (sim ms) and `type`; the order of the
 * remaining keys is the order written here, and the jsonl reporter keeps it byte for byte.
 */
import type { Ms } from './time.js';

export type Role = 'stable' | 'canary' | 'active' | 'preview';
export type RolloutPhase = 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';
export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';
export type Outcome = 'promoted' | 'aborted' | 'incomplete';

/** Service figures in the Summary: per version from user traffic only, or of the mirrored copies. */
export interface VersionFigures {
  readonly image: string;
  readonly requests: number;
  readonly errorRate: number | null;
  readonly p99: number | null;
  readonly taskSuccess: number | null;
}

export interface SummaryFields {
  readonly rollout: string;
  readonly outcome: Outcome;
  readonly regressionPresent: boolean;
  readonly caught: boolean;
  readonly falseRollback: boolean;
  /** Sim ms of the abort that caught the regression (null when not caught). */
  readonly detectedAt: Ms | null;
  readonly userRequests: number;
  readonly releaseRequests: number;
  readonly harmedRequests: number;
  readonly harmedShare: number;
  /** Sim ms from the start of the update to promotion (null when not promoted). */
  readonly timeToPromote: Ms | null;
  readonly versions: { readonly stable: VersionFigures; readonly release: VersionFigures };
  /**
   * The shadow copies a `setMirrorRoute` sent to the release, measured as the release served them
   * (the image is the release's). They never answered users, so they are in no count above and are
   * never harm. Null when the run never mirrored.
   */
  readonly mirrored: VersionFigures | null;
}

export type SimEvent =
  | { t: Ms; type: 'RolloutStarted'; rollout: string; strategy: string; replicas: number; stableImage: string; releaseImage: string; steps: number }
  | { t: Ms; type: 'StepStarted'; index: number; step: string }
  | { t: Ms; type: 'StepCompleted'; index: number }
  | { t: Ms; type: 'WeightChanged'; canary: number; stable: number; actual: number }
  | { t: Ms; type: 'ReplicaSetScaled'; role: Role; hash: string; replicas: number }
  | { t: Ms; type: 'PhaseChanged'; phase: RolloutPhase; message: string }
  | { t: Ms; type: 'Paused'; reason: string }
  | { t: Ms; type: 'Resumed'; by: string }
  | { t: Ms; type: 'ServiceSwitched'; service: string; to: string }
  | { t: Ms; type: 'AnalysisRunStarted'; name: string; templates: string[]; args: Record<string, string> }
  | { t: Ms; type: 'Measurement'; run: string; metric: string; query: string; value: string; phase: AnalysisPhase; message: string }
  | { t: Ms; type: 'AnalysisRunCompleted'; name: string; phase: AnalysisPhase; message: string }
  | { t: Ms; type: 'OperatorAction'; action: string }
  | { t: Ms; type: 'RolloutAborted'; reason: string }
  | { t: Ms; type: 'RolloutPromoted' }
  | ({ t: Ms; type: 'Summary' } & SummaryFields);

export type SimEventType = SimEvent['type'];
