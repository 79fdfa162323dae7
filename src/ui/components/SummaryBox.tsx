/**
 * The run's closing summary (report/text.ts's block) in a box, for the final screen. The box is as
 * wide as its longest line when the terminal allows; on a narrower one the two sentences wrap
 * and the table rows are cut.
 */
import { Box, Text } from 'ink';
import type { SummaryFields } from '../../model/events.js';
import { formatSummary } from '../../report/text.js';
import { wordWrap } from '../format/wrap.js';
import { maxOf } from '../../model/numbers.js';

export interface SummaryBoxProps {
  /** The run's Summary. */
  readonly summary: SummaryFields;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/** The labelled sentences of the block (they wrap under their label); the table rows are cut instead. */
const PROSE = /^ {2}(outcome|requests|harmed|mirrored) /;

/**
 * The block's lines without its blank ones (the border sets it apart, and the requests line it
 * gained must not cost the 80×24 final screen a row); `prose` marks the sentences that may wrap.
 */
function summaryLines(summary: SummaryFields, color: boolean): { text: string; plain: string; prose: boolean }[] {
  const styled = formatSummary(summary, { color });
  const plain = formatSummary(summary, { color: false });
  return plain.map((p, i) => ({ text: styled[i] ?? p, plain: p, prose: PROSE.test(p) })).filter((l) => l.plain !== '');
}

/** Border and padding around the text. */
const FRAME = 4;
/** `  outcome   ` / `  harmed    `: the label column the sentences wrap under. */
const LABEL = 12;

function boxWidth(summary: SummaryFields, width: number): number {
  return Math.min(width, FRAME + maxOf(summaryLines(summary, false).map((l) => l.plain.length), 0));
}

/** Lines the box takes at a width. Example: the tool-call regression's summary at 120 columns → 9. */
export function summaryBoxHeight(summary: SummaryFields, width: number): number {
  const prose = boxWidth(summary, width) - FRAME - LABEL;
  return 2 + summaryLines(summary, false).reduce((n, l) => n + (l.prose ? wordWrap(l.plain.slice(LABEL), prose).length : 1), 0);
}

export function SummaryBox({ summary, color, width }: SummaryBoxProps) {
  const prose = boxWidth(summary, width) - FRAME - LABEL;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={boxWidth(summary, width)}>
      {summaryLines(summary, color).map((l, i) =>
        l.prose ? (
          <Box key={i}>
            <Box width={LABEL} flexShrink={0}><Text>{l.text.slice(0, LABEL)}</Text></Box>
            <Box flexShrink={1}><Text>{wordWrap(l.text.slice(LABEL), prose).join('\n')}</Text></Box>
          </Box>
        ) : (
          <Text key={i} wrap="truncate-end">{l.plain === '' ? ' ' : l.text}</Text>
        ),
      )}
    </Box>
  );
}
