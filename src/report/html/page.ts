/**
 * The HTML page around a report's sections: one self-contained file (inline CSS, inline SVG, no
 * script, no font or image to fetch), readable on a phone (the charts scale to the width, tables
 * scroll sideways inside their box) and printed (no backgrounds needed, no chart cut by a page
 * break). Pure string building; every piece of trace text goes through `esc`.
 */
import type { LegendItem } from './chart-kit.js';

/** Example: esc('a < b & "c"') === 'a &lt; b &amp; &quot;c&quot;'. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A chart drawn for a wide page and for a phone (the page shows the one that fits). */
export interface ChartSvg {
  readonly wide: string;
  readonly narrow: string;
  /** What the chart shows, in words (the spec's description): plain text. */
  readonly caption: string;
  readonly legend: readonly LegendItem[];
}

/**
 * A legend in HTML: a short line sample (dashed where the series is) and the label per item.
 * Example: legendHtml([{label: 'stable agent:v1', color: '#0072b2'}]) → '<span class="sw"><svg …><line … stroke="#0072b2"/></svg> stable agent:v1</span>'.
 */
export function legendHtml(items: readonly LegendItem[]): string {
  return items.map((i) => {
    const dash = i.dash === undefined || i.dash.length < 2 || i.dash[1] === 0 ? '' : ` stroke-dasharray="${i.dash.join(' ')}"`;
    return `<span class="sw"><svg width="24" height="8" aria-hidden="true"><line x1="0" y1="4" x2="24" y2="4" stroke="${esc(i.color)}" stroke-width="2.5"${dash}/></svg> ${esc(i.label)}</span>`;
  }).join(' ');
}

/** A chart in its figure; `name` is the data-chart attribute the browser test finds it by; `legend` is HTML added to the caption. */
export function figure(name: string, svg: ChartSvg | undefined, legend?: string): string {
  const body = svg === undefined ? '' : `<div class="wide">${svg.wide}</div><div class="narrow">${svg.narrow}</div>`;
  const own = svg === undefined || svg.legend.length === 0 ? undefined : legendHtml(svg.legend);
  const caption = [own, svg === undefined || svg.caption === '' ? undefined : esc(svg.caption), legend].filter((c) => c !== undefined).join('<br>');
  return `<figure class="chart" data-chart="${esc(name)}">${body}${caption === '' ? '' : `<figcaption>${caption}</figcaption>`}</figure>\n`;
}

/** A table from cells already escaped (or built of escaped parts); `numeric` columns align right. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = [], cls = ''): string {
  const th = header.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${cls === '' ? '' : ` class="${cls}"`}><thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>\n`;
}

/** The whole document. `title` is plain text; `body` is HTML. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rollout-sim">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

const CSS = `
:root{--fg:#1b1f23;--muted:#57606a;--line:#d0d7de;--bad:#c62828;--good:#2e7d32;--wait:#9a6700;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}
h2{font-size:1.15rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1rem;margin:1.2em 0 .4em}
p{margin:.4em 0}
.muted{color:var(--muted)}
.bad{color:var(--bad);font-weight:600}
.good{color:var(--good);font-weight:600}
.wait{color:var(--wait);font-weight:600}
pre.plugin{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:10px 12px;overflow-x:auto;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
figure.chart{margin:12px 0;break-inside:avoid;page-break-inside:avoid}
figure.chart .wide>svg,figure.chart .narrow>svg{display:block;max-width:100%;height:auto}
.sw svg{display:inline-block;vertical-align:middle}
figure.chart .narrow{display:none}
figcaption{font-size:.85rem;color:var(--muted)}
.sw{white-space:nowrap}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0}
table{border-collapse:collapse;font-size:.88rem;min-width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;vertical-align:bottom}
td:first-child{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
td code,p code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-word}
ol.why{list-style:none;padding:0;margin:.5em 0;font-size:.9rem}
ol.why li{display:grid;grid-template-columns:5.5em 1.4em 1fr;gap:0 6px;padding:2px 0;border-bottom:1px dotted var(--line)}
ol.why .t{font-variant-numeric:tabular-nums;color:var(--muted);text-align:right}
ol.why .text{word-break:break-word}
.phase-Successful{color:var(--good)}.phase-Failed,.phase-Error{color:var(--bad)}.phase-Inconclusive{color:var(--wait)}
.verdict{border-left:4px solid var(--line);padding:6px 12px;background:#f6f8fa;margin:.6em 0}
.verdict.bad{border-color:var(--bad)}.verdict.good{border-color:var(--good)}.verdict.wait{border-color:var(--wait)}
ul.warnings li{color:var(--wait)}
footer{margin-top:2em;font-size:.8rem;color:var(--muted)}
@media screen and (max-width:600px){figure.chart .wide{display:none}figure.chart .narrow{display:block}body{font-size:14px}main{padding:10px}ol.why li{grid-template-columns:4.6em 1.2em 1fr}table{font-size:.8rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}pre.plugin,th,.verdict{background:none}.scroll{overflow:visible}h2{break-after:avoid;page-break-after:avoid}tr{break-inside:avoid}}
`.trim();
