/** A sweep's result in the output asked for. */
import { formatCsv, formatTable } from '../../sweep/format.js';
import type { SweepResult } from '../../sweep/result.js';
import type { CliIO } from '../io.js';

export type SweepOutput = 'table' | 'json' | 'csv';

/** `width`: the terminal's columns when the table goes to one (it then never overflows them). */
export function renderResult(r: SweepResult, output: SweepOutput, width?: number): string {
  if (output === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (output === 'csv') return formatCsv(r);
  return formatTable(r, width);
}

/** The terminal's columns when standard output is one; undefined when piped (then one wide table). */
export function terminalWidth(io: CliIO): number | undefined {
  return io.isTTY ? io.terminal?.stdout.columns : undefined;
}
