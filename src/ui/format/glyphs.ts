/**
 * The plugin's glyphs and colours (`kubectl argo rollouts get`): status glyphs ✔ ✖ ◌ ॥ ⚠ ? • ◷,
 * kind glyphs ⟳ # ⧉ □ α ⊞ Σ, and the colour of each (green ✔, red ✖ ⚠, bright blue ◌, yellow ◷ ?,
 * ॥ and • uncoloured; role tags stable/active green, canary yellow, preview bright blue).
 */
import type { AnalysisPhase, RolloutPhase } from '../../model/events.js';
import type { StepMark } from '../state/types.js';

/** Colours as names; `Paint` maps them to ink colours (or to none with colour off). */
export type Tone = 'ok' | 'bad' | 'info' | 'warn' | 'dim' | 'plain' | 'accent';

export const KIND = { rollout: '⟳', revision: '#', replicaSet: '⧉', pod: '□', analysisRun: 'α', job: '⊞', experiment: 'Σ' } as const;

export interface Glyph {
  readonly glyph: string;
  readonly tone: Tone;
}

/** Example: phaseGlyph('Paused') → {glyph: '॥', tone: 'plain'}. */
export function phaseGlyph(p: RolloutPhase): Glyph {
  switch (p) {
    case 'Healthy':
      return { glyph: '✔', tone: 'ok' };
    case 'Degraded':
      return { glyph: '✖', tone: 'bad' };
    case 'Paused':
      return { glyph: '॥', tone: 'plain' };
    case 'Progressing':
      return { glyph: '◌', tone: 'info' };
  }
}

/** Example: analysisGlyph('Inconclusive') → {glyph: '?', tone: 'warn'}. */
export function analysisGlyph(p: AnalysisPhase): Glyph {
  switch (p) {
    case 'Successful':
      return { glyph: '✔', tone: 'ok' };
    case 'Failed':
      return { glyph: '✖', tone: 'bad' };
    case 'Error':
      return { glyph: '⚠', tone: 'bad' };
    case 'Inconclusive':
      return { glyph: '?', tone: 'warn' };
    case 'Pending':
      return { glyph: '◷', tone: 'warn' };
    case 'Running':
      return { glyph: '◌', tone: 'info' };
  }
}

/**
 * A Kayenta metric classification as a measurement glyph: Pass ✔, High/Low ✖, no data ?.
 * Example: classificationGlyph('High') → {glyph: '✖', tone: 'bad'}.
 */
export function classificationGlyph(c: string): Glyph {
  return analysisGlyph(c === 'Pass' ? 'Successful' : c.startsWith('Nodata') ? 'Inconclusive' : 'Failed');
}

/** Example: stepGlyph('current', true) → {glyph: '॥', tone: 'plain'} (a pause in progress). */
export function stepGlyph(mark: StepMark, paused: boolean): Glyph {
  switch (mark) {
    case 'done':
      return { glyph: '✔', tone: 'ok' };
    case 'aborted':
      return { glyph: '✖', tone: 'bad' };
    case 'current':
      return paused ? { glyph: '॥', tone: 'plain' } : { glyph: '◌', tone: 'info' };
    case 'pending':
      return { glyph: '◷', tone: 'dim' };
  }
}

/** Example: tagTone('canary') === 'warn'; tagTone('stable') === 'ok'. */
export function tagTone(tag: string): Tone {
  if (tag === 'stable' || tag === 'active') return 'ok';
  if (tag === 'canary' || tag === 'new') return 'warn';
  if (tag === 'preview') return 'info';
  return 'dim';
}

/** The tone of the first tag (a ReplicaSet's name takes its tag's colour). Example: ['stable', 'active'] → 'ok'. */
export function tagsTone(tags: readonly string[]): Tone {
  return tags.length === 0 ? 'dim' : tagTone(tags[0] as string);
}
