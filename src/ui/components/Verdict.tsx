/**
 * The verdict table `compare` ends with (report/verdict.ts), folded to the terminal's width, and
 * one plain sentence per strategy (wrapped whole, so the layout knows their height; left off when
 * the screen is short — the table carries every figure).
 */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { explainVerdict, formatVerdict, verdictTitle } from '../../report/verdict.js';
import { foldTable } from '../format/table.js';
import { wordWrap } from '../format/wrap.js';
import { Paint } from '../theme.js';

export interface VerdictProps {
  /** One Summary per strategy, in panel order. */
  readonly rows: readonly SummaryFields[];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** Draw the sentences under the table. @default true */
  readonly explain?: boolean;
}

/**
 * Lines the verdict block takes at a width: the title and table, then a blank line and the
 * sentences, each `  • ` and its words wrapped under it.
 * Example: flagship's three rows at 120 columns → tableHeight 5, explain as 3 lines, explainHeight 4.
 */
export function verdictLines(rows: readonly SummaryFields[], width: number): { table: string[]; explain: string[]; tableHeight: number; explainHeight: number } {
  const table = foldTable(formatVerdict(rows), width - 2);
  const explain = explainVerdict(rows).flatMap((l) => wordWrap(l, Math.max(20, width - 4)).map((w, i) => `${i === 0 ? '  • ' : '    '}${w}`));
  return { table, explain, tableHeight: 1 + table.length, explainHeight: 1 + explain.length };
}

export function Verdict({ rows, width, explain = true }: VerdictProps) {
  const v = verdictLines(rows, width);
  const title = verdictTitle(rows[0]?.arrivedRequests ?? 0);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end"><Paint tone="plain" bold>Verdict</Paint> <Paint tone="dim">{title.slice('Verdict '.length)}</Paint></Text>
      {v.table.map((l, i) => (
        <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
      ))}
      {explain ? <Box height={1} /> : null}
      {explain ? v.explain.map((l, i) => <Text key={`e${i}`} wrap="truncate-end">{l}</Text>) : null}
    </Box>
  );
}
