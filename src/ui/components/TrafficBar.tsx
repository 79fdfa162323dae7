/** Traffic by version: a bar split between the stable image (█) and the release (▒), plus mirroring. */
import { Box, Text } from 'ink';
import { releaseCells } from '../format/bar.js';
import { tagTone } from '../format/glyphs.js';
import type { TrafficSlice } from '../state/types.js';
import { Paint } from '../theme.js';

export interface TrafficBarProps {
  /** The traffic slice of the snapshot. */
  readonly traffic: TrafficSlice;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/**
 * Example (20 % canary, width 60): `Traffic ████████████████▒▒▒▒ agent:v1 80% · agent:v2 canary 20%`.
 * A running Experiment's weighted templates take their share out of the stable side (▓):
 * `Traffic ██████████▓▓▓▓▓▓▓▓▓▓ agent:v1 50% · baseline agent:v1 25% · canary agent:v2 25%`.
 */
export function TrafficBar({ traffic: t, width }: TrafficBarProps) {
  const release = t.releaseShare;
  const arms = t.experiments.reduce((n, x) => n + x.share, 0);
  const stable = Math.max(0, 100 - release - arms);
  const stableLabel = stable <= 0 ? '' : `${t.stableImage} ${stable}%`;
  const releaseLabel = release <= 0 ? '' : `${t.releaseImage} ${t.releaseRole} ${release}%`;
  const armLabels = t.experiments.map((x) => `${x.template} ${x.image} ${x.share}%`);
  const mirror = t.mirrorPercent === undefined ? '' : ` · mirror ${t.mirrorPercent}% (${t.mirrored} copies)`;
  const labels = [stableLabel, ...armLabels, releaseLabel].filter((s) => s !== '').join(' · ') + mirror;
  const barWidth = Math.max(10, Math.min(40, width - 9 - labels.length));
  const r = releaseCells(release, barWidth);
  const a = Math.min(barWidth - r, releaseCells(arms, barWidth));
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Paint tone="plain" bold>Traffic </Paint>
        <Paint tone="ok">{'█'.repeat(barWidth - r - a)}</Paint>
        <Paint tone="info">{'▓'.repeat(a)}</Paint>
        <Paint tone={tagTone(t.releaseRole)}>{'▒'.repeat(r)}</Paint> {labels}
      </Text>
    </Box>
  );
}
