/**
 * One JSON line per event with a fixed key order: `t`, `type`, then the event's fields in the
 * order the core built them. Numbers are written as JavaScript prints them; the core already
 * rounds rates, so the same run always gives the same bytes.
 *
 * Example: {t: 20000, type: 'StepCompleted', index: 0} → '{"t":20000,"type":"StepCompleted","index":0}'
 */
import type { SimEvent } from '../model/events.js';

export function formatJsonl(event: SimEvent): string {
  const { t, type, ...rest } = event;
  return JSON.stringify({ t, type, ...rest });
}
