/** Pre-wrapped styled lines (format/spans.ts) drawn as they are: one ink line each. */
import { Text } from 'ink';
import type { Line } from '../format/spans.js';
import { Paint } from '../theme.js';

/** One line; an empty one still takes its row. Example: [{text: 'Why ', bold: true}, {text: 'aborted', tone: 'accent'}]. */
export function SpanLine({ line }: { readonly line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (s.tone === undefined && s.bold !== true ? s.text : <Paint key={i} tone={s.tone ?? 'plain'} bold={s.bold === true}>{s.text}</Paint>))}
    </Text>
  );
}

export function SpanLines({ lines }: { readonly lines: readonly Line[] }) {
  return <>{lines.map((l, i) => <SpanLine key={i} line={l} />)}</>;
}
