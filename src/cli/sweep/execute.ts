/**
 * Runs a slice of a sweep's tasks, on worker threads or (one worker) in this thread, and returns
 * the records by task number. Which thread ran what, and when, leaves no trace in the result.
 */
import type { Scenario } from '../../model/scenario.js';
import type { Source } from '../../scenario/index.js';
import { loadCell } from '../../sweep/load-cell.js';
import { seedOf, taskAt, type SweepPlan } from '../../sweep/plan.js';
import { decodeRecord, encodeRecord, type SeedRecord } from '../../sweep/record.js';
import { runSeed } from '../../sweep/run-seed.js';
import { runPool } from './pool.js';
import type { Progress } from './progress.js';

/** Records of tasks [from, to): index k - from holds task k's. */
export async function executeTasks(sources: readonly Source[], plan: SweepPlan, from: number, to: number, workers: number, progress: Progress): Promise<SeedRecord[]> {
  const out: (SeedRecord | undefined)[] = new Array(to - from);
  let done = 0;
  const store = (task: number, wire: unknown): void => {
    const r = decodeRecord(wire);
    if (r === undefined) throw new Error(`task ${task}: a malformed record`);
    out[task - from] = r;
    progress.tick(++done);
  };
  const tasks = Array.from({ length: to - from }, (_, i) => from + i);
  if (workers <= 1) {
    // In this thread, through the same encoding the threads use.
    const scenarios = new Map<number, Scenario>();
    for (const k of tasks) {
      const { cell, seedIndex } = taskAt(plan, k);
      const planCell = plan.cells[cell] as SweepPlan['cells'][number];
      const scenario = scenarios.get(cell) ?? loadCell(sources, plan, planCell);
      scenarios.set(cell, scenario);
      store(k, encodeRecord(runSeed(scenario, planCell.workload, seedOf(plan.baseSeed, seedIndex), plan.horizon)));
    }
  } else await runPool(workers, { sources, plan }, tasks, store);
  progress.end();
  return out.map((r, i) => {
    if (r === undefined) throw new Error(`task ${from + i} returned nothing`);
    return r;
  });
}
