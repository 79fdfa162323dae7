/**
 * The verdict table `compare` ends with (report/verdict.ts), folded to the terminal's width, and
 * one plain sentence per strategy.
 */
import { Box, Text } from 'ink';
import { explainVerdict, formatVerdict, verdictTitle, type VerdictRow } from '../../report/verdict.js';
import { foldTable } from '../format/table.js';
import { Paint } from '../theme.js';

export interface VerdictProps {
  /** One row per strategy, in panel order. */
  readonly rows: readonly VerdictRow[];
  /** User requests that arrived at each strategy (the same ones); undefined when not reported. */
  readonly arrived: number | undefined;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/** Lines the verdict block takes at a width (title, table, blank, explanations). */
export function verdictLines(rows: readonly VerdictRow[], width: number): { table: string[]; explain: string[]; height: number } {
  const table = foldTable(formatVerdict(rows), width - 2);
  const explain = explainVerdict(rows);
  const wrapped = explain.reduce((n, l) => n + Math.ceil((l.length + 4) / Math.max(20, width)), 0);
  return { table, explain, height: 1 + table.length + 1 + wrapped };
}

export function Verdict({ rows, arrived, width }: VerdictProps) {
  const { table, explain } = verdictLines(rows, width);
  const title = arrived === undefined ? 'Verdict (identical traffic: the same user requests arrived at each)' : verdictTitle(arrived);
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
