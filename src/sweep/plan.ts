/**
 * The shape of a sweep: its cells (a workload × a grid point of --vary), its seeds, and the tasks
 * (one cell on one seed) numbered so that any slice of them (a worker's, a shard's) is named by
 * plain integers. Task k is cell ⌊k / seeds⌋ on seed index k mod seeds.
 */
import { grid, type Cell, type VarySpec } from './vary.js';

/** How far each run is simulated: to its decision (an abort or the promotion), or to spec.duration. */
export type Horizon = 'decision' | 'end';

export interface SweepPlan {
  readonly seeds: number;
  /** Seed index i runs seed (base + i) mod 2^32. */
  readonly baseSeed: number;
  readonly horizon: Horizon;
  readonly specs: readonly VarySpec[];
  /** Every cell, workload-major: [workload, the --vary value indices]. */
  readonly cells: readonly PlanCell[];
}

export interface PlanCell {
  /** The workload to run (undefined: the scenario's first, as `simulate run` does). */
  readonly workload: string | undefined;
  readonly values: Cell;
}

/** Example: planCells([undefined], specs of 2 and 2 values) → 4 cells; planCells(['a', 'b'], []) → 2 cells. */
export function planCells(workloads: readonly (string | undefined)[], specs: readonly VarySpec[]): PlanCell[] {
  const points = grid(specs);
  return workloads.flatMap((workload) => points.map((values) => ({ workload, values })));
}

/** Example: seedOf(7, 0) === 7; seedOf(4294967295, 1) === 0 (seeds wrap at 2^32). */
export function seedOf(base: number, index: number): number {
  return (base + index) % 2 ** 32;
}

export function taskCount(plan: SweepPlan): number {
  return plan.cells.length * plan.seeds;
}

/** Example: with 200 seeds, task 450 is cell 2, seed index 50. */
export function taskAt(plan: SweepPlan, k: number): { cell: number; seedIndex: number } {
  return { cell: Math.floor(k / plan.seeds), seedIndex: k % plan.seeds };
}

/**
 * The I-th of N contiguous, disjoint slices of `total` tasks, as [from, to); the slices cover
 * every task once and differ in size by at most one.
 * Example: shardRange(10, 0, 4) → [0, 2]; shardRange(10, 1, 4) → [2, 5]; shardRange(10, 3, 4) → [7, 10].
 */
export function shardRange(total: number, index: number, count: number): [number, number] {
  return [Math.floor((index * total) / count), Math.floor(((index + 1) * total) / count)];
}
