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
  /** Sim time reached. */
  readonly now: Ms;
  /** Sim time the playback stops at. */
  readonly until: Ms;
  /** Playback speed and pause state. */
  readonly playback: PlaybackSlice;
  /** Which keys work (shown in the key help). */
  readonly keys: KeySet;
  /** The run is over (the final screen). */
  readonly finished: boolean;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** What is playing (`<scenario> · seed <n>`), after the clock. */
  readonly title?: string;
}

/**
 * The key help (shorter under 110 columns, so it fits 80). Example: keyHelp('compare', 80) ===
 * 'space pause · +/- speed · f fast-forward · q quit · operator keys off'.
 */
export function keyHelp(keys: KeySet, width: number): string {
  if (keys === 'none') return 'keys off (stdin is not a terminal)';
  const wide = width >= 110;
  if (keys === 'compare') {
    return `space pause · +/- speed · f fast-forward · q quit · operator keys off${wide ? ': traffic stays identical' : ''}`;
  }
  return wide
    ? 'space pause · +/- speed · f fast-forward · p promote · P promote --full · a abort · r retry · q quit'
    : 'space pause · +/- speed · f fast · p/P promote/full · a abort · r retry · q quit';
}

/** Lines the status line takes: the clock line, and the key help while the run is live. */
export function statusHeight(finished: boolean): number {
  return finished ? 1 : 2;
}

/**
 * Example: `⟳ 5m30s / 1h0m0s  120×  ▶ playing  · canary-tool-call-regression · seed 7`, then the
 * key help on its own line. Fast-forwarding, the state reads `⏩ fast-forward` and the speed is
 * the one normal playback returns to. Finished: `1h0m0s / 1h0m0s  600×  ■ finished` (no ⟳).
 */
export function StatusLine({ now, until, playback, keys, finished, width, title }: StatusLineProps) {
  const state = finished ? '■ finished' : playback.paused ? '॥ paused' : playback.fastForward ? '⏩ fast-forward' : '▶ playing';
  return (
    <Box width={width} flexDirection="column">
      <Text wrap="truncate-end">
        {/* The kind glyph ⟳ reads as a spinner: a finished run shows only ■ finished. */}
        {finished ? null : <><Paint tone="info">{KIND.rollout}</Paint>{' '}</>}<Paint tone="plain" bold>{formatDuration(Math.floor(now / 1000) * 1000)}</Paint>
        <Paint tone="dim"> / {formatDuration(until)}</Paint>  {speedLabel(playback.speed)}  <Paint tone={playback.paused ? 'warn' : playback.fastForward ? 'info' : 'ok'}>{state}</Paint>
        {title === undefined ? null : <Paint tone="dim">  · {title}</Paint>}
      </Text>
      {finished ? null : <Text wrap="truncate-end"><Paint tone="dim">{keyHelp(keys, width)}</Paint></Text>}
    </Box>
  );
}
