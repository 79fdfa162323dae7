/**
 * `simulate compare FILE --seeds N`: the verdict table over many seeds, each strategy a cell of a
 * sweep (the same seeds, so every strategy meets the same traffic and regressions on each).
 */
import { parseSeed, parseUntil } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { requireWorkload } from '../commands/load.js';
import { parseCount, parseHorizon, parseSweepOutput } from './flags.js';
import { MAX_SEEDS, readSources, runSweep } from './command.js';

export async function compareSeeds(file: string | undefined, values: { seeds?: string; seed?: string; workers?: string; horizon?: string; output?: string; strategies?: string; until?: string; speed?: string; report?: string }, io: CliIO, usage: string): Promise<number> {
  if (values.until !== undefined || values.speed !== undefined) {
    parseUntil(values.until);
    throw new UsageError(`--seeds runs every seed to its decision (or with --horizon end to spec.duration): --until and --speed are for one seed`);
  }
  const seeds = parseCount(values.seeds ?? '', '--seeds', MAX_SEEDS);
  const opts = {
    seeds, seed: parseSeed(values.seed), workers: values.workers === undefined ? undefined : parseCount(values.workers, '--workers', 1024),
    horizon: parseHorizon(values.horizon), output: parseSweepOutput(values.output), shard: undefined, specs: [], title: 'compare' as const,
    report: values.report,
  };
  const { sources, scenario } = readSources(file, usage);
  const names = values.strategies === undefined ? [...scenario.compare] : values.strategies.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--strategies needs at least one name');
  for (const n of names) requireWorkload(scenario, n, '--strategies');
  return runSweep(io, sources, scenario, names, opts);
}
