/**
 * Which output a command writes (DESIGN §2): the live UI only on a terminal outside CI; text
 * otherwise; json/jsonl when asked. Colour is off with NO_COLOR, --no-color, or a non-TTY.
 */
import { UsageError } from './io.js';

export type OutputMode = 'ui' | 'text' | 'json' | 'jsonl';

export interface ModeInput {
  readonly flag: string | undefined;
  readonly isTTY: boolean;
  readonly env: Record<string, string | undefined>;
}

/**
 * Whether the environment says CI, by the rule ink itself applies (its `is-in-ci` dependency): CI
 * or CONTINUOUS_INTEGRATION set to anything but '0' or 'false'. Ink in CI writes only the last
 * frame, so choosing the live view there would show a blank screen until the run ends; the two
 * rules must agree. Example: {CI: ''} → true; {CI: 'false'} → false; {} → false.
 */
export function isCi(env: Record<string, string | undefined>): boolean {
  const set = (v: string | undefined): boolean => v !== undefined && v !== '0' && v !== 'false';
  return set(env.CI) || set(env.CONTINUOUS_INTEGRATION);
}

/**
 * Example: no flag on a TTY → 'ui'; no flag with CI=true → 'text'; '--output ui' in a pipe → 'text'
 * (ink would garble a log); '--output jsonl' anywhere → 'jsonl'.
 */
export function resolveOutputMode({ flag, isTTY, env }: ModeInput): OutputMode {
  const interactive = isTTY && !isCi(env);
  if (flag === undefined) return interactive ? 'ui' : 'text';
  if (flag === 'ui') return interactive ? 'ui' : 'text';
  if (flag === 'text' || flag === 'json' || flag === 'jsonl') return flag;
  throw new UsageError(`--output must be one of ui, text, json, jsonl (got "${flag}")`);
}

/** Example: NO_COLOR=1 → false; a pipe → false; a TTY with neither → true. */
export function useColor(input: { isTTY: boolean; env: Record<string, string | undefined>; noColorFlag: boolean }): boolean {
  if (input.noColorFlag) return false;
  if (input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '') return false;
  return input.isTTY;
}
