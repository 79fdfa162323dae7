/** The run's closing summary (report/text.ts's block) in a box, for the final screen. */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { formatSummary } from '../../report/text.js';

export interface SummaryBoxProps {
  readonly summary: SummaryFields;
  readonly color: boolean;
  readonly width: number;
}

export function SummaryBox({ summary, color, width }: SummaryBoxProps) {
  const lines = formatSummary(summary, { color }).filter((l, i) => i > 0 || l !== '');
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 80)}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">{l === '' ? ' ' : l}</Text>
      ))}
    </Box>
  );
}
