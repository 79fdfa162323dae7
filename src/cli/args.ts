/**
 * Shared flag parsing: node:util parseArgs in strict mode, with unknown flags turned into a
 * UsageError that names the flag and suggests the closest known one.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseGoDuration, type Ms } from '../model/time.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const flag = /'(--?[\w-]+)'/.exec(msg)?.[1];
    const known = Object.keys(options).map((k) => `--${k}`);
    const near = flag === undefined ? undefined : closest(flag, known);
    throw new UsageError(`${msg.split('.')[0]}${near ? ` (did you mean ${near}?)` : ''}\n\n${usage}`);
  }
}

/** Example: parseSeed('42') === 42; parseSeed('x') throws a UsageError. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new UsageError(`--seed must be an integer 0…4294967295 (got "${text}")`);
  return n;
}

/** Example: parseUntil('10m') === 600000; parseUntil('90') === 90000 (bare numbers are seconds). */
export function parseUntil(text: string | undefined): Ms | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseGoDuration(text);
  if (ms === undefined || ms < 0) throw new UsageError(`--until must be a duration such as 90s, 10m or 1h30m (got "${text}")`);
  return ms;
}

/** Default live playback: one simulated minute per wall-clock second. */
export const DEFAULT_SPEED = 60;

/** Example: parseSpeed('120') === 120 (sim seconds per wall second); parseSpeed(undefined) === 60. */
export function parseSpeed(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SPEED;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--speed must be a positive number of simulated seconds per second (got "${text}")`);
  return n;
}

/**
 * Levenshtein distance ≤ 2 (or a shared prefix) picks a suggestion.
 * Example: closest('--sed', ['--seed', '--output']) === '--seed'.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}
