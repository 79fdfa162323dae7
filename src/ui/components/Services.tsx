/** Blue-green's Services and the version each selects (in place of canary steps). */
import { Box, Text } from 'ink';
import { tagTone } from '../format/glyphs.js';
import type { ServiceRow } from '../state/types.js';
import { Paint } from '../theme.js';
import { maxOf } from '../../model/numbers.js';

export interface ServicesProps {
  /** The services slice of the snapshot. */
  readonly services: readonly ServiceRow[];
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/** Example: `⑃ agent-active   → agent:v1 (active)`, `⑃ agent-preview  → agent:v2 (preview)`. */
export function Services({ services, width }: ServicesProps) {
  const nameWidth = maxOf(services.map((x) => x.name.length), 0);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end"><Paint tone="plain" bold>Services</Paint></Text>
      {services.map((x) => (
        <Text key={x.name} wrap="truncate-end">
          ⑃ {x.name.padEnd(nameWidth)}  → {x.image ?? '(none yet)'} <Paint tone={tagTone(x.role)}>({x.role})</Paint>
        </Text>
      ))}
    </Box>
  );
}
