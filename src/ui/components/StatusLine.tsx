/** The bottom line: sim clock, playback speed and state, and the key help. */
import { Box, Text } from 'ink';
import { formatDuration, type Ms } from '../../model/time.js';
import { KIND } from '../format/glyphs.js';
import { speedLabel } from '../format/numbers.js';
import type { PlaybackSlice } from '../state/types.js';
import { Paint } from '../theme.js';

/** Which keys work: all (run), playback only (compare), or none (stdin is not a terminal). */
export type KeySet = 'run' | 'compare' | 'none';

export interface StatusLineProps {
  readonly now: Ms;
  readonly until: Ms;
  readonly playback: PlaybackSlice;
  readonly keys: KeySet;
  readonly finished: boolean;
  readonly width: number;
}

/**
 * The key help for a width. Example: keyHelp('compare', 80) === 'space pause · +/- speed · q quit
 * · operator keys off in compare (identical traffic)'.
 */
export function keyHelp(keys: KeySet, width: number): string {
  if (keys === 'none') return 'keys off (stdin is not a terminal)';
  const playback = 'space pause · +/- speed · q quit';
  if (keys === 'compare') return `${playback} · operator keys off in compare (identical traffic)`;
  return width >= 110
    ? 'space pause · + faster · - slower · p promote · P promote --full · a abort · r retry · q quit'
    : 'spc pause · +/- speed · p promote · P --full · a abort · r retry · q quit';
}

/** Example: `⟳ 5m20s / 1h0m0s  120×  ▶ playing  space pause · + faster · …`. */
export function StatusLine({ now, until, playback, keys, finished, width }: StatusLineProps) {
  const state = finished ? '■ finished' : playback.paused ? '॥ paused' : '▶ playing';
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Paint tone="info">{KIND.rollout}</Paint> <Paint tone="plain" bold>{formatDuration(now)}</Paint>
        <Paint tone="dim"> / {formatDuration(until)}</Paint>  {speedLabel(playback.speed)}  <Paint tone={playback.paused ? 'warn' : 'ok'}>{state}</Paint>
        {finished ? null : <Paint tone="dim">  {keyHelp(keys, width)}</Paint>}
      </Text>
    </Box>
  );
}
