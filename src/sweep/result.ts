/**
 * A sweep's result: what was swept (the header, the same for every shard) and each cell's
 * figures. Its JSON is the `--output json` of `simulate sweep` and of `sweep merge`, key order fixed.
 */
import { cellStats, type CellStats } from './cell-stats.js';
import type { Horizon } from './plan.js';

export const RESULT_VERSION = 1;

/** Everything the figures are of: enough to render them, and (hashed) to tell two sweeps apart. */
export interface SweepHeader {
  /** `sweep`, or `compare` (its strategies as the cells). */
  readonly command: 'sweep' | 'compare';
  readonly scenario: string;
  readonly seeds: number;
  readonly baseSeed: number;
  readonly horizon: Horizon;
  /** Each --vary as written: its target and its values. */
  readonly vary: readonly { readonly target: string; readonly values: readonly string[] }[];
  readonly cells: readonly CellHeader[];
}

export interface CellHeader {
  readonly workload: string;
  readonly strategy: string;
  /** The --vary values of this cell, by target (empty without --vary). */
  readonly vary: Readonly<Record<string, string>>;
}

export interface SweepResult {
  readonly resultVersion: number;
  readonly command: 'sweep' | 'compare';
  readonly scenario: string;
  readonly seeds: number;
  /** The seeds run: first and last (seed index i runs first + i, mod 2^32). */
  readonly seedRange: readonly [number, number];
  readonly horizon: Horizon;
  readonly vary: SweepHeader['vary'];
  readonly cells: readonly (CellHeader & CellStats)[];
}

/**
 * The result from every cell's figures (stats[c]: cell c's, from cellStats or a CellAccumulator).
 * Example: a 1-cell sweep of 200 seeds from seed 7 → {resultVersion: 1, command: 'sweep', scenario: '…', seeds: 200,
 * seedRange: [7, 206], horizon: 'decision', vary: [], cells: [{workload: 'agent', strategy: 'canary', vary: {}, seeds: 200, regressed: {…}, healthy: {…}}]}.
 */
export function sweepResult(header: SweepHeader, stats: readonly CellStats[]): SweepResult {
  return {
    resultVersion: RESULT_VERSION,
    command: header.command,
    scenario: header.scenario,
    seeds: header.seeds,
    seedRange: [header.baseSeed, (header.baseSeed + header.seeds - 1) % 2 ** 32],
    horizon: header.horizon,
    vary: header.vary,
    cells: header.cells.map((c, i) => ({ ...c, ...(stats[i] ?? cellStats([])) })),
  };
}
