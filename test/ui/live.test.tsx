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
import type { Scenario } from '../../src/model/scenario.js';
import { formatJsonl } from '../../src/report/jsonl.js';
import { describe, expect, it, vi } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { WorkLimitError } from '../../src/model/work-limit.js';
import { createComparison } from '../../src/run/compare.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { runCompareLive, runLive, type LiveOptions } from '../../src/ui/live.js';
import { loadScenario } from './helpers.js';
import { drive, manualClock, plain, streams, type FakeStdout } from './fake-terminal.js';

vi.hoisted(() => {
  process.env.CI = 'false';
  delete process.env.CONTINUOUS_INTEGRATION;
});

describe('runLive', () => {
  it('plays a short run to its end and leaves the summary on screen', async () => {
    const scenario = loadScenario('canary-happy-path');
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    const c = manualClock();
    const { stdout, opts } = streams();
    const live: LiveOptions = { file: scenario.file, speed: 600, color: false, until: 180000, clock: c.clock, ...opts };
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
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    const trace: string[] = [];
    sim.subscribe((e) => trace.push(e.type === 'OperatorAction' ? `${e.t} ${e.action}` : e.type));
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    const session = runLive(sim, { file: scenario.file, speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts });
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

describe('a run that cannot go on in the live view', () => {
  it('a work limit mid-playback ends the session with that error (exit 2 in the CLI), the timer gone, not a stack from a timer', async () => {
    const scenario = loadScenario('canary-happy-path');
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    const runUntil = sim.runUntil.bind(sim);
    // What an analysis query past MAX_RUN_QUERY_SAMPLES throws (run/analysis-query.ts), at 2 min.
    (sim as { runUntil: (t: number) => void }).runUntil = (t) => {
      if (t > 120_000) throw new WorkLimitError('analysis stopped at 2m0s: query refused by the work budget');
      runUntil(t);
    };
    const c = manualClock();
    const { opts } = streams();
    let failure: unknown;
    const session = runLive(sim, { file: scenario.file, speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts }).catch((e: unknown) => {
      failure = e;
      return 'failed' as const;
    });
    expect(await drive(session, c)).toBe('failed');
    expect(failure).toBeInstanceOf(WorkLimitError);
    expect((failure as Error).message).toBe('analysis stopped at 2m0s: query refused by the work budget');
    expect(c.armed()).toBe(false);
    expect(sim.engine.now).toBe(120_000);
  });
});

describe('Ctrl+C in the live view', () => {
  it('stops at once with "interrupted" (exit 130 in the CLI), the terminal left as ink restores it, no summary drawn', async () => {
    const scenario = loadScenario('canary-tool-call-regression');
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    const trace: string[] = [];
    sim.subscribe((e) => trace.push(e.type));
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    const session = runLive(sim, { file: scenario.file, speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts });
    expect(await drive(session, c, (tick) => {
      if (tick === 2) stdin.press('\u0003');
    })).toBe('interrupted');
    expect(trace).not.toContain('Summary');
    expect(plain(stdout.written)).not.toContain('Summary — agent');
    expect(c.armed()).toBe(false); // the playback timer is gone: nothing keeps the process alive
  });
});

describe('the line after the final screen', () => {
  const finish = async (rows: number): Promise<string> => {
    const scenario = loadScenario('canary-happy-path');
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    const c = manualClock();
    const { stdout, opts } = streams();
    stdout.rows = rows;
    expect(await drive(runLive(sim, { file: scenario.file, speed: 600, color: false, until: 60_000, clock: c.clock, ...opts }), c)).toBe(true);
    return plain(stdout.written);
  };

  it('ends with a newline when the final screen is as tall as the terminal (ink leaves that one open)', async () => {
    const out = await finish(10);
    expect(out).toContain('■ finished');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('adds no blank line when the final screen fits', async () => {
    const out = await finish(200);
    expect(out).toMatch(/■ finished[^\n]*\n$/);
  });
});

describe('runCompareLive', () => {
  it('plays every strategy on one clock and ends with the verdict table', async () => {
    const scenario = loadScenario('flagship');
    const cmp = createComparison(scenario, { sampler: takeSample });
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    const session = runCompareLive(cmp, { file: scenario.file, speed: 600, color: false, until: 120000, clock: c.clock, ...opts });
    expect(await drive(session, c, (tick) => (tick === 1 ? stdin.press('a') : undefined))).toBe(true);
    const out = plain(stdout.written);
    expect(out).toContain('Verdict (identical traffic:');
    expect(out).toMatch(/agent-canary +canary +incomplete/);
    expect(out).toContain('operator keys off');
    expect(cmp.sims.map((s) => s.engine.now)).toEqual([120000, 120000, 120000]);
    expect(out).not.toContain('operator: abort'); // `a` does nothing in compare
  });
});

/** The final screen: ink writes a frame per render, so it is the last write with any text. */
const finalFrame = (stdout: FakeStdout): string => plain(stdout.writes.filter((w) => plain(w).trim() !== '').at(-1) ?? '');

/**
 * A whole session of `scenario` at 600× to its `duration`, played normally or with `f` pressed
 * after one tick: the trace as JSONL, the final frame, and how many ticks it took.
 */
async function session(kind: 'run' | 'compare', scenario: Scenario, fastForward: boolean) {
  const c = manualClock();
  const { stdout, stdin, opts } = streams();
  const live: LiveOptions = { file: scenario.file, speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts };
  const trace: string[] = [];
  let playing: Promise<true | 'interrupted'>;
  if (kind === 'run') {
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    sim.subscribe((e) => trace.push(formatJsonl(e)));
    playing = runLive(sim, live);
  } else {
    const cmp = createComparison(scenario, { sampler: takeSample });
    cmp.sims.forEach((sim) => sim.subscribe((e) => trace.push(`${sim.workload.name} ${formatJsonl(e)}`)));
    playing = runCompareLive(cmp, live);
  }
  await drive(playing, c, (tick) => (fastForward && tick === 1 ? stdin.press('f') : undefined));
  return { trace, frame: finalFrame(stdout), out: plain(stdout.written), ticks: c.ticks() };
}

describe('fast-forward (f)', () => {
  it('run: f after one tick reaches the end in 7 ticks, not 60, with the same trace and final screen', async () => {
    const scenario = loadScenario('canary-tool-call-regression');
    const normal = await session('run', scenario, false);
    const fast = await session('run', scenario, true);
    expect(normal.ticks).toBe(60);
    expect(fast.ticks).toBe(7); // 1 normal (1m), then fast-forward steps of 1m, 2m, 4m, 8m, 16m and the last 28m
    expect(fast.trace.at(-1)).toContain('"type":"Summary"');
    expect(fast.trace).toEqual(normal.trace);
    expect(fast.frame).toContain('Summary — agent');
    expect(fast.frame).toContain('■ finished');
    expect(fast.frame).toEqual(normal.frame);
    expect(fast.out).toContain('⏩ fast-forward'); // the frame drawn while it fast-forwarded
    expect(normal.out).not.toContain('⏩ fast-forward');
  });

  it('compare: f after one tick ends in 7 ticks too (operator keys off), the verdict equal to normal playback\'s', async () => {
    const scenario = loadScenario('flagship');
    const normal = await session('compare', scenario, false);
    const fast = await session('compare', scenario, true);
    expect(fast.ticks).toBe(7);
    expect(normal.ticks).toBe(60);
    // Each panel's own trace is the same; how the panels' events interleave depends on the step sizes.
    const byPanel = (trace: string[]): string[] => [...trace].sort((x, y) => (x.split(' ')[0] ?? '').localeCompare(y.split(' ')[0] ?? ''));
    expect(byPanel(fast.trace)).toEqual(byPanel(normal.trace));
    expect(fast.frame).toContain('Verdict (identical traffic:');
    expect(fast.frame).toEqual(normal.frame);
    expect(fast.out).toContain('space pause · +/- speed · f fast-forward · q quit · operator keys off'); // the key help, 100 columns
  });
});

