/**
 * Test inputs for the UI: shipped scenarios, their recorded golden traces, and a reducer fold
 * over them (the real reducer on real recorded events, never a mock).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { createRunContext, type RunContext } from '../../src/ui/state/context.js';
import { initialSnapshot, reduce } from '../../src/ui/state/reduce.js';
import type { Action, RunSnapshot } from '../../src/ui/state/types.js';
import { renderToString } from 'ink';
import { createElement, type ReactNode } from 'react';
import { createMetricStore } from '../../src/metrics/store.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { simulationStarted } from '../../src/run/trace-start.js';
import { createCompareDriver, createRunDriver, type Driver } from '../../src/ui/driver.js';
import { createComparison } from '../../src/run/compare.js';
import { reduceCompare, type CompareAction, type CompareSnapshot } from '../../src/ui/state/compare.js';
import { ColorContext } from '../../src/ui/theme.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The file as a user at the checkout's root types it (`scenarios/flagship.yaml`): frames that
 * repeat it (the replay line) then do not depend on where the checkout lives.
 */
export function typed(file: string): string {
  return relative(ROOT, file);
}

export function loadScenario(name: string): Scenario {
  const loaded = loadScenarioPath(join(ROOT, 'scenarios', `${name}.yaml`));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return loaded.scenario;
}

export function golden(name: string): SimEvent[] {
  return readFileSync(join(ROOT, 'test/golden', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as SimEvent);
}

/** The context of a shipped scenario's workload, from the SimulationStarted event its trace begins with. */
export function contextFor(name: string, workload?: string): RunContext {
  const s = loadScenario(name);
  const w = workload === undefined ? s.workloads[0] : s.workloads.find((x) => x.name === workload);
  if (w === undefined) throw new Error(`no workload ${workload}`);
  return createRunContext(simulationStarted(s, w, s.seed, w.image === s.stableImage), { file: typed(s.file), until: s.duration });
}

/** Folds events into a fresh snapshot; stops before the first event later than `until` when given. */
export function fold(ctx: RunContext, events: readonly SimEvent[], until = Infinity): RunSnapshot {
  return events.filter((e) => e.t <= until).reduce(reduce, initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false }));
}

/**
 * A snapshot of a real run at sim time `at`, reached the way the UI does (driver + reducer),
 * advancing 15 s of sim time at a time. Deterministic: no clock involved.
 */
export function liveSnapshot(name: string, at: number, workload?: string): { snapshot: RunSnapshot; driver: Driver<Action> } {
  const scenario = loadScenario(name);
  const sim = createSimulation(scenario, { store: createMetricStore(), sampler: takeSample, ...(workload !== undefined ? { workload } : {}) });
  const driver = createRunDriver(sim, scenario.duration);
  const ctx = createRunContext(driver.start, { file: typed(scenario.file), until: scenario.duration });
  let s = initialSnapshot(ctx, { speed: 60, paused: false, fastForward: false });
  for (let t = 0; t <= at; t += 15000) s = reduce(s, { type: 'Batch', actions: driver.advance(t) });
  // An end that is no multiple of 15 s (a 5m20s scenario) is reached too, as the terminal's ticker does.
  if (at % 15000 !== 0 && at >= scenario.duration) s = reduce(s, { type: 'Batch', actions: driver.advance(at) });
  return { snapshot: s, driver };
}

/** Renders a node without colour at a fixed width (ink's renderToString: no terminal involved). */
export function text(node: ReactNode, columns: number): string {
  return renderToString(createElement(ColorContext.Provider, { value: false }, node), { columns });
}

/** The compare view's snapshot of a real comparison at sim time `at` (advancing 15 s at a time). */
export function liveCompare(name: string, at: number, until?: number, names?: readonly string[]): { snapshot: CompareSnapshot; driver: Driver<CompareAction> } {
  const scenario = loadScenario(name);
  const cmp = createComparison(scenario, { sampler: takeSample, ...(names !== undefined ? { names } : {}) });
  const end = until ?? scenario.duration;
  const driver = createCompareDriver(cmp, end);
  const contexts = driver.starts.map((start) => createRunContext(start, { file: typed(scenario.file), until: end }));
  let s: CompareSnapshot = { panels: contexts.map((c) => initialSnapshot(c, { speed: 60, paused: false, fastForward: false })), playback: { speed: 60, paused: false, fastForward: false } };
  for (let t = 0; t <= at; t += 15000) s = reduceCompare(s, { type: 'Batch', actions: driver.advance(t) });
  if (at % 15000 !== 0 && at >= end) s = reduceCompare(s, { type: 'Batch', actions: driver.advance(at) });
  return { snapshot: s, driver };
}
