/**
 * The ReplicaSets, newest revision first, one dot per pod: ● ready, ◌ starting, ○ terminating.
 * When a row with the full name (`<rollout>-<hash>`) would not fit, rows name it by its hash.
 */
import { Box, Text } from 'ink';
import { podDots } from '../format/bar.js';
import { analysisGlyph, KIND, tagsTone, type Tone } from '../format/glyphs.js';
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

/**
 * Lines the list takes: a row per ReplicaSet and a title per Experiment.
 * Example: stable, canary, and an experiment's baseline and canary → 5.
 */
export function replicaSetLines(rows: readonly ReplicaSetRow[]): number {
  return rows.length + new Set(rows.flatMap((r) => (r.experiment === undefined ? [] : [r.experiment.name]))).size;
}

/**
 * Example: `⧉ agent-rv8mt5frdr  canary  ●●  2/2 ready`; narrow: `⧉ rv8mt5frdr  canary  ●●  2/2`.
 * An Experiment's ReplicaSets follow under its title, indented:
 * `Σ Experiment agent-rv8mt5frdr-2-0  ◌ Running` then `  ⧉ …-baseline-sxxd9w7d7k  baseline  ●●●●●●  6/6 ready`.
 */
export function ReplicaSets({ replicaSets, width, legend = true }: ReplicaSetsProps) {
  const indent = (r: ReplicaSetRow): number => (r.experiment === undefined ? 0 : 2);
  const tags = maxOf(replicaSets.map((r) => r.tags.join(',').length), 0);
  const widest = maxOf(replicaSets.map((r) => indent(r) + 2 + r.name.length + 2 + tags + 2 + r.pods.length + `  ${r.desired}/${r.desired} ready`.length), 0);
  const narrow = widest > width;
  const nameOf = (rs: ReplicaSetRow): string => (narrow ? rs.hash : rs.name);
  const nameWidth = maxOf(replicaSets.map((r) => indent(r) + nameOf(r).length), 0);
  const tagWidth = tags;
  return (
    <Box flexDirection="column" width={width}>
      {replicaSets.map((rs, i) => {
        const ready = rs.pods.filter((p) => p === 'ready').length;
        const count = `  ${ready}/${rs.desired}${narrow ? '' : ' ready'}`;
        const fixed = 2 + nameWidth + 2 + tagWidth + 2 + count.length;
        const x = rs.experiment;
        const title = x !== undefined && replicaSets[i - 1]?.experiment?.name !== x.name ? x : undefined;
        const g = title === undefined ? undefined : analysisGlyph(title.phase);
        return (
          <Box key={rs.hash} flexDirection="column">
            {title !== undefined && g !== undefined ? (
              <Text wrap="truncate-end">
                <Paint tone="info">{KIND.experiment} Experiment {title.name}</Paint>  <Paint tone={g.tone}>{g.glyph} {title.phase}</Paint>
              </Text>
            ) : null}
            <Text wrap="truncate-end">
              {' '.repeat(indent(rs))}
              <Paint tone={x === undefined ? tagsTone(rs.tags) : 'info'}>{KIND.replicaSet} {nameOf(rs).padEnd(nameWidth - indent(rs))}</Paint>
              {'  '}
              <Paint tone={x === undefined ? tagsTone(rs.tags) : 'info'}>{rs.tags.join(',').padEnd(tagWidth)}</Paint>
              {'  '}
              <Dots dots={podDots(rs.pods, Math.max(4, width - fixed))} />
              <Paint tone="dim">{count}</Paint>
              {legend && i === 0 ? <Paint tone="dim">   ● ready ◌ starting ○ terminating</Paint> : null}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
