/**
 * One strategy in the compare view: the blocks the layout chose (compare/content.ts), bordered
 * side by side, flat and indented when stacked. Every line is wrapped before it is drawn, so
 * nothing but an event line is ever cut.
 */
import { Box } from 'ink';
import { panelLines, type Feature } from '../compare/content.js';
import type { PanelVariant } from '../compare/blocks.js';
import type { RunSnapshot } from '../state/types.js';
import { SpanLines } from './SpanLines.js';

export { recentEvents } from '../compare/blocks.js';

export interface ComparePanelProps {
  /** The panel's run snapshot. */
  readonly snapshot: RunSnapshot;
  /** The strategy label (canary, blue-green, Deployment). */
  readonly strategy: string;
  /** Columns the panel takes, border included. */
  readonly width: number;
  /** side: a bordered column of its own; stacked: flat rows under the previous panel. */
  readonly variant: PanelVariant;
  /** The blocks to show (the layout's choice). */
  readonly features: ReadonlySet<Feature>;
  /** Recent events to list. */
  readonly events: number;
}

export function ComparePanel({ snapshot, strategy, width, variant, features, events }: ComparePanelProps) {
  const lines = panelLines(snapshot, strategy, width, variant, features, events);
  if (variant === 'stacked') {
    return <Box flexDirection="column" width={width}><SpanLines lines={lines} /></Box>;
  }
  return (
    <Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
      <SpanLines lines={lines} />
    </Box>
  );
}
