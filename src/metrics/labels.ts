/**
 * Label sets as Prometheus handles them: always sorted by label name, compared byte-wise (UTF-8 order),
 * with `__name__` as an ordinary label. A `Labels` object built here has its keys in sorted order, so
 * `JSON.stringify` prints it exactly like Prometheus' API prints a metric.
 */
// Their own files, not the index: metrics loads on every run's start-up path (see npm run bench).
import { cmpBytes } from '../go/compare-strings.js';
import { goQuoteControlsOnly } from '../go/quote.js';

export type Labels = Readonly<Record<string, string>>;

export const METRIC_NAME = '__name__';

/**
 * A new, empty label set with no prototype: label names are data, so a label called `constructor`,
 * `toString` or `__proto__` must be an ordinary own key (on a `{}` the first two would read as
 * Object's methods and assigning the last would change the prototype instead of adding a label).
 * Example: emptyLabels()['constructor'] === undefined; JSON.stringify(emptyLabels()) === '{}'.
 */
export function emptyLabels(): Record<string, string> {
  return new LabelSet() as unknown as Record<string, string>;
}

/**
 * The prototype of every label set: a class whose prototype holds nothing and inherits nothing, so
 * no name reads as inherited. Objects from `Object.create(null)` would do the same, but V8 keeps
 * them in slow dictionary mode (PromQL over many series ran ~40 % slower); `new LabelSet()` gives
 * ordinary fast objects.
 */
class LabelSet {}
Reflect.deleteProperty(LabelSet.prototype, 'constructor');
Object.setPrototypeOf(LabelSet.prototype, null);

/** A label's value, own keys only. Example: labelValue({a: '1'}, 'toString') === undefined; labelValue({a: '1'}, 'a') === '1'. */
export function labelValue(labels: Labels, name: string): string | undefined {
  return Object.hasOwn(labels, name) ? labels[name] : undefined;
}

/** Returns the label set with keys sorted and empty values removed (Prometheus drops empty labels).
 *  `normalizeLabels({b: '1', a: '', __name__: 'x'})` ⇒ `{__name__: 'x', b: '1'}`. */
export function normalizeLabels(labels: Labels): Labels {
  const names = Object.keys(labels).sort(cmpBytes);
  const out = emptyLabels();
  for (const n of names) {
    const v = labels[n] as string;
    if (v !== '') out[n] = v;
  }
  return out;
}

/** Builds a sorted label set from already-known pairs (keys are sorted here). */
export function labelsFromPairs(pairs: ReadonlyArray<readonly [string, string]>): Labels {
  const out = emptyLabels();
  const sorted = [...pairs].sort((p, q) => cmpBytes(p[0], q[0]));
  for (const [n, v] of sorted) if (v !== '') out[n] = v;
  return out;
}

/** A unique string key for a label set (order-independent for normalized sets).
 *  `labelsKey({a: '1', b: '2'})` ⇒ `'a\xff1\xfeb\xff2'`. */
export function labelsKey(labels: Labels): string {
  let s = '';
  for (const n in labels) s += n + '\xff' + labels[n] + '\xfe';
  return s;
}

/** Prometheus' labels.Compare: label by label (name, then value); a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  return compareLabelsKeyed(a, Object.keys(a), b, Object.keys(b));
}

/**
 * `compareLabels` given each set's names (its `Object.keys`, in order), so a sort that compares
 * one set many times lists its names once. Example: compareLabelsKeyed({a: '1'}, ['a'], {a: '2'}, ['a']) < 0.
 */
export function compareLabelsKeyed(a: Labels, ka: readonly string[], b: Labels, kb: readonly string[]): number {
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const na = ka[i] as string;
    const nb = kb[i] as string;
    if (na !== nb) return cmpBytes(na, nb);
    const va = a[na] as string;
    const vb = b[nb] as string;
    if (va !== vb) return cmpBytes(va, vb);
  }
  return ka.length - kb.length;
}

/** Prometheus' Labels.String(): `{a="1", b="2"}`. */
export function labelsToString(labels: Labels): string {
  const parts: string[] = [];
  for (const n in labels) parts.push(`${n}=${goQuoteControlsOnly(labels[n] as string)}`);
  return '{' + parts.join(', ') + '}';
}

/** A copy without the listed label names. */
export function withoutLabels(labels: Labels, drop: readonly string[]): Labels {
  const out = emptyLabels();
  for (const n in labels) if (!drop.includes(n)) out[n] = labels[n] as string;
  return out;
}

/** A copy with only the listed label names. */
export function onlyLabels(labels: Labels, keep: readonly string[]): Labels {
  const out = emptyLabels();
  for (const n in labels) if (keep.includes(n)) out[n] = labels[n] as string;
  return out;
}

/** A copy with `name` set to `value` (or removed when `value` is empty), keys kept sorted. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  const pairs: Array<[string, string]> = [];
  for (const n in labels) if (n !== name) pairs.push([n, labels[n] as string]);
  if (value !== '') pairs.push([name, value]);
  return labelsFromPairs(pairs);
}

/** Is `s` a valid Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`)? */
export function isValidLabelName(s: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s);
}

/** Is `s` a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`)? */
export function isValidMetricName(s: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s);
}
