/**
 * A cell's scenario: the sources with the cell's --vary values applied, through the loader, so a
 * varied value is checked like a written one. The main thread loads every cell first (bad input
 * exits 2 before any work); each worker loads the cells it is given from the same texts.
 */
import type { Scenario } from '../model/scenario.js';
import { formatLoadError, loadScenarioSources, type Source } from '../scenario/index.js';
import type { PlanCell, SweepPlan } from './plan.js';
import { applyVary } from './vary-apply.js';
import { cellLabel } from './vary.js';

/** Bad input found while loading a cell: its message is ready to print (exit 2). */
export class CellError extends Error {}

/**
 * Example: loadCell(sources, plan, {workload: undefined, values: [1]}) with --vary
 * spec.release.regressions[0].to=1%,2% → the scenario with `to: 2%`; with `to=2` (not a percentage
 * of at most 100 %) → throws a CellError quoting the loader's error and the cell.
 */
export function loadCell(sources: readonly Source[], plan: SweepPlan, cell: PlanCell): Scenario {
  const assignments = plan.specs.map((spec, i) => ({ spec, value: spec.values[cell.values[i] ?? 0] }));
  let varied: Source[];
  try {
    varied = applyVary(sources, assignments);
  } catch (e) {
    throw new CellError((e as Error).message);
  }
  const r = loadScenarioSources(varied);
  if (r.ok) return r.scenario;
  const lines = r.errors.map((e) => `error: ${formatLoadError(e)}`);
  throw new CellError(`${lines.join('\n')}\n(with --vary ${cellLabel(plan.specs, cell.values)})`);
}
