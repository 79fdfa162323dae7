/**
 * Loads a scenario for a command, or throws a LoadFailure carrying every error, formatted.
 */
import { formatLoadError, loadScenarioPath } from '../../scenario/index.js';
import type { Scenario } from '../../model/scenario.js';
import { UsageError } from '../io.js';

export function loadOrFail(path: string | undefined, usage: string): Scenario {
  return loadWithNotes(path, usage).scenario;
}

/** As loadOrFail, with the loader's notes (documents accepted but not simulated). */
export function loadWithNotes(path: string | undefined, usage: string): { scenario: Scenario; notes: string[] } {
  if (path === undefined) throw new UsageError(`missing scenario FILE\n\n${usage}`);
  const result = loadScenarioPath(path);
  if (!result.ok) {
    const lines = result.errors.map((e) => `error: ${formatLoadError(e)}`);
    const more = result.errors.length > 1 ? `\n${result.errors.length} errors` : '';
    throw new UsageError(lines.join('\n') + more);
  }
  return { scenario: result.scenario, notes: result.notes };
}
