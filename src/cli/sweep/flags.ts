/** The sweep's own flags: counts, the horizon, the output and the shard. */
import { UsageError } from '../io.js';
import type { Horizon } from '../../sweep/plan.js';
import type { SweepOutput } from './render.js';

/** Example: parseCount('200', '--seeds', 1e6) === 200; '0', '-1', '1e3' and '2.5' throw. */
export function parseCount(text: string, flag: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number 1…${max} (got "${text}")`);
  return n;
}

export function parseHorizon(text: string | undefined): Horizon {
  if (text === undefined || text === 'decision') return 'decision';
  if (text === 'end') return 'end';
  throw new UsageError(`--horizon must be decision or end (got "${text}")`);
}

/** `text` is the table's other name (every other command's word for it). */
export function parseSweepOutput(text: string | undefined): SweepOutput {
  if (text === undefined || text === 'table' || text === 'text') return 'table';
  if (text === 'json' || text === 'csv') return text;
  throw new UsageError(`--output must be one of table, json, csv (got "${text}")`);
}

/**
 * `--shard I/N`, I from 0 (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX); `--shard /N` takes I
 * from that variable. Example: parseShard('1/4', {}) → {index: 1, count: 4};
 * parseShard('/4', {JOB_COMPLETION_INDEX: '3'}) → {index: 3, count: 4}; '4/4' throws.
 */
export function parseShard(text: string | undefined, env: Record<string, string | undefined>): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d*)\/(\d+)$/.exec(text);
  const indexText = m?.[1] === '' ? env.JOB_COMPLETION_INDEX : m?.[1];
  if (m === null) throw new UsageError(`--shard must be I/N, the I-th (from 0) of N slices, e.g. --shard 0/4 (got "${text}")`);
  if (indexText === undefined) throw new UsageError(`--shard ${text}: no index before the "/" and JOB_COMPLETION_INDEX is not set (write --shard I/N)`);
  const index = /^\d+$/.test(indexText) ? Number(indexText) : NaN;
  const count = Number(m[2]);
  if (!(count >= 1) || !(index >= 0) || index >= count) throw new UsageError(`--shard ${text}: I must be 0…N-1 and N at least 1 (got I = ${indexText}, N = ${m[2]})`);
  return { index, count };
}
