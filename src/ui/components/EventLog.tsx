/**
 * The event log: the text timeline's lines (reused from report/text.ts) and each transition's
 * why-line, printed once each through ink's `<Static>` above the live area, wrapped with a
 * hanging indent so long Argo messages stay readable.
 */
import { Box, Static, Text } from 'ink';
import { clock, formatTextLine } from '../../report/text.js';
import type { LogEntry } from '../state/types.js';
import { Paint } from '../theme.js';

export interface EventLogProps {
  /** Every log entry so far (append-only; <Static> prints only the new ones). */
  readonly entries: readonly LogEntry[];
  /** The Rollout's step count (the timeline prints `step i/n`). */
  readonly totalSteps: number;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

const GUTTER = 11;
/** `<clock>␣␣` at the start of a timeline line, with or without its SGR dim codes. */
const CLOCK_PREFIX = /^(?:\u001b\[[0-9;]*m)?[ 0-9hms.]+(?:\u001b\[[0-9;]*m)? {2}/;

/** Example: timelineBody(entry of an abort at 5m20s, …) === '✖ ABORTED: …' (the clock moves to its own column). */
export function timelineBody(entry: Extract<LogEntry, { kind: 'event' }>, color: boolean, totalSteps: number): string | undefined {
  const line = formatTextLine(entry.event, { color }, totalSteps, entry.line);
  return line?.replace(CLOCK_PREFIX, '');
}

export function LogLine({ entry, color, totalSteps, width }: { readonly entry: LogEntry; readonly color: boolean; readonly totalSteps: number; readonly width: number }) {
  if (entry.kind === 'note') {
    return (
      <Box width={width}>
        <Text wrap="wrap"><Paint tone="plain" bold={entry.id === 0}>{entry.text}</Paint></Text>
      </Box>
    );
  }
  const t = entry.kind === 'event' ? entry.event.t : entry.t;
  const body = entry.kind === 'event' ? timelineBody(entry, color, totalSteps) ?? '' : null;
  return (
    <Box width={width}>
      <Box width={GUTTER} flexShrink={0}>
        <Text>{entry.kind === 'event' ? <Paint tone="dim">{clock(t)}</Paint> : ''}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {body !== null ? <Text>{body}</Text> : <Text><Paint tone="accent">  ↳ why: {entry.kind === 'why' ? entry.text : ''}</Paint></Text>}
      </Box>
    </Box>
  );
}

export function EventLog({ entries, totalSteps, color, width }: EventLogProps) {
  return (
    <Static items={[...entries]}>
      {(entry) => <LogLine key={entry.id} entry={entry} color={color} totalSteps={totalSteps} width={width} />}
    </Static>
  );
}
