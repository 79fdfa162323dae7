/**
 * AnalysisRuns as the plugin lists them (`α name  ◌ Running  ✔ 1,✖ 0,? 0,⚠ 0`), newest first,
 * each with its metrics' last measurement against the condition it was judged by.
 */
import { Box, Text } from 'ink';
import { analysisGlyph, classificationGlyph, KIND } from '../format/glyphs.js';
import { fit, formatAgainst, formatValue } from '../format/numbers.js';
import { judgedMetricText, scoreText } from '../../report/judge-text.js';
import { measurementValue } from '../../report/text.js';
import { firstNumber, parseSimpleComparison } from '../state/conditions.js';
import type { AnalysisRunRow, MetricRow } from '../state/types.js';
import { Paint } from '../theme.js';

export interface AnalysisRunsProps {
  /** The AnalysisRun rows of the snapshot, oldest first. */
  readonly runs: readonly AnalysisRunRow[];
  /** How many runs to show (the newest). */
  readonly max: number;
  /** Show each metric's last measurement under its run. @default true */
  readonly metrics?: boolean;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
}

/** Example: countsText({successful: 3, failed: 1, inconclusive: 0, error: 0}) === '✔ 3,✖ 1,? 0,⚠ 0'. */
export function countsText(r: Pick<AnalysisRunRow, 'successful' | 'failed' | 'inconclusive' | 'error'>): string {
  return `✔ ${r.successful},✖ ${r.failed},? ${r.inconclusive},⚠ ${r.error}`;
}

/**
 * Example: '[0.020024318671242793]' → '0.020'; '0/40 failed' stays as is; '' (Argo could not
 * evaluate) → '(no value)'. Beside its condition, enough digits to decide it: '[0.01538]' with
 * 'result[0] < 0.015' → '0.0154' (rounded, 0.015 would read as meeting the bound).
 */
export function shortValue(value: string, condition?: string): string {
  const v = firstNumber(value);
  if (v === undefined) return measurementValue(value);
  const bound = parseSimpleComparison(condition)?.literal;
  return bound === undefined ? formatValue(v) : formatAgainst(v, bound);
}

/** Lines a metric takes: itself, and one per metric a Kayenta judgement classified. */
function metricLines(m: MetricRow): number {
  return 1 + (m.last?.judge?.metrics.length ?? 0);
}

function Metric({ m, width }: { readonly m: MetricRow; readonly width: number }) {
  const g = m.last === undefined ? analysisGlyph('Pending') : analysisGlyph(m.last.phase);
  const judge = m.last?.judge;
  return (
    <>
      <Text wrap="truncate-end">
        {'   '}
        <Paint tone={g.tone}>{g.glyph}</Paint> {m.name}
        {m.last !== undefined ? ` = ${fit(judge !== undefined ? m.last.value : shortValue(m.last.value, m.condition), Math.max(8, width - 40))}` : ' (no measurement yet)'}
        {/* An Error's message says why there is no verdict (it quotes the condition itself); a
            Kayenta score is judged against the template's thresholds, not a condition. */}
        {m.last?.phase === 'Error' && m.last.message !== '' ? <Paint tone="bad">: {m.last.message}</Paint>
          : judge !== undefined ? <Paint tone="dim">  {scoreText(judge)}</Paint>
          : m.condition !== undefined ? <Paint tone="dim">  vs {m.condition}</Paint> : null}
      </Text>
      {judge?.metrics.map((j) => {
        const jg = classificationGlyph(j.classification);
        return (
          <Text key={`${j.group}/${j.name}`} wrap="truncate-end">
            {'       '}<Paint tone={jg.tone}>{jg.glyph}</Paint> {judgedMetricText(j)}
          </Text>
        );
      })}
    </>
  );
}

/** An empty list prints nothing: the section appears with the first run. */
export function AnalysisRuns({ runs, max, metrics = true, width }: AnalysisRunsProps) {
  if (runs.length === 0 || max <= 0) return null;
  const shown = runs.slice(-max).reverse();
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((r) => {
        const g = analysisGlyph(r.phase);
        return (
          <Box key={r.name} flexDirection="column">
            <Text wrap="truncate-end">
              <Paint tone={g.tone}>{KIND.analysisRun} {r.name}</Paint>  <Paint tone={g.tone}>{g.glyph} {r.phase}</Paint>  {countsText(r)}
            </Text>
            {metrics ? r.metrics.map((m) => <Metric key={m.name} m={m} width={width} />) : null}
          </Box>
        );
      })}
      {runs.length > shown.length ? <Text wrap="truncate-end"><Paint tone="dim">   … {runs.length - shown.length} earlier</Paint></Text> : null}
    </Box>
  );
}

/** Lines the list takes. Example: one run with one metric, metrics on → 2. */
export function analysisHeight(runs: readonly AnalysisRunRow[], max: number, metrics: boolean): number {
  if (runs.length === 0 || max <= 0) return 0;
  const shown = runs.slice(-max);
  return shown.length + (metrics ? shown.reduce((n, r) => n + r.metrics.reduce((k, m) => k + metricLines(m), 0), 0) : 0) + (runs.length > shown.length ? 1 : 0);
}
