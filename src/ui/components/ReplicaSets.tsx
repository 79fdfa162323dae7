/** The ReplicaSets, newest revision first, one dot per pod: ● ready, ◌ starting, ○ terminating. */
import { Box, Text } from 'ink';
import { podDots } from '../format/bar.js';
import { KIND, tagsTone } from '../format/glyphs.js';
import type { ReplicaSetRow } from '../state/types.js';
import { Paint } from '../theme.js';

export interface ReplicaSetsProps {
  /** The ReplicaSet rows of the snapshot. */
  readonly replicaSets: readonly ReplicaSetRow[];
  readonly width: number;
  /** Print the dot legend on the first row. @default true */
  readonly legend?: boolean;
}

/** Example: `⧉ agent-rv8mt5frdr  canary  ●●  2/2 ready`. */
export function ReplicaSets({ replicaSets, width, legend = true }: ReplicaSetsProps) {
  const nameWidth = Math.max(0, ...replicaSets.map((r) => r.name.length));
  const tagWidth = Math.max(0, ...replicaSets.map((r) => r.tags.join(',').length));
  return (
    <Box flexDirection="column" width={width}>
      {replicaSets.map((rs, i) => {
        const ready = rs.pods.filter((p) => p === 'ready').length;
        const fixed = 2 + nameWidth + 2 + tagWidth + 2 + 2 + 14;
        const dots = podDots(rs.pods, Math.max(4, width - fixed));
        return (
          <Text key={rs.hash} wrap="truncate-end">
            <Paint tone={tagsTone(rs.tags)}>{KIND.replicaSet} {rs.name.padEnd(nameWidth)}</Paint>
            {'  '}
            <Paint tone={tagsTone(rs.tags)}>{rs.tags.join(',').padEnd(tagWidth)}</Paint>
            {'  '}
            {[...dots].map((d, j) => (
              <Paint key={j} tone={d === '●' ? 'ok' : d === '◌' ? 'info' : 'dim'}>{d}</Paint>
            ))}
            <Paint tone="dim">  {ready}/{rs.desired} ready</Paint>
            {legend && i === 0 ? <Paint tone="dim">   ● ready ◌ starting ○ terminating</Paint> : null}
          </Text>
        );
      })}
    </Box>
  );
}
