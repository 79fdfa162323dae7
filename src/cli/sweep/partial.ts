/**
 * `--shard I/N` results and `simulate sweep merge`. A partial result is JSON: its format and
 * version, the sweep's identity (a SHA-256 of the scenario texts, the header and the simulator's
 * version), which slice of the tasks it holds, the header, and one encoded record per task. Merging
 * checks that the parts are of one sweep and cover every task once, then computes the figures from
 * all the records in task order: the same bytes as the sweep run on one machine.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Source } from '../../scenario/index.js';
import { decodeRecord, encodeRecord, type SeedRecord } from '../../sweep/record.js';
import type { SweepHeader } from '../../sweep/result.js';
import { UsageError } from '../io.js';

export const PARTIAL_FORMAT = 'rollout-sim/sweep-partial';
export const PARTIAL_VERSION = 1;

export interface PartialResult {
  readonly format: string;
  readonly version: number;
  readonly identity: string;
  readonly shard: { readonly index: number; readonly count: number };
  /** The task numbers held, [from, to). */
  readonly tasks: readonly [number, number];
  readonly header: SweepHeader;
  readonly records: readonly unknown[];
}

/** The sweep's identity: equal for every shard of one sweep, different if any input differs. */
export function sweepIdentity(header: SweepHeader, sources: readonly Source[], simulatorVersion: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ version: PARTIAL_VERSION, simulatorVersion, header, sources: sources.map((s) => ({ file: basename(s.file), text: s.text })) }));
  return h.digest('hex');
}

export function partialJson(p: Omit<PartialResult, 'format' | 'version' | 'records'>, records: readonly SeedRecord[]): string {
  const out: PartialResult = { format: PARTIAL_FORMAT, version: PARTIAL_VERSION, ...p, records: records.map(encodeRecord) };
  return JSON.stringify(out) + '\n';
}

/**
 * The header and every cell's records (seed order) from the parts, or a UsageError saying which
 * part does not fit: another sweep, a shard missing or given twice, a file that is no partial.
 */
export function mergePartials(parts: readonly { path: string; text: string }[]): { header: SweepHeader; records: SeedRecord[][] } {
  const read = parts.map(({ path, text }) => ({ path, p: parsePartial(path, text) }));
  const first = read[0];
  if (first === undefined) throw new UsageError('sweep merge needs the partial results (the files --shard I/N wrote)');
  const count = first.p.shard.count;
  const byIndex = new Map<number, string>();
  for (const { path, p } of read) {
    if (p.identity !== first.p.identity) throw new UsageError(`${path}: a part of another sweep than ${first.path} (a different scenario, --seeds, --seed, --vary, --horizon or simulator version): identity ${p.identity.slice(0, 12)}… ≠ ${first.p.identity.slice(0, 12)}…`);
    if (p.shard.count !== count) throw new UsageError(`${path}: shard ${p.shard.index}/${p.shard.count}, but ${first.path} is one of ${count}`);
    const dup = byIndex.get(p.shard.index);
    if (dup !== undefined) throw new UsageError(`${path}: shard ${p.shard.index}/${count} again (also ${dup})`);
    byIndex.set(p.shard.index, path);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new UsageError(`sweep merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing (have ${read.length} of ${count})`);
  const ordered = [...read].sort((a, b) => a.p.shard.index - b.p.shard.index);
  const header = first.p.header;
  const all: SeedRecord[] = [];
  for (const { path, p } of ordered) {
    if (p.tasks[0] !== all.length) throw new UsageError(`${path}: holds tasks from ${p.tasks[0]}, expected ${all.length}`);
    p.records.forEach((w, i) => {
      const r = decodeRecord(w);
      if (r === undefined) throw new UsageError(`${path}: record ${i} is malformed`);
      all.push(r);
    });
  }
  const total = header.cells.length * header.seeds;
  if (all.length !== total) throw new UsageError(`sweep merge: the parts hold ${all.length} runs of the ${total} the sweep has`);
  return { header, records: header.cells.map((_, c) => all.slice(c * header.seeds, (c + 1) * header.seeds)) };
}

function parsePartial(path: string, text: string): PartialResult {
  let p: unknown;
  try {
    p = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not JSON (${(e as Error).message}); sweep merge reads the files --shard I/N wrote`);
  }
  const o = p as Partial<PartialResult> | null;
  if (o === null || typeof o !== 'object' || o.format !== PARTIAL_FORMAT) throw new UsageError(`${path}: not a partial sweep result (no "format": "${PARTIAL_FORMAT}"); sweep merge reads the files --shard I/N wrote`);
  if (o.version !== PARTIAL_VERSION) throw new UsageError(`${path}: partial result version ${String(o.version)}; this simulator reads version ${PARTIAL_VERSION} (merge with the version that ran the shards)`);
  const ok = typeof o.identity === 'string' && typeof o.shard?.index === 'number' && typeof o.shard.count === 'number' && Array.isArray(o.tasks) && Array.isArray(o.records) && typeof o.header === 'object' && o.header !== null && Array.isArray(o.header.cells) && typeof o.header.seeds === 'number';
  if (!ok) throw new UsageError(`${path}: a partial sweep result with fields missing or of the wrong type`);
  const [from, to] = o.tasks as [number, number];
  if (o.records.length !== to - from) throw new UsageError(`${path}: holds ${o.records.length} records for tasks ${from}…${to - 1}`);
  return o as PartialResult;
}
