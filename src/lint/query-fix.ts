/**
 * The Scenario `metrics:` mapping that makes a template's own names work, written as a reader
 * would paste it: `metrics: {http_requests_total: {name: flask_http_request_total}}`. Our family
 * is chosen by the words the two names share, so a Flask app's request counter maps to ours and
 * its duration histogram to our histogram. Pure.
 */
import type { LabelMatcher } from '../metrics/store.js';
import type { ExportedFamily } from './query-facts.js';

const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

/** Words of a metric name, plurals folded. Example: words('flask_http_requests_total') → ['flask', 'http', 'request', 'total']. */
function words(name: string): string[] {
  return name.split('_').filter((w) => w !== '').map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/**
 * Our family that `name` most plausibly is, and the family name to map it to (a histogram series
 * name loses its suffix). Ties go to the catalogue's order (the app's own families first).
 *
 * Example: 'flask_http_request_total' → {ours: http_requests_total, name: 'flask_http_request_total'};
 * 'flask_http_request_duration_seconds_bucket' → {ours: http_request_duration_seconds, name: 'flask_http_request_duration_seconds'}.
 */
export function closestFamily(name: string, families: readonly ExportedFamily[]): { readonly target: ExportedFamily; readonly name: string } | undefined {
  const suffix = HISTOGRAM_SUFFIX.exec(name);
  if (suffix !== null) {
    const base = name.slice(0, suffix.index);
    const histogram = best(base, families.filter((f) => f.ours.type === 'histogram'));
    if (histogram !== undefined) return { target: histogram, name: base };
  }
  // A `_count` without a histogram near it may just be a counter's own name.
  const plain = best(name, families.filter((f) => f.ours.type !== 'histogram'));
  return plain === undefined ? undefined : { target: plain, name };
}

/** Words every other metric name has: sharing one says nothing. */
const GENERIC = new Set(['total', 'second', 'millisecond', 'count', 'sum', 'bucket', 'info']);

/** The family sharing most telling words with `name` (at least one), the first on a tie. */
function best(name: string, pool: readonly ExportedFamily[]): ExportedFamily | undefined {
  const mine = words(name).filter((w) => !GENERIC.has(w));
  let found: ExportedFamily | undefined;
  let score = 0;
  for (const f of pool) {
    const shared = words(f.ours.name).filter((w) => mine.includes(w)).length;
    if (shared > score) [found, score] = [f, shared];
  }
  return found;
}

/** A status-code-like matcher value ("500", "5..", "5.*", "2xx"): the label is our `code`. */
const STATUS_LIKE = /^[1-5](?:\d\d|\.\.|\.\*|xx)$/i;

/**
 * Our label a template's label most plausibly is: the same name, else a status code's `code`, else
 * the closest of ours by spelling. Example: ours http_requests_total, their `status_code="500"` → 'code'.
 */
export function ourLabelFor(theirs: LabelMatcher, family: ExportedFamily, closest: (w: string, c: readonly string[]) => string | undefined): string | undefined {
  if (family.ours.labels.includes(theirs.name)) return undefined;
  if (STATUS_LIKE.test(theirs.value) && family.ours.labels.includes('code')) return 'code';
  return closest(theirs.name, family.ours.labels);
}

/**
 * The mapping in flow YAML. Example: mappingYaml('http_requests_total', 'flask_http_request_total',
 * {code: 'status'}) === 'metrics: {http_requests_total: {name: flask_http_request_total, labels: {code: status}}}'.
 */
export function mappingYaml(ours: string, name: string | undefined, labels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (name !== undefined) parts.push(`name: ${name}`);
  const ls = Object.entries(labels).map(([k, v]) => `${k}: ${v}`);
  if (ls.length > 0) parts.push(`labels: {${ls.join(', ')}}`);
  return `metrics: {${ours}: {${parts.join(', ')}}}`;
}
