/** The latest transition's one-line reason. */
import { Box, Text } from 'ink';
import type { RunSnapshot } from '../state/types.js';
import { Paint } from '../theme.js';

export interface WhyLineProps {
  /** The snapshot's latest why-line, if any. */
  readonly why: RunSnapshot['why'];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** Lines it may take (long reasons wrap up to this, then are cut). @default 1 */
  readonly lines?: number;
}

/** Example: `Why     aborted: error-rate 0.020 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s`. */
export function WhyLine({ why, width, lines = 1 }: WhyLineProps) {
  // No room (a final screen at 80×24 with a long replay path): the summary's outcome says why.
  if (lines === 0) return null;
  const text = why?.text ?? 'waiting for the update to start';
  return (
    <Box width={width} height={lines} overflow="hidden">
      <Text wrap={lines > 1 ? 'wrap' : 'truncate-end'}>
        <Paint tone="plain" bold>Why     </Paint>
        <Paint tone="accent">{text}</Paint>
      </Text>
    </Box>
  );
}
