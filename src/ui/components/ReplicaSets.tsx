/**
 * The ReplicaSets, newest revision first, one dot per pod: ● ready, ◌ starting, ○ terminating.
 * When a row with the full name (`<rollout>-<hash>`) would not fit, rows name it by its hash.
 */
import { Box, Text } from 'ink';
import { podDots } from '../format/bar.js';
import { KIND, tagsTone, type Tone } from '../format/glyphs.js';
import type { ReplicaSetRow } from '../state/types.js';
import { Paint } from '../theme.js';
import { maxOf } from '../../model/numbers.js';

export interface ReplicaSetsProps {
  /** The ReplicaSet rows of the snapshot. */
  readonly replicaSets: readonly ReplicaSetRow[];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** Print the dot legend after the first row. @default true */
  readonly legend?: boolean;
}

const DOT_TONE: Record<string, Tone> = { '●': 'ok', '◌': 'info', '○': 'dim' };

/** Pod dots as runs of one glyph (few spans), each in its state's tone. */
function Dots({ dots }: { readonly dots: string }) {
  const runs: { ch: string; n: number }[] = [];
  for (const ch of dots) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.ch === ch) last.n++;
    else runs.push({ ch, n: 1 });
  }
  return (
    <>
      {runs.map((r, i) => (
        <Paint key={i} tone={DOT_TONE[r.ch] ?? 'dim'}>{r.ch.repeat(r.n)}</Paint>
      ))}
    </>
  );
}

/** Example: `⧉ agent-rv8mt5frdr  canary  ●●  2/2 ready`; narrow: `⧉ rv8mt5frdr  canary  ●●  2/2`. */
export function ReplicaSets({ replicaSets, width, legend = true }: ReplicaSetsProps) {
  const tags = maxOf(replicaSets.map((r) => r.tags.join(',').length), 0);
  const widest = maxOf(replicaSets.map((r) => 2 + r.name.length + 2 + tags + 2 + r.pods.length + `  ${r.desired}/${r.desired} ready`.length), 0);
  const narrow = widest > width;
  const nameOf = (rs: ReplicaSetRow): string => (narrow ? rs.hash : rs.name);
  const nameWidth = maxOf(replicaSets.map((r) => nameOf(r).length), 0);
  const tagWidth = tags;
  return (
    <Box flexDirection="column" width={width}>
      {replicaSets.map((rs, i) => {
        const ready = rs.pods.filter((p) => p === 'ready').length;
        const count = `  ${ready}/${rs.desired}${narrow ? '' : ' ready'}`;
        const fixed = 2 + nameWidth + 2 + tagWidth + 2 + count.length;
        return (
          <Text key={rs.hash} wrap="truncate-end">
            <Paint tone={tagsTone(rs.tags)}>{KIND.replicaSet} {nameOf(rs).padEnd(nameWidth)}</Paint>
            {'  '}
            <Paint tone={tagsTone(rs.tags)}>{rs.tags.join(',').padEnd(tagWidth)}</Paint>
            {'  '}
            <Dots dots={podDots(rs.pods, Math.max(4, width - fixed))} />
            <Paint tone="dim">{count}</Paint>
            {legend && i === 0 ? <Paint tone="dim">   ● ready ◌ starting ○ terminating</Paint> : null}
          </Text>
        );
      })}
    </Box>
  );
}
