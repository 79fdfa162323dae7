/**
 * Loads a scenario for a command, or throws a LoadFailure carrying every error, formatted.
 */
import { formatLoadError, loadScenarioPath } from '../../scenario/index.js';
import type { Scenario } from '../../model/scenario.js';
import { closest } from '../args.js';
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

/**
 * For run/compare: the scenario's AnalysisTemplates must parse (PromQL and conditions), or it is bad
 * input (exit 2) — found now rather than as an Error measurement an hour into the run. Loaded
 * lazily: a scenario without analysis never pays for the PromQL grammar.
 */
export async function checkAnalysisTemplates(scenario: Scenario): Promise<void> {
  if (scenario.analysisTemplates.length === 0) return;
  const { checkTemplates } = await import('../../run/template-check.js');
  const problems = checkTemplates(scenario.analysisTemplates, scenario);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `error: ${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`);
  throw new UsageError(lines.join('\n') + (problems.length > 1 ? `\n${problems.length} errors` : ''));
}

/** A flag naming a workload must name one of the file's; a misspelling gets a suggestion (exit 2). */
export function requireWorkload(scenario: Scenario, name: string, flag: string): void {
  const names = scenario.workloads.map((w) => w.name);
  if (names.includes(name)) return;
  const near = closest(name, names);
  throw new UsageError(`${flag}: no Rollout or Deployment named "${name}"${near ? ` (did you mean "${near}"?)` : ''}; have: ${names.join(', ')}`);
}
