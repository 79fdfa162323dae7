/**
 * The header block of `kubectl argo rollouts get rollout`: 17-column labels, the Status glyph,
 * Step `i/n`, SetWeight, ActualWeight, Images with role tags and Replicas.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { phaseGlyph, tagTone } from '../format/glyphs.js';
import type { HeaderSlice, ImageRow } from '../state/types.js';
import { Paint } from '../theme.js';

export type HeaderMode = 'full' | 'compact' | 'mini';

export interface HeaderProps {
  /** The header slice of the snapshot. */
  readonly header: HeaderSlice;
  /** full: the plugin's block; compact: no Namespace, Replicas on one line; mini: three lines. @default 'full' */
  readonly mode?: HeaderMode;
  /** Columns available (lines are truncated, never wrapped). */
  readonly width: number;
}

const LABEL = 17;

function Row({ label, children }: { readonly label: string; readonly children?: ReactNode }) {
  return (
    <Text wrap="truncate-end">
      {label.padEnd(LABEL)}
      {children}
    </Text>
  );
}

function Status({ h }: { readonly h: HeaderSlice }) {
  const g = phaseGlyph(h.phase);
  return (
    <Paint tone={g.tone}>
      {g.glyph} {h.phase}
    </Paint>
  );
}

function Image({ row }: { readonly row: ImageRow }) {
  return (
    <>
      {row.image}
      {row.tags.length > 0 ? ' (' : ''}
      {row.tags.map((t, i) => (
        <Paint key={t} tone={tagTone(t)}>
          {i > 0 ? ', ' : ''}
          {t}
        </Paint>
      ))}
      {row.tags.length > 0 ? ')' : ''}
    </>
  );
}

/**
 * Argo's `Step: i/n` is currentStepIndex, 0-based, while the step list, the log and the why-lines
 * count from 1: say which step the index points at so the two never seem to disagree.
 */
function StepNote({ step }: { readonly step: NonNullable<HeaderSlice['step']> }) {
  return step.running === undefined ? null : <Paint tone="dim"> (index of step {step.running})</Paint>;
}

/** Example (full, canary paused at step 2): `Name: agent`, `Status: ॥ Paused`, `  Step: 1/6`, … */
export function Header({ header: h, mode = 'full', width }: HeaderProps) {
  const r = h.replicas;
  if (mode === 'mini') {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate-end">
          <Paint tone="plain" bold>⟳ {h.name}</Paint> <Status h={h} /> <Paint tone="dim">{h.strategy}</Paint>
        </Text>
        <Row label="Message:">{h.message}</Row>
        {miniWeights(h, width).map((l) => (
          <Text key={l} wrap="truncate-end">{l}</Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Row label="Name:">{h.name}</Row>
      {mode === 'full' ? <Row label="Namespace:">{h.namespace}</Row> : null}
      <Row label="Status:"><Status h={h} /></Row>
      <Row label="Message:">{h.message}</Row>
      <Row label="Strategy:">{h.strategy}</Row>
      {h.step !== undefined ? <Row label="  Step:">{`${h.step.current}/${h.step.total}`}<StepNote step={h.step} /></Row> : null}
      {h.setWeight !== undefined ? <Row label="  SetWeight:">{String(h.setWeight)}</Row> : null}
      {h.actualWeight !== undefined ? <Row label="  ActualWeight:">{String(h.actualWeight)}</Row> : null}
      {h.images.map((img, i) => (
        <Row key={img.image} label={i === 0 ? 'Images:' : ''}><Image row={img} /></Row>
      ))}
      {mode === 'full' ? (
        <>
          <Row label="Replicas:" />
          <Row label="  Desired:">{String(r.desired)}</Row>
          <Row label="  Current:">{String(r.current)}</Row>
          <Row label="  Updated:">{String(r.updated)}</Row>
          <Row label="  Ready:">{String(r.ready)}</Row>
          <Row label="  Available:">{String(r.available)}</Row>
        </>
      ) : (
        <Row label="Replicas:">{`${r.current} current, ${r.updated} updated`}</Row>
      )}
    </Box>
  );
}

/**
 * The mini header's step and weights: one line when it fits, else two.
 * Example: (Step 3/4, 50, 50) at 40 columns → ['Step 3/4 · SetWeight 50 · ActualWeight 50'];
 * at 38 → ['Step 3/4', 'SetWeight 50 · ActualWeight 50'].
 */
export function miniWeights(h: HeaderSlice, width: number): string[] {
  if (h.step === undefined) return [];
  const step = `Step ${h.step.current}/${h.step.total}`;
  const weights = `SetWeight ${h.setWeight} · ActualWeight ${h.actualWeight}`;
  const one = `${step} · ${weights}`;
  return one.length <= width ? [one] : [step, weights];
}

/** Lines the header takes in a mode at a width (for the layout). Example: full canary, 2 images → 16. */
export function headerHeight(h: HeaderSlice, mode: HeaderMode, width: number): number {
  const canary = h.step !== undefined ? 3 : 0;
  if (mode === 'mini') return 2 + miniWeights(h, width).length;
  return (mode === 'full' ? 5 : 4) + canary + h.images.length + (mode === 'full' ? 6 : 1);
}
