/** The canary steps as a vertical list: done ✔, current ◌ (॥ while paused), aborted ✖, pending ◷. */
import { Box, Text } from 'ink';
import { formatDuration } from '../../model/time.js';
import { stepGlyph } from '../format/glyphs.js';
import type { StepRow } from '../state/types.js';
import { Paint } from '../theme.js';

export interface StepsProps {
  /** The step rows of the snapshot. */
  readonly steps: readonly StepRow[];
  /** Rows available for steps; a longer list shows a window around the current step. */
  readonly maxRows: number;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** The strategy, for a note when there are no steps. */
  readonly strategy: string;
}

/**
 * The first row of a `size`-row window over `n` rows that keeps row `focus` visible, a little
 * below the top. Example: windowStart(10, 7, 4) === 6; windowStart(10, 1, 4) === 0.
 */
export function windowStart(n: number, focus: number, size: number): number {
  if (n <= size) return 0;
  return Math.max(0, Math.min(n - size, focus - 1));
}

function focusOf(steps: readonly StepRow[]): number {
  const i = steps.findIndex((s) => s.mark === 'current' || s.mark === 'aborted');
  if (i >= 0) return i;
  const done = steps.filter((s) => s.mark === 'done').length;
  return done === steps.length ? steps.length - 1 : done;
}

/**
 * The current step is pointed at (`← now`), beside the header's 0-based `Step: i/n`; a pause
 * shows its time left or that it waits instead. Example: '  ← 3m13s left'.
 */
function Note({ s }: { readonly s: StepRow }) {
  if (s.mark !== 'current') return null;
  if (s.remaining !== undefined) return <Paint tone="warn">  ← {formatDuration(Math.ceil(s.remaining / 1000) * 1000)} left</Paint>;
  if (s.waitsForPromote) return <Paint tone="warn">  ← waits for promote</Paint>;
  return <Paint tone="accent">  ← now</Paint>;
}

/** Example: `✔ 1 setWeight: 20` / `॥ 2 pause: {duration: 5m0s}  ← 3m12s left` / `◷ 3 analysis: …`. */
export function Steps({ steps, maxRows, width, strategy }: StepsProps) {
  if (steps.length === 0) {
    return (
      <Box width={width}>
        <Text wrap="truncate-end"><Paint tone="dim">{strategy}: no canary steps</Paint></Text>
      </Box>
    );
  }
  const rows = Math.max(1, maxRows - 1);
  const start = windowStart(steps.length, focusOf(steps), rows);
  const shown = steps.slice(start, start + rows);
  const digits = String(steps.length).length;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>Steps</Paint>
        {shown.length < steps.length ? <Paint tone="dim"> {start + 1}–{start + shown.length} of {steps.length}</Paint> : null}
      </Text>
      {shown.map((s) => {
        const g = stepGlyph(s.mark, s.remaining !== undefined || s.waitsForPromote);
        return (
          <Text key={s.index} wrap="truncate-end">
            <Paint tone={g.tone}>{g.glyph}</Paint> <Paint tone={s.mark === 'pending' ? 'dim' : 'plain'}>{String(s.index + 1).padStart(digits)} {s.label}</Paint>
            <Note s={s} />
          </Text>
        );
      })}
    </Box>
  );
}
