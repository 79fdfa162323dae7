/**
 * The compare view: one compact panel per strategy on one clock (side by side from about
 * 3 × 40 columns, stacked below), the status line, and at the end the verdict table.
 */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { compareLayout } from '../layout-compare.js';
import type { CompareSnapshot } from '../state/compare.js';
import { verdictStrategy } from '../state/context.js';
import { Paint } from '../theme.js';
import { ComparePanel } from './ComparePanel.js';
import { StatusLine, statusHeight, type KeySet } from './StatusLine.js';
import { Verdict, verdictLines } from './Verdict.js';
import { maxOf } from '../../model/numbers.js';

export interface CompareScreenProps {
  /** The compare snapshot to draw. */
  readonly snapshot: CompareSnapshot;
  /** Terminal width in columns. */
  readonly columns: number;
  /** Terminal height in rows (the live area stays below it). */
  readonly rows: number;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** Which keys work (shown in the key help). */
  readonly keys: KeySet;
}

/** The Summaries once every panel has one (the verdict table's rows). */
export function verdictRows(s: CompareSnapshot): SummaryFields[] | undefined {
  const rows = s.panels.map((p) => p.summary);
  return rows.length > 0 && rows.every((r) => r !== undefined) ? (rows as SummaryFields[]) : undefined;
}

export function CompareScreen({ snapshot: s, columns, rows, color, keys }: CompareScreenProps) {
  const verdict = verdictRows(s);
  const extra = (verdict === undefined ? 0 : verdictLines(verdict, columns).height) + statusHeight(verdict !== undefined) - 1;
  const l = compareLayout(s.panels.length, columns, rows, extra);
  const first = s.panels[0];
  const now = maxOf(s.panels.map((p) => p.now), 0);
  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>rollout-sim compare</Paint> · {first?.context.scenario} · seed {first?.context.seed}
        <Paint tone="dim"> · identical traffic for every strategy</Paint>
      </Text>
      <Box flexDirection={l.sideBySide ? 'row' : 'column'}>
        {s.panels.map((p) => (
          <ComparePanel
            key={p.context.rollout} snapshot={p} strategy={verdictStrategy(p.context)} width={l.panelWidth}
            variant={l.sideBySide ? 'side' : 'stacked'} events={l.events} lines={l.lines} color={color}
          />
        ))}
      </Box>
      {verdict !== undefined ? <Verdict rows={verdict} width={columns} /> : null}
      <StatusLine now={now} until={first?.context.until ?? 0} playback={s.playback} keys={keys} finished={verdict !== undefined} width={columns} />
    </Box>
  );
}
