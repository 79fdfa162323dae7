/**
 * The HTML report (DESIGN §7): one self-contained file drawn from a trace's events alone — one run
 * (`run --report`, `simulate report` of a one-run trace) or several raced on identical traffic
 * (`compare --report`, a compare trace). Same events ⇒ byte-identical file: no clock, no random
 * ids, nothing fetched.
 *
 *   const { html } = await renderReport(readTrace(text).runs);
 */
import type { SimEvent } from '../../model/events.js';
import { explainVerdict, verdictCells, verdictTitle } from '../verdict.js';
import { compareSpecs } from './specs-compare.js';
import type { LegendItem, Width } from './chart-kit.js';
import { esc, figure, page, table, type ChartSvg } from './page.js';
import { measurementsTable, outcomeTone, pluginHeader, runSections, summarySection, TONE_LEGEND } from './run-page.js';
import { foldRun, type RunView } from './run-view.js';
import { runSpecs, type NamedSpec } from './specs-run.js';
import { renderSvg } from './vega-render.js';

export { readTrace, type TraceRead } from './trace-file.js';

export interface Report {
  readonly html: string;
  /** Vega-Lite's and Vega's warnings while rendering (none expected for shipped scenarios). */
  readonly warnings: readonly string[];
}

/** The report of `runs` (each one run's events, SimulationStarted to Summary). */
export async function renderReport(runs: readonly (readonly SimEvent[])[]): Promise<Report> {
  const views = runs.map(foldRun);
  const warnings: string[] = [];
  // Each chart at both widths; ids are prefixed by chart and width, so none repeats on the page.
  const render = async (specs: (w: Width) => readonly NamedSpec[], prefix: string): Promise<Map<string, ChartSvg>> => {
    const out = new Map<string, ChartSvg>();
    const [wide, narrow] = [specs('wide'), specs('narrow')];
    for (const [i, s] of wide.entries()) {
      const a = await renderSvg(s.spec, `${prefix}${s.name}-w`);
      const b = await renderSvg((narrow[i] as NamedSpec).spec, `${prefix}${s.name}-n`);
      for (const w of [a, b].flatMap((x) => x.warnings)) warnings.push(w);
      const meta = s.spec['usermeta'] as { legend?: readonly LegendItem[] } | undefined;
      out.set(s.name, { wide: a.svg, narrow: b.svg, caption: typeof s.spec['description'] === 'string' ? s.spec['description'] : '', legend: meta?.legend ?? [] });
    }
    return out;
  };
  const first = views[0];
  if (first === undefined) throw new Error('a report needs at least one run');
  if (views.length === 1) {
    const charts = await render((w) => runSpecs(first, w), '');
    const title = `${first.start.scenario} · ${first.start.rollout}`;
    return { html: page(`rollout-sim report: ${title}`, `${intro(first, `Run report: ${title}`)}${runSections(first, charts)}${footer(first)}`), warnings };
  }
  const charts = await render((w) => compareSpecs(views, w), 'cmp-');
  return { html: page(`rollout-sim compare: ${first.start.scenario}`, compareBody(views, charts)), warnings };
}

function intro(v: RunView, title: string): string {
  const s = v.start;
  const desc = s.description.trim() === '' ? '' : `<p>${esc(s.description.trim())}</p>\n`;
  return `<header>\n<h1>${esc(title)}</h1>\n${desc}<p class="muted">scenario ${esc(s.scenario)} · seed ${s.seed} · namespace ${esc(s.namespace)}</p>\n</header>\n`;
}

function footer(v: RunView): string {
  return `<footer>Drawn by rollout-sim from the trace's events alone (scenario ${esc(v.start.scenario)}, seed ${v.start.seed}): <code>simulate report TRACE.jsonl</code> redraws this file byte for byte.</footer>\n`;
}

/** The compare page: the strategies on one time axis, the verdict, then each strategy's own figures. */
function compareBody(views: readonly RunView[], charts: ReadonlyMap<string, ChartSvg>): string {
  const first = views[0] as RunView;
  const summaries = views.map((v) => v.summary);
  const c = (name: string, caption?: string): string => figure(name, charts.get(name), caption);
  const { header, body } = verdictCells(summaries);
  const verdictRows = body.map((r) => r.map((cell) => esc(cell)));
  const explained = explainVerdict(summaries).map((l, i) => `<li class="${outcomeTone(summaries[i] as (typeof summaries)[number])}">${esc(l)}</li>`);
  const perRun = views.map((v) => [
    `<h3>${esc(v.start.rollout)}</h3>\n`, pluginHeader(v), summarySection(v.summary), measurementsTable(v),
  ].join(''));
  return [
    intro(first, `Compare: ${first.start.scenario}`),
    `<p>${views.length} strategies raced on identical traffic: ${views.map((v) => `<strong>${esc(v.start.rollout)}</strong>`).join(', ')}.</p>\n`,
    '<h2>Verdict</h2>\n', `<p class="muted">${esc(verdictTitle(first.summary.arrivedRequests))}</p>\n`,
    table(header.map(esc), verdictRows, [5, 6, 7, 8]),
    `<ul>\n${explained.join('\n')}\n</ul>\n`,
    '<h2>On one time axis</h2>\n', c('timeline', TONE_LEGEND), c('weight'), c('harm'), c('errorRate'),
    '<h2>Each strategy</h2>\n', ...perRun,
    footer(first),
  ].join('');
}
