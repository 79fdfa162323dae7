/**
 * Load-time warnings on stderr, compiler style, before a run's output (stdout stays the run's
 * own: a jsonl trace carries them as Warning events instead). The exit code does not change.
 */
import { formatFinding, type Finding } from '../lint/types.js';
import type { CliIO } from './io.js';

/**
 * Example: a template with `successCondition: reslt[0] < 6` → stderr
 * `x.yaml:30:25: warning: successCondition of metric "error-rate" names "reslt", … (did you mean "result"? …)`.
 * Several simulations of one file (compare) share templates: each line is printed once.
 */
export function printWarnings(io: CliIO, sims: readonly { readonly warnings: readonly Finding[] }[]): void {
  const lines = [...new Set(sims.flatMap((s) => s.warnings.map(formatFinding)))];
  if (lines.length > 0) io.stderr(lines.join('\n') + '\n');
}
