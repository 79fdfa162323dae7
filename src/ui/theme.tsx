/**
 * Colour for the live UI: `Paint` renders text in a tone (the plugin's colours), or plain when
 * colour is off (`--no-color`, `NO_COLOR`). The choice travels by context so components stay
 * functions of their props.
 */
import { Text } from 'ink';
import { createContext, useContext, type ReactNode } from 'react';
import type { Tone } from './format/glyphs.js';

export const ColorContext = createContext(true);

const COLOR: Record<Tone, string | undefined> = {
  ok: 'green', bad: 'red', info: 'blueBright', warn: 'yellow', accent: 'magenta', dim: undefined, plain: undefined,
};

export interface PaintProps {
  /** The tone; `plain` is uncoloured. */
  readonly tone: Tone;
  /** Bold text. @default false */
  readonly bold?: boolean;
  readonly children?: ReactNode;
}

/** Text in a tone. Example: <Paint tone="bad">✖</Paint> is red unless colour is off. */
export function Paint({ tone, bold = false, children }: PaintProps) {
  const color = useContext(ColorContext);
  if (!color) return <Text bold={bold}>{children}</Text>;
  return (
    <Text color={COLOR[tone]} dimColor={tone === 'dim'} bold={bold}>
      {children}
    </Text>
  );
}
