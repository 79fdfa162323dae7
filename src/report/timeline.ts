/**
 * The text timeline with the state its lines need (the strategy, whether the release was
 * promoted or aborted, and when): what `simulate run` and `compare` print. Feed it every event of
 * one run in order.
 *
 *   const tl = createTimeline({color: false});
 *   sim.subscribe((e) => { const l = tl.line(e); … if (e.type === 'Summary') tl.summary(e, {arrived}) });
 */
import type { SimEvent, SummaryFields } from '../model/events.js';
import { formatSummary, formatTextLine, nextLineContext, START_CONTEXT, type SummaryExtras, type TextStyle } from './text.js';

export function createTimeline(style: TextStyle) {
  let context = START_CONTEXT;
  let steps = 0;
  let started = false;
  return {
    /** The event's line (undefined for events the timeline leaves out). */
    line(e: SimEvent): string | undefined {
      if (e.type === 'RolloutStarted') [steps, started] = [e.steps, true];
      const text = formatTextLine(e, style, steps, context);
      context = nextLineContext(context, e);
      return text;
    },
    /** The closing block; the abort time and whether an update started come from the events seen, the rest from `extras`. */
    summary(s: SummaryFields, extras: SummaryExtras = {}): string[] {
      return formatSummary(s, style, { abortedAt: context.abortedAt, updated: started, ...extras });
    },
  };
}
