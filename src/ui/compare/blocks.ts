/**
 * The blocks a compare panel is made of, as pre-wrapped lines of styled spans: the title, status
 * and weights, traffic and pods, the harmed counter, the *why*, the newest AnalysisRun with each
 * metric's measured value against its condition, sparklines, and recent events. Every block but
 * the events wraps at word boundaries, so a number or a reason is never cut; the layout
 * (layout-compare.ts) only decides which blocks fit. Pure.
 */
import { clock, formatTextLine } from '../../report/text.js';
import { formatDuration } from '../../model/time.js';
import { releaseCells, podDots } from '../format/bar.js';
import { analysisGlyph, classificationGlyph, KIND, phaseGlyph, tagsTone, tagTone, type Glyph } from '../format/glyphs.js';
import { formatAgainst, pct } from '../format/numbers.js';
import { metricInfo } from '../state/analysis.js';
import { firstNumber } from '../state/conditions.js';
import { runs, sparkDomain, sparkline, type CellTone } from '../format/sparkline.js';
import { lineWidth, textWidth, truncateWords, wrapSpans, type Line, type Span } from '../format/spans.js';
import type { SeriesKind, Threshold } from '../state/context.js';
import { STABLE, type LogEntry, type RunSnapshot } from '../state/types.js';
import { countsText, shortValue } from '../components/AnalysisRuns.js';
import { judgedMetricText, scoreText } from '../../report/judge-text.js';
import { thresholdText, valueText } from '../components/Sparklines.js';
import type { Tone } from '../format/glyphs.js';
import { maxOf, minOf } from '../../model/numbers.js';

export type PanelVariant = 'side' | 'stacked';

/**
 * The glyph before a panel's name: the kind glyph ⟳ while the update runs, then the outcome as the
 * summary and verdict say it — ✔ promoted, ✖ aborted, ■ finished (neither).
 * Example: a canary aborted at 5m20s → {glyph: '✖', tone: 'bad'}, even before its Summary.
 */
export function panelGlyph(s: RunSnapshot): Glyph {
  if (s.track.aborted) return { glyph: '✖', tone: 'bad' };
  if (s.track.promoted) return { glyph: '✔', tone: 'ok' };
  if (s.summary !== undefined) return { glyph: '■', tone: 'dim' };
  return { glyph: KIND.rollout, tone: 'info' };
}

function statusSpans(s: RunSnapshot): Span[] {
  const g = phaseGlyph(s.header.phase);
  return [{ text: `${g.glyph} ${s.header.phase}`, tone: g.tone }];
}

function weights(s: RunSnapshot): string {
  const h = s.header;
  return h.step === undefined ? `Strategy ${h.strategy}` : `Step ${h.step.current}/${h.step.total} · SetWeight ${h.setWeight} · ActualWeight ${h.actualWeight}`;
}

/**
 * Side: `✖ agent-canary canary`; stacked: the name, strategy, status and weights on one line
 * (wrapped when long). Example (stacked, 80): '✖ agent-canary (canary) ✖ Degraded · Step 0/6 · SetWeight 0 · ActualWeight 0'.
 */
export function titleLines(s: RunSnapshot, strategy: string, width: number, variant: PanelVariant): Line[] {
  const g = panelGlyph(s);
  const name: Span[] = [{ text: g.glyph, tone: g.tone }, { text: ' ' }, { text: s.context.rollout, tone: 'plain', bold: true }];
  if (variant === 'side') return wrapSpans([...name, { text: ` ${strategy}`, tone: 'dim' }], width, 2);
  const steps = s.header.step === undefined ? [] : [{ text: ` · ${weights(s)}` }];
  return wrapSpans([...name, { text: ` (${strategy})`, tone: 'dim' }, { text: ' ' }, ...statusSpans(s), ...steps], width, 2);
}

/** Side only (stacked titles carry it): `Status ✖ Degraded · Step 0/6`, `SetWeight 0 · ActualWeight 0`. */
export function statusLines(s: RunSnapshot, width: number): Line[] {
  const h = s.header;
  const step = h.step === undefined ? '' : ` · Step ${h.step.current}/${h.step.total}`;
  const second = h.step === undefined ? `Strategy ${h.strategy}` : `SetWeight ${h.setWeight} · ActualWeight ${h.actualWeight}`;
  return [...wrapSpans([{ text: 'Status ' }, ...statusSpans(s), { text: step }], width, 2), ...wrapSpans([{ text: second }], width, 2)];
}

/** The bar labelled with the release's share, and one dot per pod per ReplicaSet: one line each, or one line stacked when both fit. */
export function trafficLines(s: RunSnapshot, width: number, variant: PanelVariant): Line[] {
  const t = s.traffic;
  const label = t.releaseShare === 0 ? `${t.stableImage} stable 100%` : `${t.releaseImage} ${t.releaseRole} ${t.releaseShare}%`;
  const room = variant === 'side' ? width : Math.floor(width / 2);
  const bar = Math.max(6, Math.min(24, room - textWidth(label) - 1));
  const r = releaseCells(t.releaseShare, bar);
  const barLine: Span[] = [{ text: '█'.repeat(bar - r), tone: 'ok' }, { text: '▒'.repeat(r), tone: tagTone(t.releaseRole) }, { text: ` ${label}` }];
  const n = Math.max(1, s.replicaSets.length);
  const per = Math.max(4, Math.floor((variant === 'side' ? width : width - room - 2) / n) - 3);
  const pods: Span[] = s.replicaSets.flatMap((rs, i) => [...(i > 0 ? [{ text: ' ' }] : []), { text: `${KIND.replicaSet} ${podDots(rs.pods, per)}`, tone: tagsTone(rs.tags) }]);
  const both: Line = [...barLine, { text: '  ' }, ...pods];
  if (variant === 'stacked' && lineWidth(both) <= width) return [both];
  return [...wrapSpans(barLine, width, 2), ...(pods.length > 0 ? wrapSpans(pods, width, 2) : [])];
}

/**
 * Example: `Harmed 14 of 6581 completed (0.21%) · 1172 to release` — every figure whole, wrapped
 * onto a second line in a narrow panel.
 */
export function harmLines(s: RunSnapshot, width: number): Line[] {
  const h = s.harmed;
  const share = h.completed === 0 ? 0 : h.harmed / h.completed;
  return wrapSpans([
    { text: 'Harmed ' }, { text: String(h.harmed), tone: h.harmed > 0 ? 'bad' : 'ok', bold: true },
    { text: ` of ${h.completed} completed (${pct(share)}) · ${h.releaseRequests} to release` },
  ], width, 2);
}

/** Example: `Why aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s`, wrapped whole. */
export function whyLines(s: RunSnapshot, width: number): Line[] {
  return wrapSpans([{ text: 'Why ', bold: true }, { text: s.why?.text ?? 'waiting for the update to start', tone: 'accent' }], width, 2);
}

/**
 * The newest AnalysisRun as the plugin lists it, and each metric's last measured value against its
 * condition (an Error's message instead). Example: 'α agent-canary-rv8mt5frdr-2-2 ✖ Failed ✔ 0,✖ 1,? 0,⚠ 0',
 * '  ✖ error-rate = 0.0154 vs result[0] < 0.015'. No run yet: no lines.
 */
export function analysisLines(s: RunSnapshot, width: number): Line[] {
  const run = s.analysisRuns[s.analysisRuns.length - 1];
  if (run === undefined) return [];
  const g = analysisGlyph(run.phase);
  const earlier = s.analysisRuns.length > 1 ? [{ text: ` (+${s.analysisRuns.length - 1} earlier)`, tone: 'dim' as const }] : [];
  // A glyph stays with its word, and the counts stay together, when a line wraps.
  const head = wrapSpans([{ text: `${KIND.analysisRun}${NBSP}${run.name}`, tone: g.tone }, { text: ` ${g.glyph}${NBSP}${run.phase}`, tone: g.tone }, { text: ` ${countsText(run).replaceAll(' ', NBSP)}` }, ...earlier], width, 4);
  const metrics = run.metrics.flatMap((m) => {
    const mg = m.last === undefined ? analysisGlyph('Pending') : analysisGlyph(m.last.phase);
    const judge = m.last?.judge;
    // A Kayenta score is shown as Argo stores it and judged against the template's thresholds.
    const value: Span[] = m.last === undefined ? [{ text: ' (no measurement yet)', tone: 'dim' }] : [{ text: ` = ${judge !== undefined ? m.last.value : measuredValue(s, m.name, m.last.value)}`, bold: true }];
    const against: Span[] = m.last?.phase === 'Error' && m.last.message !== ''
      ? [{ text: `: ${m.last.message}`, tone: 'bad' }]
      : judge !== undefined ? [{ text: ` ${scoreText(judge)}`, tone: 'dim' }]
      : m.condition !== undefined ? [{ text: ` vs ${m.condition}`, tone: 'dim' }] : [];
    const line = wrapSpans([{ text: `${mg.glyph}${NBSP}`, tone: mg.tone }, { text: m.name }, ...value, ...against], width - 2, 2).map((l): Line => [{ text: '  ' }, ...l]);
    const judged = (judge?.metrics ?? []).flatMap((j) => {
      const jg = classificationGlyph(j.classification);
      return wrapSpans([{ text: `${jg.glyph}${NBSP}`, tone: jg.tone }, { text: judgedMetricText(j) }], width - 4, 2).map((l): Line => [{ text: '    ' }, ...l]);
    });
    return [...line, ...judged];
  });
  return [...head, ...metrics];
}

/** A space a line never breaks at (a terminal draws it as a space). */
const NBSP = '\u00a0';

/**
 * A measurement's value at the precision its condition needs: beside a bound it could be mistaken
 * for (0.0154 vs 0.015), more digits. Example: ('error-rate', '[0.01538]') with `result[0] < 0.015` → '0.0154'.
 */
function measuredValue(s: RunSnapshot, metric: string, value: string): string {
  const v = firstNumber(value);
  const literal = metricInfo(s.context, metric)?.good?.literal;
  return v === undefined || literal === undefined ? shortValue(value) : formatAgainst(v, literal);
}

const ROWS: readonly { readonly kind: SeriesKind; readonly label: string; readonly short: string }[] = [
  { kind: 'errorRate', label: 'error rate', short: 'err' },
  { kind: 'p99', label: 'p99', short: 'p99' },
  { kind: 'taskSuccess', label: 'task success', short: 'task' },
];
const CELL_TONE: Record<CellTone, Tone> = { ok: 'ok', bad: 'bad', plain: 'plain', none: 'dim' };

/**
 * Per-version sparklines of the last minutes: `rows: 'key'` draws only the metric an analysis
 * judges (error rate when none does), `'all'` a title naming the versions and all three rows.
 * Each row: label, per version its cells and last value, then the threshold (`< 1.50%`).
 * Example (36 columns, 'key', the canary aborted): 'err  ▁▁▁▁ 0.11% ····     — < 1.50%' (the release
 * serves nothing: `·`, no value). Too narrow for 3 cells a version: no lines.
 */
export function sparkLines(s: RunSnapshot, width: number, rows: 'key' | 'all'): Line[] {
  const series = s.series;
  const versions = series.versions;
  if (versions.length === 0) return [];
  const key = ROWS.find((r) => series.thresholds[r.kind] !== undefined) ?? ROWS[0];
  const shown = rows === 'all' ? ROWS : ROWS.filter((r) => r === key);
  const long = width >= 64;
  const label = long ? 13 : 5;
  const tail = (t: Threshold | undefined): number => (t === undefined ? 0 : textWidth(thresholdText(t)) + 1);
  const valueWidth = (kind: SeriesKind): number => maxOf(versions.map((v) => textWidth(valueText(kind, v[kind][v[kind].length - 1]?.v))), 0);
  // One cell width for every row, so the columns line up: the narrowest any row allows.
  const per = minOf(shown.map((r) => Math.floor((width - label - tail(series.thresholds[r.kind])) / versions.length) - valueWidth(r.kind) - 2), 24);
  if (per < 3) return [];
  const lines: Line[] = shown.map((r) => {
    const threshold = series.thresholds[r.kind];
    const domain = sparkDomain(versions.map((v) => v[r.kind]), threshold);
    const spans: Span[] = [{ text: (long ? r.label : r.short).padEnd(label) }];
    versions.forEach((v) => {
      const cells = sparkline(v[r.kind], { now: series.now, window: series.window, width: per, domain, threshold });
      for (const c of runs(cells)) spans.push({ text: c.text, tone: CELL_TONE[c.tone] });
      spans.push({ text: ` ${valueText(r.kind, v[r.kind][v[r.kind].length - 1]?.v).padStart(valueWidth(r.kind))} ` });
    });
    if (threshold !== undefined) spans.push({ text: thresholdText(threshold), tone: 'warn' });
    return spans;
  });
  if (rows === 'key') return lines;
  const title: Span[] = [{ text: `last ${formatDuration(series.window)}:` }];
  versions.forEach((v, i) => title.push({ text: `${i > 0 ? ' ·' : ''} ${v.image}`, tone: v.version === STABLE ? 'ok' : 'warn' }));
  return [...wrapSpans(title, width, 2), ...lines];
}

/** Events a side-by-side reader needs (status and pods are drawn above them). */
const SKIP = new Set(['ReplicaSetScaled', 'PhaseChanged', 'Paused', 'Summary']);

/** The newest `n` events worth listing in a panel, oldest first. */
export function recentEvents(log: readonly LogEntry[], n: number): Extract<LogEntry, { kind: 'event' }>[] {
  const events = log.filter((e): e is Extract<LogEntry, { kind: 'event' }> => e.kind === 'event' && !SKIP.has(e.event.type));
  return n <= 0 ? [] : events.slice(-n);
}

/**
 * The newest `n` events, one line each, cut at a word boundary (the only lines a panel cuts: the
 * whole timeline is one `simulate run --rollout` away). Example: ' 5m20s ✖ ABORTED: Step-based …'.
 */
export function eventLines(s: RunSnapshot, n: number, width: number): Line[] {
  return recentEvents(s.log, n).map((e) => {
    const t = clock(e.event.t).trimStart().padStart(6);
    const body = formatTextLine(e.event, { color: false }, s.context.steps.length, e.line)?.replace(/^[ 0-9hms.]+ {2}/, '') ?? '';
    return [{ text: t, tone: 'dim' as const }, { text: ` ${truncateWords(body, Math.max(1, width - 7))}` }];
  });
}
