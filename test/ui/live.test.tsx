/**
 * Whole live sessions: runLive / runCompareLive mounted on fake streams (ink's render options)
 * with a hand-driven clock, so they run to the end without a terminal and without waiting on
 * real time. Key presses go through the fake stdin into the trace.
 *
 * These sessions are what a person sees on a terminal, where the CLI picks the live view only
 * outside CI (output-mode.ts). Ink decides at import time (is-in-ci) whether to animate frames
 * or write only the last one, so CI is switched off before anything imports ink; otherwise a CI
 * runner would test a mode the CLI never shows.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { createComparison } from '../../src/run/compare.js';
import { createSimulation } from '../../src/run/simulation.js';
import { runCompareLive, runLive, type LiveOptions } from '../../src/ui/live.js';
import type { Clock } from '../../src/ui/use-playback.js';
import { loadScenario } from './helpers.js';

vi.hoisted(() => {
  process.env.CI = 'false';
  delete process.env.CONTINUOUS_INTEGRATION;
});

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  written = '';
  write = (s: string): boolean => {
    this.written += s;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(s: string): void {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
}

/** A clock that only moves when told to; `tick()` fires the interval once, 100 ms later. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, () => void>();
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    setInterval: (fn) => {
      timers.set(++ids, fn);
      return ids;
    },
    clearInterval: (h) => void timers.delete(h as number),
  };
  return {
    clock,
    armed: () => timers.size > 0,
    tick(): void {
      now += 100;
      for (const fn of [...timers.values()]) fn();
    },
  };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/** Runs a session to its end, tick after tick, until the promise settles; `between(n)` runs after n ticks. */
async function drive(session: Promise<boolean>, c: ReturnType<typeof manualClock>, between: (tick: number) => void = () => {}): Promise<boolean> {
  let result: boolean | undefined;
  void session.then((r) => (result = r));
  for (let tick = 0; result === undefined && tick < 200; tick++) {
    await settle();
    if (!c.armed()) continue;
    between(tick);
    await settle();
    c.tick();
  }
  await settle();
  if (result === undefined) throw new Error('the live session did not finish');
  return result;
}

function streams() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const opts = { streams: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new FakeStdout() as unknown as NodeJS.WriteStream } };
  return { stdout, stdin, opts };
}

describe('runLive', () => {
  it('plays a short run to its end and leaves the summary on screen', async () => {
    const scenario = loadScenario('canary-happy-path');
    const sim = createSimulation(scenario, { store: createMetricStore() });
    const c = manualClock();
    const { stdout, opts } = streams();
    const live: LiveOptions = { scenario, speed: 600, color: false, until: 180000, clock: c.clock, ...opts };
    expect(await drive(runLive(sim, live), c)).toBe(true);
    const out = plain(stdout.written);
    expect(out).toContain('Summary — agent');
    expect(out).toContain('outcome   incomplete (neither promoted nor aborted)');
    expect(out).toContain('Replay: simulate run');
    expect(out).toContain('■ finished');
    expect(out).toContain('✔ step 1 of 4 complete'); // the event log, printed through <Static>
    expect(sim.engine.now).toBe(180000);
  });

  it('p and q from the keyboard: promote is recorded with its sim time and offered for replay', async () => {
    const scenario = loadScenario('canary-tool-call-regression');
    const sim = createSimulation(scenario, { store: createMetricStore() });
    const trace: string[] = [];
    sim.subscribe((e) => trace.push(e.type === 'OperatorAction' ? `${e.t} ${e.action}` : e.type));
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    const session = runLive(sim, { scenario, speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts });
    await drive(session, c, (tick) => {
      if (tick === 1) stdin.press('p'); // after one tick (60 s of sim time): inside the 5m pause
      if (tick === 3) stdin.press('q');
    });
    expect(trace).toContain('60000 promote');
    expect(trace.at(-1)).toBe('Summary');
    const out = plain(stdout.written);
    expect(out).toContain('- {at: 1m0s, action: promote}');
    expect(out).toContain('Summary — agent');
    expect(sim.engine.now).toBeLessThan(scenario.duration);
  });
});

describe('runCompareLive', () => {
  it('plays every strategy on one clock and ends with the verdict table', async () => {
    const scenario = loadScenario('flagship');
    const cmp = createComparison(scenario);
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    const session = runCompareLive(cmp, { scenario, speed: 600, color: false, until: 120000, clock: c.clock, ...opts });
    expect(await drive(session, c, (tick) => (tick === 1 ? stdin.press('a') : undefined))).toBe(true);
    const out = plain(stdout.written);
    expect(out).toContain('Verdict (identical traffic:');
    expect(out).toMatch(/agent-canary +canary +incomplete/);
    expect(out).toContain('operator keys off');
    expect(cmp.sims.map((s) => s.engine.now)).toEqual([120000, 120000, 120000]);
    expect(out).not.toContain('operator: abort'); // `a` does nothing in compare
  });
});
