/**
 * One strategy in the compare view: a compact run view (status, step and weights, traffic, pods,
 * harmed counter, why-line, the last events). Bordered side by side, flat when stacked.
 */
import { Box, Text } from 'ink';
import { clock } from '../../report/text.js';
import { releaseCells } from '../format/bar.js';
import { KIND, phaseGlyph, tagsTone, tagTone } from '../format/glyphs.js';
import { podDots } from '../format/bar.js';
import { pct } from '../format/numbers.js';
import type { LogEntry, RunSnapshot } from '../state/types.js';
import { Paint } from '../theme.js';
import { timelineBody } from './EventLog.js';

export interface ComparePanelProps {
  /** The panel's run snapshot. */
  readonly snapshot: RunSnapshot;
  /** The strategy label (canary, blue-green, Deployment). */
  readonly strategy: string;
  /** Columns available (lines are cut to it, never wrapped into the next). */
  readonly width: number;
  /** side: a bordered column of its own; stacked: flat rows under the previous panel. */
  readonly variant: 'side' | 'stacked';
  /** Recent events to list. */
  readonly events: number;
  /** Stacked: 3 lines (title, traffic and pods, harmed and why), 2 (no harmed/why) or 1 (title). @default 3 */
  readonly lines?: 1 | 2 | 3;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
}

/** Lines a side-by-side panel gives its why-line. */
export const WHY_LINES = 3;

/** Events a side-by-side reader needs (status and pods are drawn above them). */
const SKIP = new Set(['ReplicaSetScaled', 'PhaseChanged', 'Paused', 'Summary']);

/** The newest `n` events worth listing in a panel, oldest first. */
export function recentEvents(log: readonly LogEntry[], n: number): Extract<LogEntry, { kind: 'event' }>[] {
  const events = log.filter((e): e is Extract<LogEntry, { kind: 'event' }> => e.kind === 'event' && !SKIP.has(e.event.type));
  return n <= 0 ? [] : events.slice(-n);
}

function Status({ s }: { readonly s: RunSnapshot }) {
  const g = phaseGlyph(s.header.phase);
  return <Paint tone={g.tone}>{g.glyph} {s.header.phase}</Paint>;
}

/** `Status ✖ Degraded · Step 0/6`, then `SetWeight 0 · ActualWeight 0` (or the strategy). */
function StatusAndWeights({ s }: { readonly s: RunSnapshot }) {
  const h = s.header;
  return (
    <>
      <Text wrap="truncate-end">Status <Status s={s} />{h.step !== undefined ? ` · Step ${h.step.current}/${h.step.total}` : ''}</Text>
      <Text wrap="truncate-end">{h.step === undefined ? `Strategy ${h.strategy}` : `SetWeight ${h.setWeight} · ActualWeight ${h.actualWeight}`}</Text>
    </>
  );
}

/** The bar, labelled with the release's share (or the stable version's, while the release gets none). */
function Traffic({ s, width }: { readonly s: RunSnapshot; readonly width: number }) {
  const t = s.traffic;
  const label = t.releaseShare === 0 ? ` ${t.stableImage} stable 100%` : ` ${t.releaseImage} ${t.releaseRole} ${t.releaseShare}%`;
  const bar = Math.max(6, Math.min(24, width - label.length - 1));
  const r = releaseCells(t.releaseShare, bar);
  return (
    <Text wrap="truncate-end">
      <Paint tone="ok">{'█'.repeat(bar - r)}</Paint>
      <Paint tone={tagTone(t.releaseRole)}>{'▒'.repeat(r)}</Paint>
      {label}
    </Text>
  );
}

function Pods({ s, width }: { readonly s: RunSnapshot; readonly width: number }) {
  const per = Math.max(4, Math.floor(width / Math.max(1, s.replicaSets.length)) - 3);
  return (
    <Text wrap="truncate-end">
      {s.replicaSets.map((rs) => (
        <Paint key={rs.hash} tone={tagsTone(rs.tags)}>{KIND.replicaSet} {podDots(rs.pods, per)} </Paint>
      ))}
    </Text>
  );
}

function Events({ s, n, color }: { readonly s: RunSnapshot; readonly n: number; readonly color: boolean }) {
  return (
    <>
      {recentEvents(s.log, n).map((e) => (
        <Text key={e.id} wrap="truncate-end">
          <Paint tone="dim">{clock(e.event.t).trimStart().padStart(6)}</Paint> {timelineBody(e, color, s.context.steps.length)}
        </Text>
      ))}
    </>
  );
}

export function ComparePanel({ snapshot: s, strategy, width, variant, events, lines = 3, color }: ComparePanelProps) {
  const h = s.harmed;
  const share = h.completed === 0 ? 0 : h.harmed / h.completed;
  const harmed = <><Paint tone={h.harmed > 0 ? 'bad' : 'ok'} bold>{h.harmed}</Paint> ({pct(share)}) · {h.releaseRequests} to release</>;
  const why = <Paint tone="accent">{s.why?.text ?? 'waiting for the update to start'}</Paint>;
  if (variant === 'stacked') {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate-end">
          <Paint tone="plain" bold>{KIND.rollout} {s.context.rollout}</Paint> <Paint tone="dim">({strategy})</Paint>  <Status s={s} />  {s.header.step ? `Step ${s.header.step.current}/${s.header.step.total} · SetWeight ${s.header.setWeight} · ActualWeight ${s.header.actualWeight}` : ''}
        </Text>
        {lines >= 2 ? <Box paddingLeft={2} columnGap={2}><Traffic s={s} width={Math.floor(width / 2)} /><Pods s={s} width={Math.floor(width / 2) - 4} /></Box> : null}
        {lines >= 3 ? <Box paddingLeft={2}><Text wrap="truncate-end">Harmed {harmed} · Why {why}</Text></Box> : null}
        <Box paddingLeft={2} flexDirection="column"><Events s={s} n={events} color={color} /></Box>
      </Box>
    );
  }
  const inner = width - 4;
  return (
    <Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
      <Text wrap="truncate-end"><Paint tone="plain" bold>{KIND.rollout} {s.context.rollout}</Paint> <Paint tone="dim">{strategy}</Paint></Text>
      <StatusAndWeights s={s} />
      <Traffic s={s} width={inner} />
      <Pods s={s} width={inner} />
      <Text wrap="truncate-end">Harmed {harmed}</Text>
      <Box height={WHY_LINES} overflow="hidden"><Text wrap="wrap">Why {why}</Text></Box>
      <Text wrap="truncate-end"><Paint tone="dim">{'─ events '.padEnd(inner, '─')}</Paint></Text>
      <Events s={s} n={events} color={color} />
    </Box>
  );
}
