/**
 * maxSurge / maxUnavailable ("fence-posts") resolved to pod counts, the way Argo Rollouts does it for
 * the canary strategy (`utils/replicaset/replicaset.go`: `resolveFenceposts`, `MaxSurge`,
 * `MaxUnavailable`; defaults from `utils/defaults/defaults.go`).
 */

/** A Kubernetes IntOrString as written in YAML: `3` (pods) or `"25%"` (percent of `spec.replicas`). */
export type IntOrPercent = number | string;

/** Argo's canary default for both fence-posts (`DefaultMaxSurge = "25"`, read as a percentage). */
export const DEFAULT_MAX_SURGE: IntOrPercent = '25%';
export const DEFAULT_MAX_UNAVAILABLE: IntOrPercent = '25%';

/** Both fence-posts in pods, as the canary replica math consumes them. */
export interface Fenceposts {
  /** Extra pods allowed above `spec.replicas` (never capped). */
  maxSurge: number;
  /** Pods that may be unavailable below `spec.replicas` (capped at `spec.replicas`; 0 when it is 0). */
  maxUnavailable: number;
}

/**
 * Reads an IntOrString the way the (deprecated) `intstr.GetValueFromIntOrPercent` that Argo calls does:
 * a number is a pod count; ANY string is a percentage — every `%` is stripped and the rest must be a
 * base-10 integer, so `"1"` in quotes means 1 %, not 1 pod. Returns `undefined` for an unparseable
 * string or a non-integer number (Argo's validation rejects those; see {@link resolveFenceposts}).
 *
 * @example
 * parseIntOrPercent(3)      // → { kind: 'count', value: 3 }
 * parseIntOrPercent('25%')  // → { kind: 'percent', value: 25 }
 * parseIntOrPercent('1')    // → { kind: 'percent', value: 1 }   (quoted ⇒ percent!)
 * parseIntOrPercent('abc')  // → undefined
 */
export function parseIntOrPercent(
  value: IntOrPercent,
): { kind: 'count' | 'percent'; value: number } | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { kind: 'count', value } : undefined;
  }
  // Go's strconv.Atoi: optional sign, then decimal digits only.
  const digits = value.replaceAll('%', '');
  if (!/^[+-]?\d+$/.test(digits)) return undefined;
  return { kind: 'percent', value: Number.parseInt(digits, 10) };
}

/**
 * Scales an IntOrString against `total` pods: percentages round up for surge (`roundUp`) and down for
 * unavailability, computed in float64 exactly as Go does (`value * total / 100`).
 *
 * @example
 * scaleIntOrPercent('25%', 10, true)   // → 3   (2.5 rounded up)
 * scaleIntOrPercent('25%', 10, false)  // → 2   (2.5 rounded down)
 * scaleIntOrPercent(4, 10, false)      // → 4
 */
export function scaleIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean): number {
  const parsed = parseIntOrPercent(value);
  if (parsed === undefined) {
    throw new RangeError(`invalid IntOrString ${JSON.stringify(value)}: expected an integer or "<n>%"`);
  }
  if (parsed.kind === 'count') return parsed.value;
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * Resolves maxSurge and maxUnavailable against `replicas` with Argo's canary rules:
 * - omitted (`undefined`) ⇒ the 25 % default;
 * - an integer is used as-is, any string is a percentage — surge rounds UP, unavailable rounds DOWN;
 * - if both come out 0, maxUnavailable becomes 1 (so the rollout can always make progress);
 * - maxUnavailable is then capped at `replicas` (and is 0 when `replicas` is 0).
 *
 * Throws a RangeError on an unparseable value: validation must reject it before the math runs.
 *
 * @example
 * resolveFenceposts(undefined, undefined, 10)  // → { maxSurge: 3, maxUnavailable: 2 }
 * resolveFenceposts('25%', '25%', 4)           // → { maxSurge: 1, maxUnavailable: 1 }
 * resolveFenceposts('25%', '25%', 3)           // → { maxSurge: 1, maxUnavailable: 0 }
 * resolveFenceposts(0, '10%', 5)               // → { maxSurge: 0, maxUnavailable: 1 }  (0/0 ⇒ U=1)
 * resolveFenceposts(1, 5, 3)                   // → { maxSurge: 1, maxUnavailable: 3 }  (capped at R)
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent | undefined,
  maxUnavailable: IntOrPercent | undefined,
  replicas: number,
): Fenceposts {
  const surge = scaleIntOrPercent(maxSurge ?? DEFAULT_MAX_SURGE, replicas, true);
  let unavailable = scaleIntOrPercent(maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas, false);
  if (surge === 0 && unavailable === 0) {
    // Validation forbids an explicit 0/0, but percentages can round down to it: allow one unavailable pod.
    unavailable = 1;
  }
  // `MaxUnavailable` (not `resolveFenceposts`) applies these two caps.
  if (replicas === 0) unavailable = 0;
  else if (unavailable > replicas) unavailable = replicas;
  return { maxSurge: surge, maxUnavailable: unavailable };
}
