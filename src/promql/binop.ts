/**
 * Binary operators with Prometheus 2.42 semantics: arithmetic and comparisons (filtering or `bool`),
 * vector matching one-to-one / many-to-one (`group_left`) / one-to-many (`group_right`) with
 * `on`/`ignoring`, and the set operators `and`, `or`, `unless`.
 *
 *   vectorScalarBinop('>', [{metric: {__name__: 'x'}, v: 3}], 1, false, false) ⇒ [{metric: {__name__: 'x'}, v: 3}]
 *   scalarBinop('%', -5, 3) ⇒ -2        scalarBinop('^', 2, 0.5) ⇒ 1.4142135623730951
 */
import { labelValue, labelsToString, onlyLabels, setLabel, withoutLabels } from '../metrics/labels.js';
import type { Labels } from '../metrics/labels.js';
import type { BinaryExpr, BinaryOp, VectorMatching } from './ast.js';
import { COMPARISON_OPS } from './ast.js';
import { EvalError } from './errors.js';
import type { Sample } from './values.js';
import { dropMetricName, keyOf, signature } from './values.js';

/** Go's math.Pow corner cases where JavaScript's `**` differs. */
function goPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** Value of `l op r` and whether a filtering comparison keeps the element. */
function elemBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '+': return [l + r, true];
    case '-': return [l - r, true];
    case '*': return [l * r, true];
    case '/': return [l / r, true];
    case '%': return [l % r, true];
    case '^': return [goPow(l, r), true];
    case 'atan2': return [Math.atan2(l, r), true];
    case '==': return [l, l === r];
    case '!=': return [l, l !== r];
    case '>': return [l, l > r];
    case '<': return [l, l < r];
    case '>=': return [l, l >= r];
    case '<=': return [l, l <= r];
    default: throw new EvalError(`operator "${op}" not allowed for operations between vectors`);
  }
}

export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  const [v, keep] = elemBinop(op, l, r);
  return COMPARISON_OPS.has(op) ? (keep ? 1 : 0) : v;
}

const dropsName = (op: BinaryOp): boolean => !COMPARISON_OPS.has(op);

export function vectorScalarBinop(op: BinaryOp, vec: readonly Sample[], s: number, swap: boolean, returnBool: boolean): Sample[] {
  const out: Sample[] = [];
  for (const el of vec) {
    const [l, r] = swap ? [s, el.v] : [el.v, s];
    let [value, keep] = elemBinop(op, l, r);
    if (COMPARISON_OPS.has(op) && swap) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    out.push({ metric: dropsName(op) || returnBool ? dropMetricName(el.metric) : el.metric, v: value });
  }
  return out;
}

export function binaryVectorOp(e: BinaryExpr, lhs: readonly Sample[], rhs: readonly Sample[]): Sample[] {
  const m = e.matching as VectorMatching;
  const sig = (s: Sample): string => signature(s.metric, m.on, m.labels);
  switch (e.op) {
    case 'and': {
      if (lhs.length === 0 || rhs.length === 0) return [];
      const right = new Set(rhs.map(sig));
      return lhs.filter((s) => right.has(sig(s)));
    }
    case 'or': {
      if (lhs.length === 0) return [...rhs];
      if (rhs.length === 0) return [...lhs];
      const left = new Set(lhs.map(sig));
      return [...lhs, ...rhs.filter((s) => !left.has(sig(s)))];
    }
    case 'unless': {
      if (lhs.length === 0 || rhs.length === 0) return [...lhs];
      const right = new Set(rhs.map(sig));
      return lhs.filter((s) => !right.has(sig(s)));
    }
    default:
      return vectorBinop(e.op, lhs, rhs, m, e.returnBool);
  }
}

function vectorBinop(op: BinaryOp, lhsIn: readonly Sample[], rhsIn: readonly Sample[], m: VectorMatching, returnBool: boolean): Sample[] {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const sigOf = (s: Sample): string => signature(s.metric, m.on, m.labels);
  const swapped = m.card === 'one-to-many';
  const [lhs, rhs] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const right = new Map<string, Sample>();
  for (const rs of rhs) {
    const k = sigOf(rs);
    const dup = right.get(k);
    if (dup) {
      const side = swapped ? 'left' : 'right';
      const group = m.on ? onlyLabels(rs.metric, m.labels) : withoutLabels(dropMetricName(rs.metric), m.labels);
      throw new EvalError(
        `found duplicate series for the match group ${labelsToString(group)} on the ${side} hand-side of the operation: ` +
          `[${labelsToString(rs.metric)}, ${labelsToString(dup.metric)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    right.set(k, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const k = sigOf(ls);
    const rs = right.get(k);
    if (!rs) continue;
    const [vl, vr] = swapped ? [rs.v, ls.v] : [ls.v, rs.v];
    let [value, keep] = elemBinop(op, vl, vr);
    if (returnBool) value = keep ? 1 : 0;
    else if (!keep) continue;
    let metric = resultMetric(ls.metric, rs.metric, op, m);
    if (returnBool) metric = dropMetricName(metric);
    if (m.card === 'one-to-one') {
      if (matched.has(k)) throw new EvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matched.set(k, null);
    } else {
      let inserted = matched.get(k);
      if (!inserted) matched.set(k, (inserted = new Set()));
      const mk = keyOf(metric);
      if (inserted.has(mk)) throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(mk);
    }
    out.push({ metric, v: value });
  }
  return out;
}

function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching): Labels {
  let out = dropsName(op) ? dropMetricName(lhs) : lhs;
  if (m.card === 'one-to-one') out = m.on ? onlyLabels(out, m.labels) : withoutLabels(out, m.labels);
  for (const ln of m.include) out = setLabel(out, ln, labelValue(rhs, ln) ?? '');
  return out;
}
