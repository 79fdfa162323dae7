/**
 * Playback without a clock: the ticker driven by hand over a real simulation. Sim time advances
 * by speed × elapsed, nothing moves while paused, the run finishes at `until` (or on quit) with
 * its Summary, and what reaches the reducer is exactly the recorded trace.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { formatJsonl } from '../../src/report/jsonl.js';
import { createRunDriver } from '../../src/ui/driver.js';
import { replayLines } from '../../src/ui/format/replay.js';
import type { Action } from '../../src/ui/state/types.js';
import { createTicker, FAST_FORWARD_BUDGET_MS, fastForwardBase, nextFastForwardStep } from '../../src/ui/use-playback.js';
import { initialSnapshot, reduce } from '../../src/ui/state/reduce.js';
import { contextFor, golden, loadScenario } from './helpers.js';

/** `wall` is the clock the fast-forward budget is measured on; the default never moves. */
function setup(name: string, until: number, wall: () => number = () => 0) {
  const scenario = loadScenario(name);
  const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
  const driver = createRunDriver(sim, until);
  const batches: Action[][] = [];
  const ticker = createTicker(driver, (b) => batches.push([...b]), { now: wall });
  const events = (): SimEvent[] => batches.flat().filter((a): a is SimEvent => a.type !== 'Playback' && a.type !== 'Batch');
  return { driver, ticker, batches, events };
}

const play = { speed: 60, paused: false, fastForward: false };

describe('createTicker over a real run', () => {
  it('advances speed × elapsed wall ms, one batch per tick, with the Samples of the scrapes it passed', () => {
    const { driver, ticker, batches } = setup('canary-happy-path', 600000);
    ticker.tick(0, play);
    expect(driver.now()).toBe(0);
    ticker.tick(100, play);
    expect(driver.now()).toBe(6000);
    ticker.tick(250, { speed: 120, paused: false, fastForward: false });
    expect(driver.now()).toBe(36000);
    expect(batches).toHaveLength(3);
    expect(batches.map((b) => b.filter((a) => a.type === 'Sample').map((a) => a.type === 'Sample' && a.t))).toEqual([[], [], [15000, 30000]]);
  });

  it('does nothing while paused', () => {
    const { driver, ticker, batches } = setup('canary-happy-path', 600000);
    ticker.tick(100, play);
    ticker.tick(5000, { speed: 60, paused: true, fastForward: false });
    expect(driver.now()).toBe(6000);
    expect(batches).toHaveLength(1);
  });

  it('stops at until with the Summary, and the events are the golden trace\'s', () => {
    const { driver, ticker, events } = setup('canary-happy-path', 1800000);
    let ticks = 0;
    while (!ticker.done()) {
      ticker.tick(100, { speed: 6000, paused: false, fastForward: false });
      ticks++;
    }
    expect(ticks).toBe(3);
    expect(driver.now()).toBe(1800000);
    ticker.tick(100, play);
    expect(driver.now()).toBe(1800000);
    expect(events()).toEqual(golden('canary-happy-path'));
  });

  it('quit finishes at the current sim time', () => {
    const { ticker, events } = setup('canary-tool-call-regression', 3600000);
    ticker.tick(1000, play);
    ticker.quit();
    expect(ticker.done()).toBe(true);
    const summary = events().at(-1);
    expect(summary).toMatchObject({ t: 60000, type: 'Summary', outcome: 'incomplete' });
    ticker.quit();
    expect(events().filter((e) => e.type === 'Summary')).toHaveLength(1);
  });

  it('an operator key is stamped with the current sim time and acted on at once, even while paused', () => {
    const { driver, ticker } = setup('canary-tool-call-regression', 3600000);
    ticker.tick(1000, play);
    const actions = driver.send?.('abort') ?? [];
    expect(actions.map((a) => a.type)).toEqual(['OperatorAction', 'RolloutAborted', 'WeightChanged', 'PhaseChanged']);
    expect(actions[0]).toEqual({ t: 60000, type: 'OperatorAction', action: 'abort' });
  });

  it('abort, retry, abort again, then promote --full from Degraded: the UI ends promoted', () => {
    const { driver, ticker } = setup('canary-tool-call-regression', 3600000);
    const ctx = contextFor('canary-tool-call-regression');
    let s = initialSnapshot(ctx, play);
    const apply = (actions: readonly Action[]): void => void (s = reduce(s, { type: 'Batch', actions }));
    const to = (t: number): void => apply(driver.advance(t));
    to(300000);
    apply(driver.send?.('abort') ?? []);
    to(400000);
    apply(driver.send?.('retry') ?? []);
    expect(s.steps.map((r) => r.mark)).toEqual(['current', 'pending', 'pending', 'pending', 'pending', 'pending']);
    to(500000);
    apply(driver.send?.('abort') ?? []);
    expect(s.header.phase).toBe('Degraded');
    expect(s.steps.map((r) => r.mark)).toEqual(['done', 'aborted', 'pending', 'pending', 'pending', 'pending']);
    apply(driver.send?.('promoteFull') ?? []);
    to(600000);
    expect(s.header).toMatchObject({ phase: 'Healthy', step: { current: 6, total: 6 }, setWeight: 100, actualWeight: 100 });
    expect(s.steps.every((r) => r.mark === 'done')).toBe(true);
    expect(s.header.images).toEqual([{ image: 'agent:v2', tags: ['stable'] }]);
    expect(s.why?.text).toBe('promoted: promote --full by the operator; every release pod ready at 8m40s');
    expect(s.operatorActions.map((a) => [a.t, a.action])).toEqual([[300000, 'abort'], [400000, 'retry'], [500000, 'abort'], [500000, 'promoteFull']]);
    expect(ticker.done()).toBe(false);
  });

  it('keys pressed live, replayed as spec.operator with --until, give the same trace byte for byte', () => {
    const scenario = loadScenario('canary-tool-call-regression');
    const live = createSimulation(scenario, { store: createMetricStore() });
    const liveTrace: string[] = [];
    live.subscribe((e) => liveTrace.push(formatJsonl(e)));
    const driver = createRunDriver(live, scenario.duration);
    driver.advance(100123);
    driver.send?.('promote');
    driver.advance(400000);
    driver.send?.('abort');
    driver.advance(500000);
    driver.finish(); // `q` at 8m20s
    const ctx = contextFor('canary-tool-call-regression');
    expect(replayLines(ctx, [{ t: 100123, action: 'promote' }, { t: 400000, action: 'abort' }], 500000)).toEqual([
      `Replay: simulate run ${ctx.file} --seed 7 --until 8m20s, with the Scenario's spec.operator set to`,
      '  operator:', '    - {at: 1m40.123s, action: promote}', '    - {at: 6m40s, action: abort}',
    ]);
    const replay = createSimulation(
      { ...scenario, operator: [{ at: 100123, action: 'promote', rollout: undefined }, { at: 400000, action: 'abort', rollout: undefined }] },
      { store: createMetricStore() },
    );
    const replayTrace: string[] = [];
    replay.subscribe((e) => replayTrace.push(formatJsonl(e)));
    replay.runUntil(500000);
    replay.finish();
    expect(replayTrace).toEqual(liveTrace);
  });

  it('fast-forward runs one step a frame, doubled while a step takes under half the budget, halved over it', () => {
    let cost = 10; // wall ms each step takes
    let wall = 0;
    const { driver, ticker, batches } = setup('canary-happy-path', 1800000, () => (wall += cost)); // between a step's two readings: `cost`
    const ff = { ...play, fastForward: true };
    const reached: number[] = [];
    const frame = (): void => {
      ticker.tick(100, ff);
      reached.push(driver.now() / 1000);
    };
    frame(); frame(); frame(); // steps of 6 s, 12 s, 24 s
    cost = FAST_FORWARD_BUDGET_MS + 10;
    frame(); frame(); frame(); frame(); // 48 s, then 24 s, 12 s, 6 s: never under the base
    expect(reached).toEqual([6, 18, 42, 90, 114, 126, 132]);
    expect(batches).toHaveLength(7); // one batch a frame
    ticker.tick(100, play); // back to normal: 6 s a tick, and a later fast-forward starts over
    ticker.tick(100, ff);
    expect(driver.now()).toBe(144000);
    expect([fastForwardBase(600), fastForwardBase(60), fastForwardBase(1)]).toEqual([60000, 6000, 6000]);
    expect(nextFastForwardStep(12000, 40, 6000)).toBe(12000);
  });

  it('fast-forward to the end gives the trace, the Summary and the last Sample of normal playback', () => {
    const normal = setup('canary-tool-call-regression', 3600000);
    let ticks = 0;
    for (; !normal.ticker.done(); ticks++) normal.ticker.tick(100, { speed: 600, paused: false, fastForward: false });
    const fast = setup('canary-tool-call-regression', 3600000); // its wall clock never moves: every step doubles
    let frames = 0;
    for (; !fast.ticker.done(); frames++) fast.ticker.tick(100, { speed: 600, paused: false, fastForward: true });
    expect([ticks, frames]).toEqual([60, 6]); // 1m, 2m, 4m, 8m, 16m, then the last 29m
    expect(fast.events()).toEqual(normal.events());
    expect(fast.events().at(-1)).toMatchObject({ t: 3600000, type: 'Summary', outcome: 'aborted' });
    const lastSample = (b: Action[][]): Action | undefined => b.flat().filter((a) => a.type === 'Sample').at(-1);
    expect(lastSample(fast.batches)).toEqual(lastSample(normal.batches));
  });
});
