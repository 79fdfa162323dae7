/** How to replay this run (the command, and the operator keys pressed as a spec.operator snippet). */
import { Box, Text } from 'ink';
import { wordWrap } from '../format/wrap.js';
import { Paint } from '../theme.js';

export interface ReplayHintProps {
  /** Lines from format/replay.ts. */
  readonly lines: readonly string[];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

export function ReplayHint({ lines, width }: ReplayHintProps) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">{i === 0 ? <Paint tone="info">{wordWrap(l, width).join('\n')}</Paint> : l}</Text>
      ))}
    </Box>
  );
}
