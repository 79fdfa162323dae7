/**
 * Runs a slice of a sweep's tasks, on worker threads or (one worker) in this thread, and hands
 * each task's record to a sink as it arrives (in any order), with its task number. Which thread
 * ran what, and when, leaves no trace in the result.
 */
import type { Scenario } from '../../model/scenario.js';
import type { Source } from '../../scenario/index.js';
import { loadCell } from '../../sweep/load-cell.js';
import { seedOf, taskAt, type SweepPlan } from '../../sweep/plan.js';
import { decodeRecord, encodeRecord, type SeedRecord } from '../../sweep/record.js';
import { runSeed } from '../../sweep/run-seed.js';
import { runPool } from './pool.js';
import type { Progress } from './progress.js';

/** Runs tasks [from, to) and gives `sink` each one's record, once, in completion order. */
export async function executeTasks(sources: readonly Source[], plan: SweepPlan, from: number, to: number, workers: number, progress: Progress, sink: (task: number, r: SeedRecord) => void): Promise<void> {
  let done = 0;
  const store = (task: number, wire: unknown): void => {
    const r = decodeRecord(wire);
    if (r === undefined) throw new Error(`task ${task}: a malformed record`);
    sink(task, r);
    progress.tick(++done);
  };
  if (workers <= 1) {
    // In this thread, through the same encoding the threads use.
    const scenarios = new Map<number, Scenario>();
    for (let k = from; k < to; k++) {
      const { cell, seedIndex } = taskAt(plan, k);
      const planCell = plan.cells[cell] as SweepPlan['cells'][number];
      const scenario = scenarios.get(cell) ?? loadCell(sources, plan, planCell);
      scenarios.set(cell, scenario);
      store(k, encodeRecord(runSeed(scenario, planCell.workload, seedOf(plan.baseSeed, seedIndex), plan.horizon)));
    }
  } else await runPool(workers, { sources, plan }, from, to, store);
  progress.end();
  if (done !== to - from) throw new Error(`${to - from - done} of tasks ${from}…${to - 1} returned nothing`);
}
