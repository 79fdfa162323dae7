/**
 * The pure pieces of a request's fate (src/world/outcome.ts), with exact values: service time,
 * fault, task success, tokens, response code and counterfactual harm; and the request's draws.
 */
import { describe, expect, it } from 'vitest';
import type { Rng } from '../../src/engine/rng.js';
import { paramsOf, type ServiceParams } from '../../src/world/behaviour.js';
import { faultOf, HARM_IF_LATE, HARM_NONE, HARM_YES, harmOf, isHarmed, responseCode, serviceTimeMs, taskSucceeds, tokensOf } from '../../src/world/outcome.js';
import { CODE_ERROR, CODE_OK, CODE_TIMEOUT } from '../../src/world/pod-metrics.js';
import { FAULT_CRASH, FAULT_ERROR, FAULT_NONE, RequestPool } from '../../src/world/requests.js';

/** Params with a fixed service time (sigma 0) and the given probabilities. */
function params(over: Partial<ServiceParams> & { ms?: number } = {}): ServiceParams {
  const { ms = 1000, ...rest } = over;
  return { mu: Math.log(ms), sigma: 0, errorRate: 0, taskSuccess: 1, tokens: 400, meanMs: 1000, crashRate: 0, ...rest };
}

describe('serviceTimeMs', () => {
  const p = paramsOf({ latency: { median: 900, p99: 4000 }, errorRate: 0, taskSuccess: 1, tokens: 1, crashRate: 0 });

  it('is the median at z = 0 and the p99 at z99', () => {
    expect(serviceTimeMs(p, 0)).toBe(900);
    expect(serviceTimeMs(p, 2.3263478740408408)).toBe(4000);
  });

  it('rounds to whole ms and is never below 1 ms', () => {
    expect(serviceTimeMs(params({ ms: 120.4 }), 0)).toBe(120);
    expect(serviceTimeMs(params({ ms: 0.2 }), 0)).toBe(1);
  });
});

describe('faultOf', () => {
  const p = params({ crashRate: 0.01, errorRate: 0.05 });

  it('takes a crash first, then an error, else none', () => {
    expect(faultOf(p, 0.005, 0.9)).toBe(FAULT_CRASH);
    expect(faultOf(p, 0.005, 0.02)).toBe(FAULT_CRASH);
    expect(faultOf(p, 0.5, 0.02)).toBe(FAULT_ERROR);
    expect(faultOf(p, 0.5, 0.5)).toBe(FAULT_NONE);
  });

  it('compares strictly: a draw equal to the rate is no fault', () => {
    expect(faultOf(p, 0.01, 0.05)).toBe(FAULT_NONE);
  });

  it('keeps the codes the pool stores (0, 1, 2)', () => {
    expect([FAULT_NONE, FAULT_ERROR, FAULT_CRASH]).toEqual([0, 1, 2]);
  });
});

describe('taskSucceeds', () => {
  const p = params({ taskSuccess: 0.9 });

  it('succeeds below taskSuccess, never after an error', () => {
    expect(taskSucceeds(p, false, 0.5)).toBe(true);
    expect(taskSucceeds(p, false, 0.9)).toBe(false);
    expect(taskSucceeds(p, false, 0.95)).toBe(false);
    expect(taskSucceeds(p, true, 0.1)).toBe(false);
  });
});

describe('tokensOf', () => {
  it('scales the mean tokens with the service time over the mean time', () => {
    const p = params({ tokens: 400, meanMs: 1000 });
    expect(tokensOf(p, 500)).toBe(200);
    expect(tokensOf(p, 2500)).toBe(1000);
    expect(tokensOf(p, 1001)).toBe(400);
  });
});

describe('responseCode', () => {
  it('is an error first, then a timeout past the timeout, else OK', () => {
    expect(responseCode(false, 1200, 30_000)).toBe(CODE_OK);
    expect(responseCode(false, 30_000, 30_000)).toBe(CODE_OK);
    expect(responseCode(false, 30_001, 30_000)).toBe(CODE_TIMEOUT);
    expect(responseCode(true, 5, 30_000)).toBe(CODE_ERROR);
    expect(responseCode(true, 60_000, 30_000)).toBe(CODE_ERROR);
    expect(responseCode(false, 1e9, Infinity)).toBe(CODE_OK);
  });
});

describe('harmOf (SLO 2000 ms)', () => {
  const SLO = 2000;
  /** A pool holding one request with these draws. */
  function request(uCrash: number, uError: number, uTask: number, z = 0): { pool: RequestPool; r: number } {
    const pool = new RequestPool(4);
    const r = pool.alloc();
    pool.uCrash[r] = uCrash;
    pool.uError[r] = uError;
    pool.uTask[r] = uTask;
    pool.z[r] = z;
    return { pool, r };
  }

  it('an error stable would not have made is harm; one it would have made too is not', () => {
    const { pool, r } = request(1, 0.03, 0.5);
    const rel = params({ errorRate: 0.05 });
    expect(harmOf(pool, r, rel, params({ errorRate: 0.01 }), true, 100, SLO, false)).toBe(1);
    expect(harmOf(pool, r, rel, params({ errorRate: 0.04 }), true, 100, SLO, false)).toBe(0);
  });

  it('a crash stable would have had too is not harm', () => {
    const { pool, r } = request(0.001, 0.9, 0.5);
    expect(harmOf(pool, r, params({ crashRate: 0.01 }), params({ crashRate: 0.002 }), true, 100, SLO, false)).toBe(0);
  });

  it('a failed task stable would have done is harm', () => {
    const { pool, r } = request(1, 0.9, 0.92);
    expect(harmOf(pool, r, params({ taskSuccess: 0.9 }), params({ taskSuccess: 0.95 }), false, 100, SLO, false)).toBe(1);
    expect(harmOf(pool, r, params({ taskSuccess: 0.9 }), params({ taskSuccess: 0.91 }), false, 100, SLO, false)).toBe(0);
  });

  it('a missed SLO is harm only when stable would have met it with the same z', () => {
    const { pool, r } = request(1, 0.9, 0.5);
    const rel = params({ ms: 2500 });
    expect(harmOf(pool, r, rel, params({ ms: 1800 }), false, 2500, SLO, false)).toBe(1);
    expect(harmOf(pool, r, rel, params({ ms: 2000 }), false, 2500, SLO, false)).toBe(1);
    expect(harmOf(pool, r, rel, params({ ms: 2100 }), false, 2500, SLO, false)).toBe(0);
    expect(harmOf(pool, r, params({ ms: 1500 }), params({ ms: 1800 }), false, 1500, SLO, false)).toBe(0);
  });

  it('on a pod the release slowed, a miss is settled end to end: harm if stable\'s own time meets the SLO', () => {
    const { pool, r } = request(1, 0.9, 0.5);
    // The release served it in 1500 ms, but the pod is slowed (queue the release's doing): settled at completion.
    expect(harmOf(pool, r, params({ ms: 1500 }), params({ ms: 1800 }), false, 1500, SLO, true)).toBe(HARM_IF_LATE);
    // Stable would take 2100 ms: too slow either way, never harm.
    expect(harmOf(pool, r, params({ ms: 2500 }), params({ ms: 2100 }), false, 2500, SLO, true)).toBe(HARM_NONE);
    // An error stable would not make is harm whatever the latency.
    expect(harmOf(pool, r, params({ ms: 1500, errorRate: 1 }), params({ ms: 1800 }), true, 1500, SLO, true)).toBe(HARM_YES);
  });

  it('isHarmed: HARM_IF_LATE is harm exactly when the latency end to end exceeds the SLO', () => {
    expect([isHarmed(HARM_IF_LATE, 2001, SLO), isHarmed(HARM_IF_LATE, 2000, SLO), isHarmed(HARM_YES, 10, SLO), isHarmed(HARM_NONE, 60_000, SLO)]).toEqual([true, false, true, false]);
  });

  it('reads stable\'s time at the request\'s own normal draw', () => {
    // stable: median 1000 ms, sigma ln 2: z = 1 → 2000 ms (meets the SLO), z = 1.1 → 2144 ms.
    const st = params({ ms: 1000, sigma: Math.log(2) });
    const meets = request(1, 0.9, 0.5, 1);
    const misses = request(1, 0.9, 0.5, 1.1);
    expect(harmOf(meets.pool, meets.r, params(), st, false, 3000, SLO, false)).toBe(1);
    expect(harmOf(misses.pool, misses.r, params(), st, false, 3000, SLO, false)).toBe(0);
  });
});

describe('RequestPool.draw and copyDraws', () => {
  /** An Rng that hands out 0.1, 0.2, ... (and normals -1, -2, ...), so the order shows. */
  function counting(): Rng {
    let u = 0;
    let n = 0;
    return { next: () => (u += 1) / 10, normal: () => -(n += 1), exponential: () => 1 };
  }

  it('draws z, then uError, uTask and (only when crashes are possible) uCrash', () => {
    const pool = new RequestPool(4);
    const rng = counting();
    const [a, b] = [pool.alloc(), pool.alloc()];
    pool.draw(a, rng, true);
    pool.draw(b, rng, false);
    expect([pool.z[a], pool.uError[a], pool.uTask[a], pool.uCrash[a]]).toEqual([-1, 0.1, 0.2, 0.3]);
    expect([pool.z[b], pool.uError[b], pool.uTask[b], pool.uCrash[b]]).toEqual([-2, 0.4, 0.5, 1]);
  });

  it('gives a copy the cohort and draws of the original, nothing else', () => {
    const pool = new RequestPool(4);
    const [r, m] = [pool.alloc(), pool.alloc()];
    pool.cohort[r] = 2;
    pool.draw(r, counting(), true);
    pool.arrival[r] = 123;
    pool.copyDraws(r, m);
    expect([pool.cohort[m], pool.z[m], pool.uError[m], pool.uTask[m], pool.uCrash[m], pool.arrival[m]]).toEqual([2, -1, 0.1, 0.2, 0.3, 0]);
  });
});
