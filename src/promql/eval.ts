/**
 * The instant-query evaluator, following Prometheus 2.42's engine: selectors with a 5 m lookback
 * (both ends inclusive) and staleness, range selectors over [t − r, t], `offset` and `@`, subqueries
 * evaluated step by step (a nested one once per step of the widened range), and each operator's
 * output order (selectors sorted by label set, aggregations by first appearance, binary operators
 * following the left-hand side). Every sample touched is charged to a WorkBudget (budget.ts).
 *
 *   new Evaluator(store, t).evaluate(parse('rate(x[5m])'), t) ⇒ {type: 'vector', samples: [...]}
 */
import { compareLabelsKeyed } from '../metrics/labels.js';
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from '../metrics/store.js';
import type { MetricStore, SeriesView } from '../metrics/store.js';
import { aggregate } from './aggregate.js';
import type { AtModifier, Call, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from './ast.js';
import { typeOf } from './ast.js';
import { binaryVectorOp, scalarBinop, vectorScalarBinop } from './binop.js';
import { EvalError } from './errors.js';
import { absentLabels, vectorFunction } from './functions.js';
import { WorkBudget, MAX_QUERY_SAMPLES, SUBQUERY_SAMPLE_COST } from './budget.js';
import { RANGE_FUNCTIONS } from './rangefns.js';
import type { Sample, Series, Value } from './values.js';
import { distinctNames, dropMetricName, hasDuplicateLabelsets, keyOf } from './values.js';

export interface EvalOptions {
  /** Instant-selector lookback (Prometheus --query.lookback-delta, default 5 m). */
  readonly lookbackMs?: number;
  /** Step of subqueries without one (Prometheus' global evaluation_interval; 15 s as in the oracle). */
  readonly defaultStepMs?: number;
  /** Samples the evaluation may touch (budget.ts); default a budget of MAX_QUERY_SAMPLES. */
  readonly budget?: WorkBudget;
}

/** The window a range function sees, for rate's extrapolation. */
export interface RangeWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly rangeMs: number;
}

/** An inner vector of a subquery at one time. */
interface Inner {
  readonly samples: readonly Sample[];
}

const DUPLICATE = 'vector cannot contain metrics with the same labelset';

export class Evaluator {
  private readonly lookback: number;
  private readonly step: number;
  private readonly selected = new Map<VectorSelector, SeriesView[]>();
  /** Samples touched so far, against the evaluation's limit: `x[1y:1s]` is refused, not a stall. */
  readonly budget: WorkBudget;
  /**
   * A nested subquery's inner vectors by evaluation time. Its steps are aligned to absolute
   * multiples of its step, so the windows of successive outer steps share them: each is evaluated
   * once over the widened range, as Prometheus' engine evaluates the inner subquery once.
   */
  private readonly innerAt = new Map<SubqueryExpr, Map<number, Inner>>();
  /** How many subqueries enclose the expression being evaluated. */
  private depth = 0;

  constructor(
    private readonly store: MetricStore,
    /** The query's evaluation time: what `@ start()` and `@ end()` mean. */
    private readonly queryTimeMs: number,
    opts: EvalOptions = {},
  ) {
    this.lookback = opts.lookbackMs ?? 300_000;
    this.step = opts.defaultStepMs ?? 15_000;
    this.budget = opts.budget ?? new WorkBudget(MAX_QUERY_SAMPLES);
  }

  evaluate(e: Expr, ts: number): Value {
    switch (e.kind) {
      case 'number': return { type: 'scalar', v: e.value };
      case 'string': return { type: 'string', s: e.value };
      case 'paren': return this.evaluate(e.expr, ts);
      case 'vectorSelector': return { type: 'vector', samples: this.instant(e, ts) };
      case 'matrixSelector': return { type: 'matrix', series: this.matrixSeries(e, ts) };
      case 'subquery': return { type: 'matrix', series: this.subquery(e, ts) };
      case 'unary': {
        const v = this.evaluate(e.expr, ts);
        if (e.op === '+') return v;
        if (v.type === 'scalar') return { type: 'scalar', v: -v.v };
        const input = (v as { samples: Sample[] }).samples;
        const samples = input.map((s) => ({ metric: dropMetricName(s.metric), v: -s.v }));
        if (distinctNames(input) > 1 && hasDuplicateLabelsets(samples)) throw new EvalError(DUPLICATE);
        return { type: 'vector', samples };
      }
      case 'binary': {
        const l = this.evaluate(e.lhs, ts);
        const r = this.evaluate(e.rhs, ts);
        if (l.type === 'scalar' && r.type === 'scalar') return { type: 'scalar', v: scalarBinop(e.op, l.v, r.v) };
        let out: Sample[];
        if (l.type === 'vector' && r.type === 'vector') out = binaryVectorOp(e, l.samples, r.samples);
        else if (l.type === 'vector' && r.type === 'scalar') out = vectorScalarBinop(e.op, l.samples, r.v, false, e.returnBool);
        else if (l.type === 'scalar' && r.type === 'vector') out = vectorScalarBinop(e.op, r.samples, l.v, true, e.returnBool);
        else throw new EvalError(`binary expression between ${l.type} and ${r.type}`);
        if (hasDuplicateLabelsets(out)) throw new EvalError(DUPLICATE);
        return { type: 'vector', samples: out };
      }
      case 'aggregate': {
        const param = e.param ? this.evaluate(e.param, ts) : null;
        const inner = this.evaluate(e.expr, ts) as { samples: Sample[] };
        const p = param === null ? null : param.type === 'string' ? param.s : param.type === 'scalar' ? param.v : NaN;
        return { type: 'vector', samples: aggregate(e, p, inner.samples) };
      }
      case 'call': return this.call(e, ts);
    }
  }

  private refTime(at: AtModifier | null, offsetMs: number, ts: number): number {
    const base = at === null ? ts : at.kind === 'ts' ? at.ms : this.queryTimeMs;
    return base - offsetMs;
  }

  private select(vs: VectorSelector): SeriesView[] {
    let out = this.selected.get(vs);
    if (!out) {
      out = inLabelOrder(this.store.select(vs.matchers).map((r) => this.store.series(r)));
      this.selected.set(vs, out);
    }
    return out;
  }

  /** Latest sample in [ref − lookback, ref] per series; a stale latest sample hides the series. */
  instant(vs: VectorSelector, ts: number): Sample[] {
    const ref = this.refTime(vs.at, vs.offsetMs, ts);
    const out: Sample[] = [];
    const selected = this.select(vs);
    this.budget.charge(selected.length);
    for (const s of selected) {
      const i = lastIndexAtOrBefore(s, ref);
      if (i < 0) continue;
      const t = s.t[i] as number;
      if (t < ref - this.lookback || s.stale?.[i]) continue;
      out.push({ metric: s.labels, v: s.v[i] as number, t });
    }
    return out;
  }

  private matrixSeries(ms: MatrixSelector, ts: number): Series[] {
    const end = this.refTime(ms.vs.at, ms.vs.offsetMs, ts);
    const out: Series[] = [];
    for (const s of this.select(ms.vs)) {
      const pts = points(s, end - ms.rangeMs, end);
      this.budget.charge(pts.t.length + 1);
      if (pts.t.length > 0) out.push({ metric: s.labels, t: pts.t, v: pts.v });
    }
    return out;
  }

  private subquery(sq: SubqueryExpr, ts: number): Series[] {
    const end = this.refTime(sq.at, sq.offsetMs, ts);
    const step = sq.stepMs || this.step;
    let start = step * Math.trunc((end - sq.rangeMs) / step);
    if (start < end - sq.rangeMs) start += step;
    const byKey = new Map<string, { metric: Series['metric']; t: number[]; v: number[] }>();
    const byLabels = new Map<Series['metric'], { metric: Series['metric']; t: number[]; v: number[] }>();
    // Only a subquery inside another is evaluated at many outer times: it alone needs the memo.
    let memo = this.depth > 0 ? this.innerAt.get(sq) : undefined;
    if (this.depth > 0 && memo === undefined) this.innerAt.set(sq, (memo = new Map()));
    this.budget.charge(Math.max(0, Math.floor((end - start) / step) + 1));
    this.depth++;
    try {
      for (let t = start; t <= end; t += step) {
        let inner = memo?.get(t);
        if (inner === undefined) {
          const val = this.evaluate(sq.expr, t);
          const samples = val.type === 'vector' ? val.samples : [];
          inner = { samples };
          memo?.set(t, inner);
        }
        const { samples } = inner;
        this.budget.charge(samples.length * SUBQUERY_SAMPLE_COST);
        for (let i = 0; i < samples.length; i++) {
          const s = samples[i] as Sample;
          // A selector's samples carry the same label object at every step: found by identity,
          // the series' key string is neither rebuilt nor hashed again (it was most of the time).
          let series = byLabels.get(s.metric);
          if (series === undefined) {
            const k = keyOf(s.metric);
            series = byKey.get(k);
            if (!series) byKey.set(k, (series = { metric: s.metric, t: [], v: [] }));
            byLabels.set(s.metric, series);
          }
          series.t.push(t);
          series.v.push(s.v);
        }
      }
    } finally {
      this.depth--;
    }
    return [...byKey.values()];
  }

  private call(e: Call, ts: number): Value {
    const args = e.args.map(unwrapParens);
    const mIdx = args.findIndex((a) => a.kind === 'matrixSelector' || a.kind === 'subquery');
    if (mIdx < 0) {
      if (e.func === 'timestamp' && args[0]?.kind === 'vectorSelector') {
        const samples = this.instant(args[0], ts).map((s) => ({ metric: dropMetricName(s.metric), v: (s.t as number) / 1000 }));
        return { type: 'vector', samples };
      }
      const vals = args.map((a) => this.evaluate(a, ts));
      const res = vectorFunction(e.func, vals, args, ts);
      const relabels = e.func === 'label_replace' || e.func === 'label_join';
      const input = vals[0]?.type === 'vector' ? vals[0].samples : [];
      if (res.type === 'vector' && (relabels || distinctNames(input) > 1) && hasDuplicateLabelsets(res.samples)) {
        throw new EvalError(DUPLICATE);
      }
      return res;
    }
    const fn = RANGE_FUNCTIONS[e.func];
    if (!fn) throw new EvalError(`function "${e.func}" does not take a range vector`);
    const m = args[mIdx] as MatrixSelector | SubqueryExpr;
    const others = args.map((a, i) => (i === mIdx ? NaN : scalarOf(this.evaluate(a, ts))));
    const rangeMs = m.rangeMs;
    const endMs = m.kind === 'matrixSelector' ? this.refTime(m.vs.at, m.vs.offsetMs, ts) : this.refTime(m.at, m.offsetMs, ts);
    const window: RangeWindow = { startMs: endMs - rangeMs, endMs, rangeMs };
    const series = m.kind === 'matrixSelector' ? this.matrixSeries(m, ts) : this.subquery(m, ts);
    const out: Sample[] = [];
    for (const s of series) {
      const v = fn(s, window, others, ts);
      if (v === null) continue;
      out.push({ metric: e.func === 'last_over_time' ? s.metric : dropMetricName(s.metric), v });
    }
    if (e.func === 'absent_over_time') {
      return { type: 'vector', samples: out.length > 0 ? [] : [{ metric: absentLabels(m), v: 1 }] };
    }
    if (e.func !== 'last_over_time' && distinctNames(series) > 1 && hasDuplicateLabelsets(out)) throw new EvalError(DUPLICATE);
    return { type: 'vector', samples: out };
  }
}

/**
 * The selected series in label-set order (Prometheus returns series sorted by labels). Only the
 * selection is sorted, each set's names listed once: sorting every series of the store whenever
 * one was added cost a rollout's analysis more than its queries (the sweep measured it).
 * Example: series {a="2"}, {a="1"} → [{a="1"}, {a="2"}].
 */
function inLabelOrder(views: SeriesView[]): SeriesView[] {
  if (views.length < 2) return views;
  const names = views.map((s) => Object.keys(s.labels));
  const order = views.map((_, i) => i);
  order.sort((i, j) => compareLabelsKeyed((views[i] as SeriesView).labels, names[i] as string[], (views[j] as SeriesView).labels, names[j] as string[]));
  return order.map((i) => views[i] as SeriesView);
}

/** Non-stale samples of `s` with time in [mint, maxt]. */
export function points(s: SeriesView, mint: number, maxt: number): { t: ArrayLike<number>; v: ArrayLike<number> } {
  const lo = firstIndexAtOrAfter(s, mint);
  let hi = lo;
  let stale = false;
  while (hi < s.n && (s.t[hi] as number) <= maxt) {
    if (s.stale?.[hi]) stale = true;
    hi++;
  }
  // Views, not copies, on the hot path; only windows holding a staleness marker are filtered.
  if (!stale) return { t: s.t.subarray(lo, hi), v: s.v.subarray(lo, hi) };
  const t: number[] = [];
  const v: number[] = [];
  for (let i = lo; i < hi; i++) {
    if (s.stale?.[i]) continue;
    t.push(s.t[i] as number);
    v.push(s.v[i] as number);
  }
  return { t, v };
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === 'paren') e = e.expr;
  return e;
}

function scalarOf(v: Value): number {
  return v.type === 'scalar' ? v.v : NaN;
}

export { typeOf };
