/**
 * Run-time values of the evaluator and the label helpers the operators share.
 */
import { METRIC_NAME, emptyLabels } from '../metrics/labels.js';
import type { Labels } from '../metrics/labels.js';

/** One element of an instant vector. `t` is set only for samples read straight from a selector. */
export interface Sample {
  readonly metric: Labels;
  readonly v: number;
  readonly t?: number;
}

export interface Series {
  readonly metric: Labels;
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
}

export type Value =
  | { readonly type: 'scalar'; readonly v: number }
  | { readonly type: 'vector'; readonly samples: Sample[] }
  | { readonly type: 'matrix'; readonly series: Series[] }
  | { readonly type: 'string'; readonly s: string };

export function dropMetricName(m: Labels): Labels {
  if (!Object.hasOwn(m, METRIC_NAME)) return m;
  const out = emptyLabels();
  for (const n in m) if (n !== METRIC_NAME) out[n] = m[n] as string;
  return out;
}

/** Canonical key of a full label set. */
export function keyOf(m: Labels): string {
  let s = '';
  for (const n in m) s += n + '\xff' + m[n] + '\xfe';
  return s;
}

/** Matching signature: `on` ⇒ only the listed labels; otherwise all but the listed ones and `__name__`.
 *  `signature({__name__: 'x', a: '1', b: '2'}, true, ['a'])` ⇒ 'a\xff1\xfe'. */
export function signature(m: Labels, on: boolean, names: readonly string[]): string {
  let s = '';
  for (const n in m) {
    const listed = names.includes(n);
    if (on ? listed : !listed && n !== METRIC_NAME) s += n + '\xff' + m[n] + '\xfe';
  }
  return s;
}

/** How many distinct metric names the elements carry (dropping `__name__` can only collide when > 1). */
export function distinctNames(items: readonly { metric: Labels }[]): number {
  let first: string | undefined;
  for (const it of items) {
    const n = it.metric[METRIC_NAME];
    if (first === undefined) first = n ?? '';
    else if ((n ?? '') !== first) return 2;
  }
  return first === undefined ? 0 : 1;
}

/** Prometheus' check after most operators: two output elements may not share a label set. */
export function hasDuplicateLabelsets(samples: readonly { metric: Labels }[]): boolean {
  if (samples.length < 2) return false;
  const seen = new Set<string>();
  for (const s of samples) {
    const k = keyOf(s.metric);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}
