/** The harmed-requests counter: users the release hurt so far, out of all user requests. */
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

/** Example: `Harmed  16 of 71949 user requests (0.02%) · 1227 served by the release`. */
export function Harmed({ harmed: h, width }: HarmedProps) {
  const share = h.userRequests === 0 ? 0 : h.harmed / h.userRequests;
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>Harmed  </Paint>
        <Paint tone={h.harmed > 0 ? 'bad' : 'ok'} bold>{h.harmed}</Paint> of {h.userRequests} user requests ({pct(share)}) · {h.releaseRequests} served by the release
        {h.mirrored > 0 ? ` · ${h.mirrored} mirrored` : ''}
      </Text>
    </Box>
  );
}
