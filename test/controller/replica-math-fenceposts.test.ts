/** maxSurge / maxUnavailable resolution (§3.1 of argo-semantics.md, trap §10.1). */
import { describe, expect, it } from 'vitest';
import { parseIntOrPercent, resolveFenceposts } from '../../src/controller/replica-math.js';

describe('resolveFenceposts', () => {
  it('defaults to 25 %/25 %: surge rounds up, unavailable rounds down', () => {
    expect(resolveFenceposts(undefined, undefined, 10)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    expect(resolveFenceposts(undefined, undefined, 4)).toEqual({ maxSurge: 1, maxUnavailable: 1 });
    expect(resolveFenceposts(undefined, undefined, 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveFenceposts(undefined, undefined, 1)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });
  it('both zero after rounding ⇒ maxUnavailable 1', () => {
    expect(resolveFenceposts('0%', '0%', 10)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(resolveFenceposts(0, '10%', 5)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('a quoted number is a percentage, an integer is a pod count', () => {
    // "5" is 5 % of 10 pods (surge ceil 0.5 = 1, unavailable floor 0.5 = 0), not 5 pods.
    expect(resolveFenceposts('5', '5', 10)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveFenceposts(5, 5, 10)).toEqual({ maxSurge: 5, maxUnavailable: 5 });
    expect(resolveFenceposts('50', 0, 10)).toEqual({ maxSurge: 5, maxUnavailable: 0 });
    expect(resolveFenceposts(5, 0, 10)).toEqual({ maxSurge: 5, maxUnavailable: 0 });
    expect(parseIntOrPercent('1')).toEqual({ kind: 'percent', value: 1 });
    expect(parseIntOrPercent(1)).toEqual({ kind: 'count', value: 1 });
  });
  it('maxUnavailable is capped at replicas, and 0 with no replicas', () => {
    expect(resolveFenceposts(1, 5, 3)).toEqual({ maxSurge: 1, maxUnavailable: 3 });
    expect(resolveFenceposts('25%', '25%', 0)).toEqual({ maxSurge: 0, maxUnavailable: 0 });
  });
  it('rejects values Argo validation would reject', () => {
    expect(parseIntOrPercent('abc')).toBeUndefined();
    expect(parseIntOrPercent(1.5)).toBeUndefined();
    expect(() => resolveFenceposts('1.5%', 0, 10)).toThrow(RangeError);
  });
});
