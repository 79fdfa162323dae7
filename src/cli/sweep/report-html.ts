/**
 * `simulate sweep … --report FILE.html`: the sweep's result as a self-contained page — per grid cell
 * the detection and false-rollback rates as points with their 95 % Wilson interval bars, the time to
 * detect and the harm as their median, p90 and max, and the table the terminal prints. Drawn from
 * the SweepResult alone (the same bytes whatever the worker count). Lives beside the sweep command
 * (the sweep's types are above report/ in the layers) and loads by dynamic import, with Vega.
 */
import type { Distribution, Rate } from '../../sweep/stats.js';
import type { SweepResult } from '../../sweep/result.js';
import { formatTable } from '../../sweep/format.js';
import { chart, yExtentFor, type Width } from '../../report/html/chart-kit.js';
import { esc, figure, page, type ChartSvg } from '../../report/html/page.js';
import { renderSvg, type VlSpec } from '../../report/html/vega-render.js';

/** A cell's name on the charts. Example: {workload: 'agent', vary: {'spec…to': '2%'}} → 'to=2%'; no --vary → 'agent'. */
export function cellLabel(r: SweepResult, i: number): string {
  const c = r.cells[i];
  if (c === undefined) return String(i);
  const varied = Object.entries(c.vary).map(([target, v]) => `${target.replace(/^.*[.\]]/, '').replace(/^\[|\]$/g, '') || target}=${v}`);
  const workloads = new Set(r.cells.map((x) => x.workload));
  return [...(workloads.size > 1 || varied.length === 0 ? [c.workload] : []), ...varied].join(' ');
}

interface RateRow { cell: string; measure: string; rate: number; low: number; high: number; label: string }

function rateRow(cell: string, measure: string, r: Rate | undefined): RateRow[] {
  if (r === undefined || r.rate === null || r.low === null || r.high === null) return [];
  return [{ cell, measure, rate: r.rate, low: r.low, high: r.high, label: `${r.count}/${r.of}` }];
}

/** The rates chart: a point per cell and measure, with its interval as a bar, on 0…100 %. */
function ratesSpec(rows: readonly RateRow[], cells: readonly string[], yExtent: number, w: Width): VlSpec {
  const measures = ['detection', 'false rollback (healthy twin)'];
  const y = { field: 'cell', type: 'nominal', sort: [...cells], scale: { domain: [...cells] }, axis: { title: null } };
  const x = { field: 'low', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'rate, with its 95 % Wilson interval' } };
  const color = { field: 'measure', type: 'nominal', scale: { domain: measures, range: ['#2e7d32', '#c62828'] }, legend: null };
  const yOffset = { field: 'measure', type: 'nominal', scale: { domain: measures, paddingInner: 0.3 } };
  const layers: VlSpec[] = [
    { name: 'intervals', data: { values: rows }, mark: { type: 'rule', strokeWidth: 3, opacity: 0.55 }, encoding: { y, yOffset, x, x2: { field: 'high' }, color } },
    { name: 'rates', data: { values: rows }, mark: { type: 'point', filled: true, size: 80, opacity: 1 }, encoding: { y, yOffset, x: { ...x, field: 'rate' }, color } },
  ];
  return { ...chart('Detection and false rollbacks per cell', layers, yExtent, 'points: the rate over the seeds; bars: its 95 % Wilson interval', w, { legend: [{ label: 'detection (caught / regression in effect)', color: '#2e7d32' }, { label: 'false rollback (healthy twin aborted / seeds)', color: '#c62828' }] }), height: { step: 34 } };
}

/** A distribution chart: per cell a bar from the median to the max, a point at the median and a tick at p90. */
function distributionSpec(title: string, rows: readonly { cell: string; median: number; p90: number; max: number }[], cells: readonly string[], unit: string, yExtent: number, w: Width): VlSpec {
  const y = { field: 'cell', type: 'nominal', sort: [...cells], scale: { domain: [...cells] }, axis: { title: null } };
  const x = (field: string): object => ({ field, type: 'quantitative', scale: { zero: true }, axis: { title: unit } });
  const layers: VlSpec[] = [
    { name: 'ranges', data: { values: rows }, mark: { type: 'rule', strokeWidth: 3, color: '#90a4ae' }, encoding: { y, x: x('median'), x2: { field: 'max' } } },
    { name: 'p90', data: { values: rows }, mark: { type: 'tick', orient: 'vertical', thickness: 2, color: '#6a1b9a' }, encoding: { y, x: x('p90') } },
    { name: 'medians', data: { values: rows }, mark: { type: 'point', filled: true, size: 70, color: '#0072b2', opacity: 1 }, encoding: { y, x: x('median') } },
  ];
  return { ...chart(title, layers, yExtent, 'dot: median · tick: 90th percentile · bar: to the largest', w, { legend: [{ label: 'median', color: '#0072b2' }, { label: 'p90', color: '#6a1b9a' }, { label: 'median → max', color: '#90a4ae' }] }), height: { step: 28 } };
}

function distRows(r: SweepResult, labels: readonly string[], pick: (i: number) => Distribution | undefined, scale: number): { cell: string; median: number; p90: number; max: number }[] {
  return labels.flatMap((cell, i) => {
    const d = pick(i);
    return d === undefined || d.median === null || d.p90 === null || d.max === null ? [] : [{ cell, median: d.median / scale, p90: d.p90 / scale, max: d.max / scale }];
  });
}

/** The page. Example: a 2-cell --vary sweep → charts 'rates', 'timeToDetect', 'harm' and the table. */
export async function sweepReport(r: SweepResult): Promise<string> {
  const labels = r.cells.map((_, i) => cellLabel(r, i));
  const yExtent = yExtentFor(labels);
  const rates = r.cells.flatMap((c, i) => [...rateRow(labels[i] as string, 'detection', c.regressed?.detection), ...rateRow(labels[i] as string, 'false rollback (healthy twin)', c.healthy.falseRollback)]);
  const specs = (w: Width): [string, VlSpec][] => {
    const out: [string, VlSpec][] = [['rates', ratesSpec(rates, labels, yExtent, w)]];
    const detect = distRows(r, labels, (i) => r.cells[i]?.regressed?.timeToDetect, 60_000);
    if (detect.length > 0) out.push(['timeToDetect', distributionSpec('Time to detect (caught seeds)', detect, labels, 'minutes from the update’s start', yExtent, w)]);
    const harm = distRows(r, labels, (i) => r.cells[i]?.regressed?.harmed, 1);
    if (harm.length > 0) out.push(['harm', distributionSpec('Harmed requests per seed', harm, labels, 'harmed requests', yExtent, w)]);
    return out;
  };
  const [wide, narrow] = [specs('wide'), specs('narrow')];
  const figures: string[] = [];
  for (const [i, [name, spec]] of wide.entries()) {
    const a = await renderSvg(spec, `sweep-${name}-w`);
    const b = await renderSvg((narrow[i] as [string, VlSpec])[1], `sweep-${name}-n`);
    const meta = spec['usermeta'] as { legend?: ChartSvg['legend'] } | undefined;
    figures.push(figure(name, { wide: a.svg, narrow: b.svg, caption: String(spec['description'] ?? ''), legend: meta?.legend ?? [] }));
  }
  const vary = r.vary.length === 0 ? '' : ` · --vary ${r.vary.map((v) => `${v.target}=${v.values.join(',')}`).join(' ')}`;
  const body = [
    `<header>\n<h1>${esc(`Sweep: ${r.scenario}`)}</h1>\n`,
    `<p class="muted">${r.seeds} seeds (${r.seedRange[0]}…${r.seedRange[1]}) per cell · ${r.cells.length} cells · horizon ${esc(r.horizon)}${esc(vary)}</p>\n</header>\n`,
    '<p>Each seed runs twice: with the regression, and as its healthy twin (the same seed with the regressions removed). Detection is caught ÷ seeds whose regression was in effect; a false rollback is a healthy twin aborted.</p>\n',
    '<h2>Rates</h2>\n', figures[0] ?? '',
    '<h2>Distributions</h2>\n', ...figures.slice(1),
    r.cells.some((c) => c.regressed?.timeToDetect.n) ? '' : '<p class="muted">No seed caught the regression: no time to detect to draw.</p>\n',
    '<h2>Table</h2>\n', `<pre class="plugin">${esc(formatTable(r))}</pre>\n`,
    "<footer>Drawn by rollout-sim from the sweep's result: the same sweep gives the same bytes, whatever the worker count.</footer>\n",
  ];
  return page(`rollout-sim sweep: ${r.scenario}`, body.join(''));
}
