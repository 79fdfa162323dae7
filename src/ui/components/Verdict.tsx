/**
 * The verdict table `compare` ends with (report/verdict.ts), folded to the terminal's width, and
 * one plain sentence per strategy.
 */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { explainVerdict, formatVerdict, verdictTitle } from '../../report/verdict.js';
import { foldTable } from '../format/table.js';
import { Paint } from '../theme.js';

export interface VerdictProps {
  /** One Summary per strategy, in panel order. */
  readonly rows: readonly SummaryFields[];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/** Lines the verdict block takes at a width (title, table, blank, explanations). */
export function verdictLines(rows: readonly SummaryFields[], width: number): { table: string[]; explain: string[]; height: number } {
  const table = foldTable(formatVerdict(rows), width - 2);
  const explain = explainVerdict(rows);
  const wrapped = explain.reduce((n, l) => n + Math.ceil((l.length + 4) / Math.max(20, width)), 0);
  return { table, explain, height: 1 + table.length + 1 + wrapped };
}

export function Verdict({ rows, width }: VerdictProps) {
  const { table, explain } = verdictLines(rows, width);
  const title = verdictTitle(rows[0]?.arrivedRequests ?? 0);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end"><Paint tone="plain" bold>Verdict</Paint> <Paint tone="dim">{title.slice('Verdict '.length)}</Paint></Text>
      {table.map((l, i) => (
        <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
      ))}
      <Box height={1} />
      {explain.map((l, i) => (
        <Box key={i}>
          <Text>  • </Text>
          <Box flexShrink={1}><Text wrap="wrap">{l}</Text></Box>
        </Box>
      ))}
    </Box>
  );
}
