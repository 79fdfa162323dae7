/**
 * What every blue-green stage reads and none writes: the spec and the observed cluster, plus the
 * facts derived from them once at the start of a reconcile (Argo's rolloutContext: newRS, the
 * stable ReplicaSet, which one the active Service selected). The status is the only thing that flows.
 */
import type { BlueGreenStrategy, Rollout } from '../model/rollout.js';
import type { Ms } from '../model/time.js';
import type { Observed, ObservedReplicaSet, RolloutStatus } from './status.js';

const NONE: ObservedReplicaSet = { replicas: 0, available: 0 };

export interface BlueGreenContext {
  readonly strategy: BlueGreenStrategy;
  /** spec.replicas. */
  readonly replicas: number;
  readonly now: Ms;
  readonly observed: Observed;
  /** Hash of the new ReplicaSet (status.currentPodHash). */
  readonly current: string;
  /** The new ReplicaSet is already the stable one. */
  readonly promoted: boolean;
  /** The new ReplicaSet, and the stable one it replaces. */
  readonly fresh: ObservedReplicaSet;
  readonly old: ObservedReplicaSet;
  /** The active Service selected the new ReplicaSet when this reconcile began. */
  readonly switched: boolean;
}

/**
 * First deploy: the new ReplicaSet is stable at once; the active Service follows it when ready.
 * Example: {stableRS: undefined, currentPodHash: 'v1'} → {stableRS: 'v1'} (steps do not apply).
 */
export function adoptFirstBlueGreenDeploy(s: RolloutStatus): RolloutStatus {
  return s.stableRS === undefined ? { ...s, stableRS: s.currentPodHash } : s;
}

/**
 * Reads the spec and cluster once (call it on the status `adoptFirstBlueGreenDeploy` gave).
 * Example: stable v1 10/10 active, new v2 3/1 behind the preview → {promoted: false, fresh: 3/1,
 * old: 10/10, switched: false}.
 */
export function blueGreenContext(rollout: Rollout, s: RolloutStatus, observed: Observed): BlueGreenContext {
  const current = s.currentPodHash;
  return {
    strategy: rollout.strategy as BlueGreenStrategy, replicas: rollout.replicas, now: observed.now, observed, current,
    promoted: s.stableRS === current, fresh: observed.replicaSets.get(current) ?? NONE,
    old: observed.replicaSets.get(s.stableRS ?? '') ?? NONE, switched: s.activeSelector === current,
  };
}
