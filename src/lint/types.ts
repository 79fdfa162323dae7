/**
 * The lint vocabulary: a rule's stable id, a finding's shape and where it points. Load-time
 * warnings (`simulate run`/`compare`, the trace's Warning events) and `simulate lint` share it, so
 * a rule id or a message never differs between the two.
 */
import type { WarningFields } from '../model/events.js';
import type { SourceRef } from '../model/scenario.js';

/**
 * Every rule, by its stable id (a suppression or a SARIF report names it; never rename one).
 * - `condition-unknown-name`: a success/failureCondition names something that is not `result`, an
 *   Argo helper or an expr-lang builtin (every measurement would be an Error).
 * - `query-unknown-metric`: a PromQL selector names a metric family nobody exports.
 * - `query-unknown-label`: a selector requires a label its family does not carry.
 * - `query-no-series`: a selector's label value matches none of the values the cluster exports
 *   (a `destination_service` that is not one of the manifest's Services, …).
 * - `pause-without-operator`: an indefinite `pause: {}` and no operator action to resume it.
 * - `promotion-without-operator`: blue-green `autoPromotionEnabled: false` and no operator action.
 *
 * `simulate lint` only (manifest-rules.ts; a run never warns about these):
 * - `deployment-without-rollout`: a Deployment a Service fronts and no Rollout: progressive delivery lost.
 * - `rollout-without-analysis`: a Rollout with no analysis at all: nothing rolls it back automatically.
 * - `bluegreen-synthetic-only`: blue-green validated only by pre-promotion job (synthetic) metrics,
 *   no postPromotionAnalysis: real traffic never judges the release.
 * - `setweight-not-increasing`: a setWeight step below an earlier one (an error) or equal to it (a warning: a no-op step).
 * - `condition-result-not-indexed` (error): a condition comparing `result` (a vector) to a number.
 * - `condition-unsafe-empty`: `result[0]` with no guard for `[]` and no `or vector(0)` in the query.
 * - `query-no-canary-selector`: a canary's query with no selector that separates canary from stable.
 * - `window-longer-than-step`: a query's range window longer than the pause or interval it judges.
 * - `no-initial-delay`: a background analysis metric measured while the canary pods start.
 * - `template-not-found` (error): a templateName no file linted defines.
 * - `arg-not-passed` (error): a template arg with no value that the analysis does not pass.
 * - `failure-limit-low-traffic`: at the Scenario's quietest traffic a healthy canary fails the
 *   threshold often enough that failureLimit over the run's measurements aborts it.
 * - `detection-power` (note): the smallest error-rate increase one measurement can tell apart.
 */
export type RuleId =
  | 'condition-unknown-name'
  | 'query-unknown-metric'
  | 'query-unknown-label'
  | 'query-no-series'
  | 'pause-without-operator'
  | 'promotion-without-operator'
  | 'deployment-without-rollout'
  | 'rollout-without-analysis'
  | 'bluegreen-synthetic-only'
  | 'setweight-not-increasing'
  | 'condition-result-not-indexed'
  | 'condition-unsafe-empty'
  | 'query-no-canary-selector'
  | 'window-longer-than-step'
  | 'no-initial-delay'
  | 'template-not-found'
  | 'arg-not-passed'
  | 'failure-limit-low-traffic'
  | 'detection-power';

/** `note`: what lint measured rather than a mistake (detection-power); it never fails a run. */
export type Severity = 'note' | 'warning' | 'error';

/**
 * One finding: what is wrong, where (file, 1-based line and column, YAML path), and the fix — the
 * trace's Warning event (model/events.ts) plus the rule's severity.
 */
export interface Finding extends WarningFields {
  readonly rule: RuleId;
  readonly severity: Severity;
}

/** A finding at a source position. Example: warning('pause-without-operator', at, 'spec.x', 'msg', 'fix'). */
export function warning(rule: RuleId, at: SourceRef, path: string, message: string, suggestion: string): Finding {
  return { rule, severity: 'warning', message, file: at.file, line: at.line, column: at.column, path, suggestion };
}

/** As warning(), for a figure worth knowing rather than a mistake. Example: note('detection-power', at, 'spec.x', 'msg', 'fix'). */
export function note(rule: RuleId, at: SourceRef, path: string, message: string, suggestion: string): Finding {
  return { ...warning(rule, at, path, message, suggestion), severity: 'note' };
}

/** As warning(), for what cannot work as written. Example: error('setweight-not-increasing', at, 'spec.x', 'msg', 'fix'). */
export function error(rule: RuleId, at: SourceRef, path: string, message: string, suggestion: string): Finding {
  return { ...warning(rule, at, path, message, suggestion), severity: 'error' };
}

/**
 * One line, compiler style, the suggestion in parentheses.
 *
 * Example: formatFinding({file: 'x.yaml', line: 12, column: 25, severity: 'warning', message:
 * 'm', suggestion: 's', …}) === 'x.yaml:12:25: warning: m (s)'
 */
export function formatFinding(f: Finding): string {
  const head = `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`;
  return f.suggestion === '' ? head : `${head} (${f.suggestion})`;
}

/**
 * Findings once each, in the order found (a template several analyses use is checked once per
 * use, with the same findings).
 */
export function uniqueFindings(list: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of list) {
    const key = `${f.file}\0${f.line}\0${f.column}\0${f.rule}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
