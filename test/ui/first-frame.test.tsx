/**
 * What a live session draws first and last: a header at once, before the simulation has produced
 * a single event (building it takes seconds on a loaded machine), the CLI's splash line erased
 * under it, and a final compare frame that ends with the verdict and the replay command — the
 * status line above the verdict, no spec.operator snippet when no key was pressed.
 */
import { describe, expect, it, vi } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { createComparison } from '../../src/run/compare.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { RunScreen } from '../../src/ui/components/RunScreen.js';
import { runCompareLive, runLive } from '../../src/ui/live.js';
import { showSplash, splashText } from '../../src/ui/splash.js';
import { reduce } from '../../src/ui/state/reduce.js';
import { drive, manualClock, plain, streams } from './fake-terminal.js';
import { liveSnapshot, loadScenario, text } from './helpers.js';

vi.hoisted(() => {
  process.env.CI = 'false';
  delete process.env.CONTINUOUS_INTEGRATION;
});

/** Each text write with how many trace events the simulations had emitted when it was written. */
function recordWrites(stdout: { write: (s: string) => boolean }, events: () => number): { text: string; events: number }[] {
  const writes: { text: string; events: number }[] = [];
  const write = stdout.write;
  stdout.write = (s: string): boolean => {
    if (plain(s).trim() !== '') writes.push({ text: plain(s), events: events() });
    return write(s);
  };
  return writes;
}

describe('the first frame', () => {
  it('compare: the header and "simulating…" are on screen before any simulation has emitted an event', async () => {
    const scenario = loadScenario('flagship');
    const cmp = createComparison(scenario, { sampler: takeSample });
    let emitted = 0;
    cmp.sims.forEach((sim) => sim.subscribe(() => emitted++));
    const c = manualClock();
    const { stdout, opts } = streams();
    const writes = recordWrites(stdout, () => emitted);
    const session = runCompareLive(cmp, { file: scenario.file, scenario: scenario.name, speed: 600, color: false, until: 60000, clock: c.clock, ...opts });
    expect(await drive(session, c)).toBe(true);
    expect(writes[0]).toEqual({ text: expect.stringContaining('rollout-sim compare · flagship · seed 7 · simulating…'), events: 0 });
    expect(writes.at(-1)?.events).toBeGreaterThan(0);
  });

  it('run: the same, with the scenario named from the file when the caller does not say', async () => {
    const scenario = loadScenario('canary-tool-call-regression');
    const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample });
    let emitted = 0;
    sim.subscribe(() => emitted++);
    const c = manualClock();
    const { stdout, opts } = streams();
    const writes = recordWrites(stdout, () => emitted);
    expect(await drive(runLive(sim, { file: 'scenarios/canary-tool-call-regression.yaml', speed: 600, color: false, until: 60000, clock: c.clock, ...opts }), c)).toBe(true);
    expect(writes[0]).toEqual({ text: expect.stringContaining('rollout-sim run · canary-tool-call-regression · seed 7 · simulating…'), events: 0 });
  });

  it('the CLI\'s splash line (written before the UI loads) is erased, then the first frame drawn in its place', async () => {
    const scenario = loadScenario('flagship');
    const cmp = createComparison(scenario, { sampler: takeSample });
    const c = manualClock();
    const { stdout, opts } = streams();
    showSplash(opts.terminal, 'compare', scenario.name, 7);
    expect(stdout.writes).toEqual(['rollout-sim compare · flagship · seed 7 · simulating…']); // no newline: the cursor stays on it
    await drive(runCompareLive(cmp, { file: scenario.file, speed: 600, color: false, until: 30000, clock: c.clock, ...opts }), c);
    expect(stdout.writes[1]).toBe('\r\u001b[2K');
    expect(stdout.writes.filter((w) => w === '\r\u001b[2K')).toHaveLength(1);
  });

  it('splashText never wraps: cut to the width less one column', () => {
    expect(splashText('compare', 'flagship', 7, 120)).toBe('rollout-sim compare · flagship · seed 7 · simulating…');
    expect(splashText('run', 'canary-tool-call-regression', 7, 40)).toBe('rollout-sim run · canary-tool-call-reg…');
    expect(splashText('run', 'canary-tool-call-regression', 7, 40)).toHaveLength(39);
  });
});

describe('the final compare frame', () => {
  it('ends with the verdict and the replay command; the status line sits above the verdict; no operator snippet', async () => {
    const scenario = loadScenario('flagship');
    const cmp = createComparison(scenario, { sampler: takeSample });
    const c = manualClock();
    const { stdout, stdin, opts } = streams();
    stdout.columns = 120;
    stdout.rows = 40;
    // `a` does nothing in compare: operator keys are off, so nothing is offered for replay.
    await drive(runCompareLive(cmp, { file: 'flagship', speed: 600, color: false, until: scenario.duration, clock: c.clock, ...opts }), c, (tick) => (tick === 2 ? stdin.press('a') : undefined));
    const frame = plain(stdout.writes.filter((w) => plain(w).trim() !== '').at(-1) ?? '').trimEnd().split('\n');
    expect(frame.at(-1)).toBe('Replay: simulate compare flagship --seed 7 (same inputs, same run)');
    const status = frame.indexOf('1h0m0s / 1h0m0s  600×  ■ finished');
    expect(status).toBeGreaterThan(0);
    expect(frame[status + 1]).toBe('Verdict (identical traffic: the same 71855 user requests arrived at each)');
    expect(frame.join('\n')).not.toContain('operator:');
  });
});

describe('the run view\'s replay snippet', () => {
  // canary-manual-abort scripts an abort at 15m in its spec.operator: not a key press.
  const { snapshot, driver } = liveSnapshot('canary-manual-abort', loadScenario('canary-manual-abort').duration);
  const end = reduce(snapshot, { type: 'Batch', actions: driver.finish() });
  const screen = (s: typeof end): string => text(<RunScreen snapshot={s} columns={120} rows={40} color={false} keys="run" log={false} />, 120);

  it('no key pressed: one line, even though the Scenario scripts an operator action', () => {
    expect(end.operatorActions).toEqual([{ t: 900000, action: 'abort' }]);
    expect(screen(end)).toMatch(/Replay: simulate run \S+canary-manual-abort\.yaml --seed 7 \(same inputs, same run\)/);
    expect(screen(end)).not.toContain('spec.operator');
  });

  it('a key pressed: the spec.operator snippet, the scripted action included (the snippet replaces the list)', () => {
    const pressed = reduce(end, { type: 'KeyPressed' });
    expect(screen(pressed)).toContain("with the Scenario's spec.operator set to");
    expect(screen(pressed)).toContain('    - {at: 15m0s, action: abort}');
  });
});
