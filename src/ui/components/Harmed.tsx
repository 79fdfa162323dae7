/**
 * The harmed-requests counter: users the release hurt so far, out of the completed user requests
 * (the Summary's denominator), and how many more are still in flight.
 */
import { Box, Text } from 'ink';
import { pct } from '../format/numbers.js';
import type { HarmedSlice } from '../state/types.js';
import { Paint } from '../theme.js';

export interface HarmedProps {
  /** The harmed slice of the snapshot. */
  readonly harmed: HarmedSlice;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/**
 * Example: `Harmed  16 of 6606 completed user requests (0.24%) · 25 in flight · 1227 served by the release`;
 * where that would be cut (80 columns), the same figures in fewer words:
 * `Harmed  16 of 6606 completed (0.24%) · 25 in flight · 1227 to release`.
 */
export function Harmed({ harmed: h, width }: HarmedProps) {
  const share = h.completed === 0 ? 0 : h.harmed / h.completed;
  const inFlight = h.arrived === undefined ? 0 : h.arrived - h.completed - h.unserved;
  const tail = (short: boolean): string =>
    `${short ? ' completed' : ' completed user requests'} (${pct(share)})${inFlight > 0 ? ` · ${inFlight} in flight` : ''} · ${h.releaseRequests} ${short ? 'to release' : 'served by the release'}${h.mirrored > 0 ? ` · ${h.mirrored} mirrored` : ''}`;
  const short = `Harmed  ${h.harmed} of ${h.completed}${tail(false)}`.length > width;
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>Harmed  </Paint>
        <Paint tone={h.harmed > 0 ? 'bad' : 'ok'} bold>{h.harmed}</Paint> of {h.completed}{tail(short)}
      </Text>
    </Box>
  );
}
