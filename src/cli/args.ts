/**
 * Shared flag parsing: node:util parseArgs in strict mode, with unknown flags turned into a
 * UsageError that names the flag and suggests the closest known one.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDuration, parseGoDuration, type Ms } from '../model/time.js';
import { closest } from '../scenario/errors.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: joinDashValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const flag = /'(--?[\w-]+)'/.exec(msg)?.[1];
    const known = Object.keys(options).map((k) => `--${k}`);
    // A flag spelt right but used wrong (`--no-color=yes`) must not "mean" itself.
    const near = flag === undefined || known.includes(flag) ? undefined : closest(flag, known);
    throw new UsageError(`${msg.split('.')[0]}${near ? ` (did you mean ${near}?)` : ''}\n\n${usage}`);
  }
}

/**
 * parseArgs reads `--until -5m` as a flag missing its value ("argument is ambiguous"); a value that
 * starts with "-" but is no known flag is the flag's value, so it is joined (`--until=-5m`) and
 * then judged by the flag's own check ("--until must be a duration … (got "-5m")").
 * Example: joinDashValues(['--seed', '-1'], {seed: {type: 'string'}}) gives ['--seed=-1'].
 */
function joinDashValues(argv: readonly string[], options: Options): string[] {
  const valued = new Set<string>();
  const flags = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    flags.add(`--${name}`);
    if (o.short !== undefined) flags.add(`-${o.short}`);
    if (o.type === 'string') {
      valued.add(`--${name}`);
      if (o.short !== undefined) valued.add(`-${o.short}`);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (valued.has(a) && next !== undefined && next.startsWith('-') && !flags.has(next.split('=')[0] as string)) {
      out.push(`${a.startsWith('--') ? a : `--${optionName(a, options)}`}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function optionName(short: string, options: Options): string {
  return Object.entries(options).find(([, o]) => `-${o.short}` === short)?.[0] ?? short;
}

/**
 * The command's positional arguments, at most `max` of them: an extra one is a mistake (a second
 * FILE, a flag value without its flag), never silently dropped.
 * Example: checkPositionals(['a.yaml', 'b.yaml'], 1, 'one FILE', usage) throws
 * 'unexpected argument "b.yaml" (this command takes one FILE)'.
 */
export function checkPositionals(positionals: readonly string[], max: number, takes: string, usage: string): void {
  const extra = positionals[max];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (this command takes ${takes})\n\n${usage}`);
}

/** Example: parseSeed('42') === 42; parseSeed('x') throws a UsageError. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Digits only: Number() would read '' and ' ' as 0, '0x10' as 16 and '1e3' as 1000.
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
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

/**
 * The simulation stops at the scenario's spec.duration, so a later --until would silently run
 * less than asked. Example: checkUntil(7_200_000, 1_800_000) throws; checkUntil(600_000, 1_800_000) passes.
 */
export function checkUntil(until: Ms | undefined, duration: Ms, text: string | undefined): void {
  if (until === undefined || until <= duration) return;
  throw new UsageError(`--until ${text ?? formatDuration(until)} is after the scenario ends (spec.duration ${formatDuration(duration)}): raise spec.duration in the Scenario to simulate longer`);
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

/** The loader's typo rule, so a flag, a command and a YAML key are suggested alike. */
export { closest };
