/**
 * Per-version sparklines of error rate, p99 and task success over the last minutes of sim time,
 * with the analysis threshold drawn in: the scale is centred on it, cells on its failing side are
 * red, and the bound is printed at the end of the row.
 */
import { Box, Text } from 'ink';
import { formatDuration } from '../../model/time.js';
import { fit, pct, secs } from '../format/numbers.js';
import { runs, sparkDomain, sparkline, type CellTone } from '../format/sparkline.js';
import type { SeriesKind, Threshold } from '../state/context.js';
import { prettyOp } from '../state/conditions.js';
import { STABLE, type Point, type SeriesSlice } from '../state/types.js';
import { Paint } from '../theme.js';
import type { Tone } from '../format/glyphs.js';
import { maxOf } from '../../model/numbers.js';

export interface SparklinesProps {
  /** The series slice of the snapshot. */
  readonly series: SeriesSlice;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** Print the title row (version names, window). @default true */
  readonly title?: boolean;
}

const ROWS: readonly { readonly kind: SeriesKind; readonly label: string }[] = [
  { kind: 'errorRate', label: 'error rate' },
  { kind: 'p99', label: 'p99' },
  { kind: 'taskSuccess', label: 'task success' },
];
const LABEL = 13;
const VALUE = 7;

/** Example: valueText('errorRate', 0.0201) === '2.01%'; valueText('p99', 4.2) === '4.20s'. */
export function valueText(kind: SeriesKind, v: number | null | undefined): string {
  return kind === 'p99' ? secs(v) : pct(v, kind === 'errorRate' ? 2 : 1);
}

/** Example: a `result[0] < 0.015` error-rate threshold → '< 1.50%'. */
export function thresholdText(t: Threshold): string {
  return `${prettyOp(t.good)} ${valueText(t.kind, t.bound)}`;
}

const CELL_TONE: Record<CellTone, Tone> = { ok: 'ok', bad: 'bad', plain: 'plain', none: 'dim' };

function last(points: readonly Point[]): number | null | undefined {
  return points[points.length - 1]?.v;
}

/** Example row: `error rate   ▁▁▁▁▁▁ 0.51%   ▁▂▅▆▇█ 2.01%   < 1.50%`. */
export function Sparklines({ series, width, title = true }: SparklinesProps) {
  const versions = series.versions;
  const tail = maxOf(ROWS.map((r) => (series.thresholds[r.kind] ? thresholdText(series.thresholds[r.kind] as Threshold).length + 2 : 0)), 0);
  const per = Math.max(4, Math.floor((width - LABEL - tail) / Math.max(1, versions.length)) - VALUE - 3);
  return (
    <Box flexDirection="column" width={width}>
      {title ? (
        <Text wrap="truncate-end">
          <Paint tone="plain" bold>{`last ${formatDuration(series.window)}`.padEnd(LABEL)}</Paint>
          {versions.map((v) => (
            <Paint key={v.version} tone={v.version === STABLE ? 'ok' : 'warn'}>{fit(v.image, per + VALUE + 2).padEnd(per + VALUE + 3)}</Paint>
          ))}
        </Text>
      ) : null}
      {ROWS.map((row) => {
        const threshold = series.thresholds[row.kind];
        const domain = sparkDomain(versions.map((v) => v[row.kind]), threshold);
        return (
          <Text key={row.kind} wrap="truncate-end">
            {row.label.padEnd(LABEL)}
            {versions.map((v) => {
              const cells = sparkline(v[row.kind], { now: series.now, window: series.window, width: per, domain, threshold });
              return (
                <Text key={v.version}>
                  {runs(cells).map((r, i) => (
                    <Paint key={i} tone={CELL_TONE[r.tone]}>{r.text}</Paint>
                  ))}
                  {' '}
                  {valueText(row.kind, last(v[row.kind])).padStart(VALUE)}
                  {'  '}
                </Text>
              );
            })}
            {threshold !== undefined ? <Paint tone="warn">┈ {thresholdText(threshold)}</Paint> : null}
          </Text>
        );
      })}
    </Box>
  );
}
