/**
 * Aggregation operators, reproducing Prometheus 2.42's arithmetic order (plain `+=` for sum, incremental
 * mean for avg, Welford for stddev/stdvar) and output order (groups in order of first appearance;
 * topk/bottomk sorted within each group by the same heap Prometheus uses).
 *
 *   sum by (a) over [{a:1} 1, {a:2} 2, {a:1} 3] ⇒ [{a:1} 4, {a:2} 2]
 */
import { formatGoFloat } from '../go/index.js';
import { METRIC_NAME, emptyLabels, isValidLabelName, onlyLabels, setLabel, withoutLabels } from '../metrics/labels.js';
import type { Labels } from '../metrics/labels.js';
import type { AggregateExpr } from './ast.js';
import { EvalError } from './errors.js';
import type { Sample } from './values.js';
import { Heap, quantile } from './heap.js';

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  heap: Heap | null;
  values: number[];
}

function groupKey(m: Labels, grouping: readonly string[], without: boolean): string {
  let s = '';
  for (const n in m) {
    const listed = grouping.includes(n);
    if (without ? !listed && n !== METRIC_NAME : listed) s += n + '\xff' + m[n] + '\xfe';
  }
  return s;
}

export function aggregate(e: AggregateExpr, param: number | string | null, vec: readonly Sample[]): Sample[] {
  const { op, without } = e;
  let grouping = [...e.grouping];
  let k = 0;
  if (op === 'topk' || op === 'bottomk') {
    const f = param as number;
    if (Number.isNaN(f) || Math.abs(f) >= 9.223372036854776e18) throw new EvalError(`Scalar value ${f} overflows int64`);
    k = Math.trunc(f);
    if (k < 1) return [];
  }
  let valueLabel = '';
  if (op === 'count_values') {
    valueLabel = param as string;
    if (!isValidLabelName(valueLabel)) throw new EvalError(`invalid label name "${valueLabel}"`);
    if (!without) grouping = [...grouping, valueLabel];
  }
  const groups = new Map<string, Group>();
  for (const s of vec) {
    const metric = op === 'count_values' ? setLabel(s.metric, valueLabel, formatGoFloat(s.v, 'f')) : s.metric;
    const key = groupKey(metric, grouping, without);
    const g = groups.get(key);
    if (!g) {
      const labels = without
        ? withoutLabels(metric, [...grouping, METRIC_NAME])
        : grouping.length > 0 ? onlyLabels(metric, grouping) : emptyLabels();
      const heap = op === 'topk' || op === 'bottomk' ? new Heap(op === 'bottomk') : null;
      heap?.push({ metric: s.metric, v: s.v });
      groups.set(key, {
        labels, value: op === 'stddev' || op === 'stdvar' ? 0 : op === 'group' ? 1 : s.v, mean: s.v, count: 1, heap, values: [s.v],
      });
      continue;
    }
    accumulate(op, g, s, k);
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    switch (op) {
      case 'avg': out.push({ metric: g.labels, v: g.mean }); break;
      case 'count': case 'count_values': out.push({ metric: g.labels, v: g.count }); break;
      case 'stdvar': out.push({ metric: g.labels, v: g.value / g.count }); break;
      case 'stddev': out.push({ metric: g.labels, v: Math.sqrt(g.value / g.count) }); break;
      case 'quantile': out.push({ metric: g.labels, v: quantile(param as number, g.values) }); break;
      case 'topk': case 'bottomk': for (const s of (g.heap as Heap).sortedDesc()) out.push(s); break; // k may be every series: no spread
      default: out.push({ metric: g.labels, v: g.value });
    }
  }
  return out;
}

function accumulate(op: AggregateExpr['op'], g: Group, s: Sample, k: number): void {
  switch (op) {
    case 'sum': g.value += s.v; break;
    case 'avg': {
      g.count++;
      if (!Number.isFinite(g.mean) && !Number.isNaN(g.mean)) {
        if (!Number.isFinite(s.v) && !Number.isNaN(s.v) && g.mean > 0 === s.v > 0) break;
        if (Number.isFinite(s.v)) break;
      }
      g.mean += s.v / g.count - g.mean / g.count;
      break;
    }
    case 'max': if (g.value < s.v || Number.isNaN(g.value)) g.value = s.v; break;
    case 'min': if (g.value > s.v || Number.isNaN(g.value)) g.value = s.v; break;
    case 'count': case 'count_values': g.count++; break;
    case 'group': break;
    case 'stddev': case 'stdvar': {
      g.count++;
      const delta = s.v - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (s.v - g.mean);
      break;
    }
    case 'topk': case 'bottomk': (g.heap as Heap).offer({ metric: s.metric, v: s.v }, k); break;
    case 'quantile': g.values.push(s.v); break;
  }
}
