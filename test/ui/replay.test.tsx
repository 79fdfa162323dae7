/**
 * A saved jsonl trace alone redraws a run: for every shipped scenario, the final screen folded from
 * `simulate run --output jsonl` (and each panel of `simulate compare --output jsonl`) is the final
 * screen the live view reached by driving the simulation, character for character.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { CompareScreen } from '../../src/ui/components/CompareScreen.js';
import { RunScreen } from '../../src/ui/components/RunScreen.js';
import { reduceCompare, type CompareSnapshot } from '../../src/ui/state/compare.js';
import { reduce, replay } from '../../src/ui/state/reduce.js';
import { scenarioPath, sim } from '../cli/harness.js';
import { liveCompare, liveSnapshot, loadScenario, text, typed } from './helpers.js';

const names = readdirSync(scenarioPath('')).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).map((f) => f.slice(0, -5)).sort();
const playback = { speed: 60, paused: false, fastForward: false };
const parse = (jsonl: string): SimEvent[] => jsonl.trim().split('\n').map((l) => JSON.parse(l) as SimEvent);

/** A compare trace is each strategy's trace in turn; each begins with SimulationStarted. */
function panels(events: readonly SimEvent[]): SimEvent[][] {
  const out: SimEvent[][] = [];
  for (const e of events) {
    if (e.type === 'SimulationStarted') out.push([]);
    out.at(-1)?.push(e);
  }
  return out;
}

describe('a jsonl trace alone redraws the final screen', () => {
  it.each(names)('run %s', async (name) => {
    const scenario = loadScenario(name);
    const { snapshot, driver } = liveSnapshot(name, scenario.duration);
    const live = reduce(snapshot, { type: 'Batch', actions: driver.finish() });
    // --rollout: a scenario that lists spec.compare would otherwise be raced (as compare does).
    const r = await sim(['run', scenarioPath(`${name}.yaml`), '--rollout', scenario.workloads[0]?.name ?? '', '--output', 'jsonl']);
    expect(r.code).toBe(0);
    const replayed = replay(parse(r.out), { file: typed(scenario.file), until: scenario.duration }, playback);
    for (const [columns, rows] of [[120, 40], [80, 24]] as const) {
      const screen = (s: typeof live): string => text(<RunScreen snapshot={s} columns={columns} rows={rows} color={false} keys="none" />, columns);
      expect(screen(replayed)).toBe(screen(live));
    }
    expect(replayed.summary?.outcome).toBe(live.summary?.outcome);
  });

  it.each(names)('compare %s', async (name) => {
    const scenario = loadScenario(name);
    const { snapshot, driver } = liveCompare(name, scenario.duration);
    const live = reduceCompare(snapshot, { type: 'Batch', actions: driver.finish() });
    const r = await sim(['compare', scenarioPath(`${name}.yaml`), '--output', 'jsonl']);
    expect(r.code).toBe(0);
    const traces = panels(parse(r.out));
    expect(traces).toHaveLength(live.panels.length);
    const replayed: CompareSnapshot = { panels: traces.map((t) => replay(t, { file: typed(scenario.file), until: scenario.duration }, playback)), playback };
    const screen = (s: CompareSnapshot): string => text(<CompareScreen snapshot={s} columns={120} rows={40} color={false} keys="none" />, 120);
    expect(screen(replayed)).toBe(screen(live));
    expect(screen(replayed)).toContain('Verdict (identical traffic:');
  });
});
