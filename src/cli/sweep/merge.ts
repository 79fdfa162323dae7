/** `simulate sweep merge PARTS…`: the shards' partial results combined into the whole sweep's output. */
import { cellStats } from '../../sweep/cell-stats.js';
import { sweepResult } from '../../sweep/result.js';
import { parseFlags } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { parseSweepOutput } from './flags.js';
import { mergePartials } from './partial.js';
import { renderResult, terminalWidth } from './render.js';

export const MERGE_USAGE = `usage: simulate sweep merge PARTS… [--output table|json|csv]

Combines the partial results of \`simulate sweep … --shard I/N\` (every I from 0 to N-1, once) into
exactly the output of the same sweep run on one machine.`;

export async function mergeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, { output: { type: 'string', short: 'o' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, MERGE_USAGE);
  if (values.help === true) {
    io.stdout(MERGE_USAGE + '\n');
    return EXIT_OK;
  }
  const output = parseSweepOutput(values.output);
  if (positionals.length === 0) throw new UsageError(`sweep merge needs the partial results\n\n${MERGE_USAGE}`);
  const parts = positionals.map((path) => {
    try {
      return { path, text: io.readFile(path) };
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
    }
  });
  const { header, records } = mergePartials(parts);
  io.stdout(renderResult(sweepResult(header, records.map(cellStats)), output, terminalWidth(io)));
  return EXIT_OK;
}
