/**
 * The compare view: one panel per strategy on one clock (side by side from about 3 × 40 columns,
 * stacked below, whichever keeps more of each panel), the status line, and at the end the status
 * line, the verdict table and the replay command — the status line above the verdict, so the
 * screen ends with what to read and what to type.
 */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { compareReplayLine } from '../format/replay.js';
import { wordWrap } from '../format/wrap.js';
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
  /** The workloads the command named with --strategies (the replay command repeats them). */
  readonly strategies?: readonly string[] | undefined;
}

/** The Summaries once every panel has one (the verdict table's rows). */
export function verdictRows(s: CompareSnapshot): SummaryFields[] | undefined {
  const rows = s.panels.map((p) => p.summary);
  return rows.length > 0 && rows.every((r) => r !== undefined) ? (rows as SummaryFields[]) : undefined;
}

/** Example: 'rollout-sim compare · flagship · seed 7'. */
export function compareTitle(scenario: string | undefined, seed: number | undefined): string {
  return `rollout-sim compare · ${scenario ?? '?'} · seed ${seed ?? '?'}`;
}

export function CompareScreen({ snapshot: s, columns, rows, keys, strategies }: CompareScreenProps) {
  const verdict = verdictRows(s);
  const final = verdict !== undefined;
  const first = s.panels[0];
  const now = maxOf(s.panels.map((p) => p.now), 0);
  const v = verdict === undefined ? undefined : verdictLines(verdict, columns);
  const replay = first === undefined || !final ? [] : wordWrap(compareReplayLine(first.context, { strategies, endedAt: now, width: columns }), columns);
  const fixed = 1 + statusHeight(final) + (v?.tableHeight ?? 0) + replay.length;
  const panels = s.panels.map((p) => ({ snapshot: p, strategy: verdictStrategy(p.context) }));
  const l = compareLayout(panels, columns, rows, { fixed, explain: v?.explainHeight ?? 0, final });
  const status = <StatusLine now={now} until={first?.context.until ?? 0} playback={s.playback} keys={keys} finished={final} width={columns} />;
  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>{compareTitle(first?.context.scenario, first?.context.seed)}</Paint>
        <Paint tone="dim"> · identical traffic for every strategy</Paint>
      </Text>
      <Box flexDirection={l.sideBySide ? 'row' : 'column'}>
        {panels.map((p) => (
          <ComparePanel
            key={p.snapshot.context.rollout} snapshot={p.snapshot} strategy={p.strategy} width={l.panelWidth}
            variant={l.sideBySide ? 'side' : 'stacked'} features={l.features} events={l.events}
          />
        ))}
      </Box>
      {status}
      {verdict !== undefined ? <Verdict rows={verdict} width={columns} explain={l.features.has('explain')} /> : null}
      {replay.map((r, i) => <Text key={i} wrap="truncate-end"><Paint tone="info">{r}</Paint></Text>)}
    </Box>
  );
}

