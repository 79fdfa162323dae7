/** A sweep's result in the output asked for. */
import { formatCsv, formatTable } from '../../sweep/format.js';
import type { SweepResult } from '../../sweep/result.js';

export type SweepOutput = 'table' | 'json' | 'csv';

export function renderResult(r: SweepResult, output: SweepOutput): string {
  if (output === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (output === 'csv') return formatCsv(r);
  return formatTable(r);
}
