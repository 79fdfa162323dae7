/**
 * The text timeline with the state its lines need (the strategy, whether the release was
 * promoted or aborted, and when): what `simulate run` and `compare` print. Feed it every event of
 * one run in order; the closing block reads the Summary alone.
 *
 *   const tl = createTimeline({color: false});
 *   sim.subscribe((e) => { const l = tl.line(e); … if (e.type === 'Summary') tl.summary(e) });
 */
import type { SimEvent, SummaryFields } from '../model/events.js';
import { formatSummary, formatTextLine, nextLineContext, START_CONTEXT, type TextStyle } from './text.js';

export function createTimeline(style: TextStyle) {
  let context = START_CONTEXT;
  let steps = 0;
  return {
    /** The event's line (undefined for events the timeline leaves out). */
    line(e: SimEvent): string | undefined {
      if (e.type === 'RolloutStarted') steps = e.steps;
      const text = formatTextLine(e, style, steps, context);
      context = nextLineContext(context, e);
      return text;
    },
    /** The closing block. */
    summary(s: SummaryFields): string[] {
      return formatSummary(s, style);
    },
  };
}
