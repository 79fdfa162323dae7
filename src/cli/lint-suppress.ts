/**
 * Inline suppression for `simulate lint`: a YAML comment on the finding's line or the line above,
 *
 *   # rollout-sim-lint: disable=pause-without-operator reason: promoted by the release manager
 *
 * silences that rule there. The reason is required (a silenced check must say why, for the next
 * reader); a suppression without one is ignored and a note says so. Several ids: `disable=a,b`.
 * Pure: it reads the file's text, never the YAML tree (so a comment anywhere on a line counts).
 */
import type { Finding } from '../lint/types.js';

export interface Suppressed {
  /** The findings still reported. */
  readonly kept: Finding[];
  /** How many were silenced by a suppression with a reason. */
  readonly suppressed: number;
  /** One note per suppression ignored for want of a reason (only those that matched a finding). */
  readonly notes: string[];
}

interface Directive {
  readonly rules: readonly string[];
  readonly reason: string;
}

const DIRECTIVE = /#\s*rollout-sim-lint:\s*disable=([\w,-]+)(?:\s+reason:(.*))?/;

/**
 * The directive on one line, if any.
 * Example: directiveOf('  - pause: {} # rollout-sim-lint: disable=pause-without-operator reason: manual')
 * → {rules: ['pause-without-operator'], reason: 'manual'}; without `reason:` the reason is ''.
 */
export function directiveOf(line: string): Directive | undefined {
  const m = DIRECTIVE.exec(line);
  if (m === null) return undefined;
  return { rules: (m[1] ?? '').split(',').filter((r) => r !== ''), reason: (m[2] ?? '').trim() };
}

/**
 * Drops the findings a reasoned directive on their line or the line above names.
 * Example: text 'a: 1\n# rollout-sim-lint: disable=x reason: why\nb: 2' and a finding of rule x
 * at line 3 → kept [], suppressed 1; the same comment without `reason: why` → kept [finding] and
 * the note 'f.yaml:2: suppression of x ignored: it needs a reason (… reason: why it is safe)'.
 */
export function applySuppressions(findings: readonly Finding[], text: string): Suppressed {
  const lines = text.split(/\r?\n/);
  const kept: Finding[] = [];
  const notes: string[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const candidates = [f.line, f.line - 1].filter((n) => n >= 1 && n <= lines.length);
    const hits = candidates.flatMap((n) => {
      const d = directiveOf(lines[n - 1] ?? '');
      return d !== undefined && d.rules.includes(f.rule) ? [{ n, d }] : [];
    });
    if (hits.some((h) => h.d.reason !== '')) {
      suppressed++;
      continue;
    }
    kept.push(f);
    for (const h of hits) {
      const note = `${f.file}:${h.n}: suppression of ${f.rule} ignored: it needs a reason (# rollout-sim-lint: disable=${f.rule} reason: why it is safe)`;
      if (!notes.includes(note)) notes.push(note);
    }
  }
  return { kept, suppressed, notes };
}
