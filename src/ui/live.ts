/**
 * The live terminal UI entry points. Until the ink UI lands, these report that it is not
 * available and the CLI falls back to the text timeline.
 */
import type { Scenario } from '../model/scenario.js';
import type { Comparison } from '../run/compare.js';
import type { Simulation } from '../run/simulation.js';

export interface LiveOptions {
  readonly scenario: Scenario;
  /** Simulated seconds per wall-clock second. */
  readonly speed: number;
  readonly color: boolean;
  readonly until: number;
}

/** Plays one simulation live; resolves false when the UI is not available (use text instead). */
export async function runLive(_sim: Simulation, _opts: LiveOptions): Promise<boolean> {
  return false;
}

/** Plays a comparison live, panels side by side; false when the UI is not available. */
export async function runCompareLive(_cmp: Comparison, _opts: LiveOptions): Promise<boolean> {
  return false;
}
