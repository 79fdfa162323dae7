/**
 * Functions over instant vectors and scalars (Prometheus 2.42 semantics): math functions drop
 * `__name__`; `sort`, `label_replace`, `label_join` keep it; `absent` builds its labels from the
 * selector's equality matchers; date functions read Unix seconds as UTC.
 *
 *   round(vector(-2.5)) ⇒ {} -2        clamp_min({a="1"} 3, 5) ⇒ {a="1"} 5
 *   absent(nonexistent{job="a", code=~"5.."}) ⇒ {job="a"} 1
 */
import { METRIC_NAME, emptyLabels, isValidLabelName, labelValue, setLabel } from '../metrics/labels.js';
import type { Labels } from '../metrics/labels.js';
import type { Expr, MatrixSelector, SubqueryExpr } from './ast.js';
import { EvalError } from './errors.js';
import { civilFromDays } from '../model/civil-date.js';
import { histogramQuantile } from './histogram.js';
import { compileAnchored } from './regex.js';
import type { Sample, Value } from './values.js';
import { dropMetricName } from './values.js';

const MATH: Readonly<Record<string, (x: number) => number>> = {
  abs: Math.abs, ceil: Math.ceil, floor: Math.floor, exp: Math.exp, sqrt: Math.sqrt, ln: Math.log,
  log2: Math.log2, log10: Math.log10, sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin,
  acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asinh: Math.asinh,
  acosh: Math.acosh, atanh: Math.atanh, deg: (x) => (x * 180) / Math.PI, rad: (x) => (x * Math.PI) / 180,
  sgn: (x) => (x < 0 ? -1 : x > 0 ? 1 : x),
};

/** What Go's time.Unix(int64(v)) yields when int64(v) overflows (NaN, ±Inf, |v| ≥ 2^63 ⇒ MinInt64). */
const OVERFLOW_DATE = { y: 292277026596, m: 12, d: 4, dow: 0, doy: 339, hour: 15, minute: 30 };

/** Civil date (UTC) of a Unix time in seconds, by Howard Hinnant's days-from-civil inverse. */
function civil(sec: number): { y: number; m: number; d: number; dow: number; doy: number; hour: number; minute: number } {
  if (!(Math.abs(sec) < 2 ** 63)) return OVERFLOW_DATE;
  const days = Math.floor(sec / 86400);
  const rem = sec - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][m - 1] as number;
  const doy = cum + d + (leap && m > 2 ? 1 : 0);
  return { y, m, d, dow: (((days + 4) % 7) + 7) % 7, doy, hour: Math.floor(rem / 3600), minute: Math.floor((rem % 3600) / 60) };
}

const DATE: Readonly<Record<string, (sec: number) => number>> = {
  year: (s) => civil(s).y, month: (s) => civil(s).m, day_of_month: (s) => civil(s).d,
  day_of_week: (s) => civil(s).dow, day_of_year: (s) => civil(s).doy, hour: (s) => civil(s).hour,
  minute: (s) => civil(s).minute,
  days_in_month: (s) => {
    const { y, m } = civil(s);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  },
};

const vec = (v: Value | undefined): Sample[] => (v?.type === 'vector' ? v.samples : []);
const num = (v: Value | undefined): number => (v?.type === 'scalar' ? v.v : NaN);
const str = (v: Value | undefined): string => (v?.type === 'string' ? v.s : '');
const mapValues = (v: Value | undefined, f: (x: number) => number): Sample[] =>
  vec(v).map((s) => ({ metric: dropMetricName(s.metric), v: f(s.v) }));

/** Labels `absent()` / `absent_over_time()` report: the selector's `=` matchers, minus labels matched otherwise. */
export function absentLabels(arg: Expr | MatrixSelector | SubqueryExpr): Labels {
  const vs = arg.kind === 'vectorSelector' ? arg : arg.kind === 'matrixSelector' ? arg.vs : null;
  if (!vs) return emptyLabels();
  let out: Labels = emptyLabels();
  const other: string[] = [];
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !(m.name in out)) out = setLabel(out, m.name, m.value);
    else other.push(m.name);
  }
  for (const n of other) out = setLabel(out, n, '');
  return out;
}

/** Go regexp's Expand for `$1`, `${1}`, `$name`, `$$` templates. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, tok: string, braced?: string, bare?: string) => {
    if (tok === '$') return '$';
    const name = (braced ?? bare) as string;
    if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
    return match.groups?.[name] ?? '';
  });
}

function labelReplace(args: Value[]): Sample[] {
  const [dst, repl, src, regex] = [str(args[1]), str(args[2]), str(args[3]), str(args[4])];
  const c = compileAnchored(regex);
  if (!c.ok) throw new EvalError(`invalid regular expression in label_replace(): ${regex}`);
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_replace(): ${dst}`);
  return vec(args[0]).map((s) => {
    const m = c.re.exec(labelValue(s.metric, src) ?? '');
    return m ? { metric: setLabel(s.metric, dst, expand(repl, m)), v: s.v } : { metric: s.metric, v: s.v };
  });
}

function labelJoin(args: Value[]): Sample[] {
  const [dst, sep] = [str(args[1]), str(args[2])];
  const srcs = args.slice(3).map(str);
  for (const s of srcs) if (!isValidLabelName(s)) throw new EvalError(`invalid source label name in label_join(): ${s}`);
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_join(): ${dst}`);
  return vec(args[0]).map((s) => ({ metric: setLabel(s.metric, dst, srcs.map((n) => labelValue(s.metric, n) ?? '').join(sep)), v: s.v }));
}

/** NaN sorts last in both directions; ties keep their input order (Go's insertion sort is stable). */
function sortByValue(samples: Sample[], desc: boolean): Sample[] {
  return [...samples].sort((x, y) => {
    const [a, b] = [x.v, y.v];
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    const d = a < b ? -1 : a > b ? 1 : 0;
    return desc ? -d : d;
  });
}

export function vectorFunction(name: string, args: Value[], argExprs: readonly Expr[], ts: number): Value {
  const v = (samples: Sample[]): Value => ({ type: 'vector', samples });
  const math = MATH[name];
  if (math) return v(mapValues(args[0], math));
  const date = DATE[name];
  if (date) {
    if (args.length === 0) return v([{ metric: emptyLabels(), v: date(Math.trunc(ts / 1000)) }]);
    return v(vec(args[0]).map((s) => ({ metric: dropMetricName(s.metric), v: date(Math.trunc(s.v)) })));
  }
  switch (name) {
    case 'time': return { type: 'scalar', v: ts / 1000 };
    case 'pi': return { type: 'scalar', v: Math.PI };
    case 'scalar': {
      const s = vec(args[0]);
      return { type: 'scalar', v: s.length === 1 ? (s[0] as Sample).v : NaN };
    }
    case 'vector': return v([{ metric: emptyLabels(), v: num(args[0]) }]);
    case 'timestamp': return v(vec(args[0]).map((s) => ({ metric: dropMetricName(s.metric), v: ts / 1000 })));
    case 'absent': return v(vec(args[0]).length > 0 ? [] : [{ metric: absentLabels(argExprs[0] as Expr), v: 1 }]);
    case 'round': {
      const to = args.length > 1 ? num(args[1]) : 1;
      const inv = 1 / to;
      return v(mapValues(args[0], (x) => Math.floor(x * inv + 0.5) / inv));
    }
    case 'clamp': {
      const [lo, hi] = [num(args[1]), num(args[2])];
      if (hi < lo) return v([]);
      return v(mapValues(args[0], (x) => Math.max(lo, Math.min(hi, x))));
    }
    case 'clamp_max': return v(mapValues(args[0], (x) => Math.min(num(args[1]), x)));
    case 'clamp_min': return v(mapValues(args[0], (x) => Math.max(num(args[1]), x)));
    case 'sort': return v(sortByValue(vec(args[0]), false));
    case 'sort_desc': return v(sortByValue(vec(args[0]), true));
    case 'label_replace': return v(labelReplace(args));
    case 'label_join': return v(labelJoin(args));
    case 'histogram_quantile': return v(histogramQuantile(num(args[0]), vec(args[1])));
    case 'histogram_count': case 'histogram_sum': case 'histogram_fraction':
      return v([]); // native histograms only; float series yield nothing, as in 2.42
    default: throw new EvalError(`function "${name}" is not supported with these arguments`);
  }
}
