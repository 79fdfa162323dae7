/**
 * The compare screen as a newcomer reads it, at 120×40 and 80×24, with three panels and with two:
 * every measured value, harm figure and why line whole (only event lines may be cut), the
 * sparklines and analysis lines of the single view, what a short screen gives up first, final
 * glyphs instead of ⟳, the status line above the verdict, and the replay command last.
 */
import { describe, expect, it } from 'vitest';
import { CompareScreen } from '../../src/ui/components/CompareScreen.js';
import { pct } from '../../src/ui/format/numbers.js';
import { compareLayout } from '../../src/ui/layout-compare.js';
import { reduceCompare, type CompareSnapshot } from '../../src/ui/state/compare.js';
import { verdictStrategy } from '../../src/ui/state/context.js';
import type { RunSnapshot } from '../../src/ui/state/types.js';
import { liveCompare, text } from './helpers.js';

const SIZES = [[120, 40], [80, 24]] as const;
const PANELS = { three: undefined, two: ['agent-canary', 'agent-deployment'] } as const;

function screen(s: CompareSnapshot, columns: number, rows: number, strategies?: readonly string[]): string[] {
  return text(<CompareScreen snapshot={s} columns={columns} rows={rows} color={false} keys="compare" strategies={strategies} />, columns).split('\n');
}

function layoutOf(s: CompareSnapshot, columns: number, rows: number, fixed: number, final: boolean) {
  return compareLayout(s.panels.map((p) => ({ snapshot: p, strategy: verdictStrategy(p.context) })), columns, rows, { fixed, explain: 0, final });
}

/** Spaces and no-break spaces as one space (a wrapped paragraph joined back). */
const squash = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * Each panel's own text: side by side, its column of every bordered row; stacked, its rows (from
 * its title to the next panel's). Example: ['✖ agent-canary canary Status ✖ Degraded …', …].
 */
function panelTexts(out: readonly string[], s: CompareSnapshot): string[][] {
  const top = out.findIndex((l) => l.startsWith('╭'));
  if (top >= 0) {
    const bottom = out.findIndex((l) => l.startsWith('╰'));
    const width = Math.floor([...(out[top] ?? '')].length / s.panels.length);
    return s.panels.map((_, i) => out.slice(top + 1, bottom).map((l) => [...l].slice(i * width + 2, (i + 1) * width - 2).join('')));
  }
  const starts = s.panels.map((p) => out.findIndex((l) => l.includes(` ${p.context.rollout} (`)));
  const end = out.findIndex((l, i) => i > (starts.at(-1) ?? 0) && /^\S/.test(l));
  return starts.map((from, i) => out.slice(from, starts[i + 1] ?? end));
}

/** flagship's measurements at 6m30s, each metric's value against its condition (or its count). */
const MEASURED: Record<string, string> = {
  'error-rate': 'error-rate = 0.0154 vs result[0] < 0.015',
  'golden-prompts': 'golden-prompts = 0/40 failed',
};

/** What must read whole in a panel: the why, the harm figures, each metric's value against its condition. */
function wanted(p: RunSnapshot): { why: string; harm: string; measured: string[] } {
  const h = p.harmed;
  return {
    why: `Why ${p.why?.text ?? ''}`,
    harm: `Harmed ${h.harmed} of ${h.completed} completed (${pct(h.harmed / h.completed)}) · ${h.releaseRequests} to release`,
    measured: (p.analysisRuns.at(-1)?.metrics ?? []).map((m) => MEASURED[m.name] ?? `no expectation for ${m.name}`),
  };
}

describe.each(Object.entries(PANELS))('%s panels', (_, names) => {
  const { snapshot: live, driver } = liveCompare('flagship', 400000, undefined, names);
  const final = reduceCompare(live, { type: 'Batch', actions: driver.finish() });

  it.each(SIZES)('%i×%i: fits, and every why, harm figure and measured value is whole, live and final', (columns, rows) => {
    for (const s of [live, final]) {
      const out = screen(s, columns, rows);
      expect(out.every((l) => [...l].length <= columns), out.join('\n')).toBe(true);
      expect(out.length).toBeLessThanOrEqual(rows - 1);
      const texts = panelTexts(out, s);
      s.panels.forEach((p, i) => {
        const lines = texts[i] ?? [];
        const whole = squash(lines.join(' '));
        const w = wanted(p);
        expect(whole).toContain(w.why); // kept on every screen
        if (whole.includes('Harmed')) expect(whole).toContain(w.harm);
        for (const m of w.measured) if (whole.includes(m.split(' = ')[0] + ' = ')) expect(whole).toContain(m);
        // Only an event line (it starts with its clock) may end in an ellipsis.
        for (const l of lines.filter((x) => x.includes('…'))) expect(l).toMatch(/^ *(\d+h)?(\d+m)?\d+s /);
      });
    }
  });
});

describe('what the panels show', () => {
  const { snapshot: live, driver } = liveCompare('flagship', 400000);
  const final = reduceCompare(live, { type: 'Batch', actions: driver.finish() });

  it('120×40: the single view\'s sparklines and analysis lines, with the measured value against its condition', () => {
    const [canary = [], bluegreen = []] = panelTexts(screen(live, 120, 40), live).map((t) => t.map((l) => l.replace(/\u00a0/g, ' ').trimEnd()));
    expect(canary).toContain('α agent-canary-rv8mt5frdr-2-2');
    expect(canary).toContain('    ✖ Failed ✔ 0,✖ 1,? 0,⚠ 0'); // the glyph stays with its phase, the counts together
    expect(canary).toContain('  ✖ error-rate = 0.0154 vs result[0]');
    expect(canary).toContain('    < 0.015');
    expect(canary).toContain('last 10m0s: agent:v1 · agent:v2');
    expect(canary.find((l) => l.startsWith('err '))).toMatch(/^err {3}[▁-█·]{3} 0\.23% {2}[▁-█· ]{3} {5}— < 1\.50%$/);
    expect(canary.filter((l) => /^(err|p99|task) /.test(l))).toHaveLength(3);
    expect(bluegreen).toContain('  ✔ golden-prompts = 0/40 failed');
  });

  it('80×24, three panels stacked: the sparklines go first (one row kept), then traffic, analysis, status', () => {
    const l = layoutOf(live, 80, 24, 3, false);
    expect(l.sideBySide).toBe(false);
    expect([...l.features]).toEqual(['why', 'harm', 'status', 'analysis', 'traffic', 'sparkKey']);
    const out = screen(live, 80, 24);
    expect(out.filter((x) => x.startsWith('  error rate '))).toHaveLength(3);
    expect(out.some((x) => x.startsWith('  p99 '))).toBe(false);
    expect([...layoutOf(live, 80, 20, 3, false).features]).toEqual(['why', 'harm', 'status', 'analysis']);
    expect([...layoutOf(live, 80, 14, 3, false).features]).toEqual(['why', 'harm', 'status']);
    expect([...layoutOf(live, 80, 11, 3, false).features]).toEqual(['why']); // titles and whys: 7 lines
  });

  it('80×24, two panels: side by side keeps every block (a tie goes to side by side)', () => {
    const two = liveCompare('flagship', 400000, undefined, PANELS.two).snapshot;
    const l = layoutOf(two, 80, 24, 3, false);
    expect(l).toMatchObject({ sideBySide: true, panelWidth: 40 });
    expect(l.features.has('sparkAll')).toBe(true);
  });

  it('80×24 final: the verdict\'s sentences go before a panel\'s why; the table carries the harm figures', () => {
    const out = screen(final, 80, 24);
    expect(out.filter((x) => x.startsWith('  Why '))).toHaveLength(3);
    expect(out.some((x) => x.startsWith('  • '))).toBe(false);
    expect(out).toContain('  agent-canary          15.08%      14         0.18%            —');
    const roomy = screen(final, 80, 40);
    expect(roomy).toContain('  • agent-canary: caught the regression after 5m20s and 14 harmed requests.');
  });

  it('a finished panel shows its outcome, not ⟳: ✔ promoted, ✖ aborted, ■ neither', () => {
    const out = screen(final, 120, 40);
    expect(out[2]).toMatch(/^│ ✖ agent-canary canary +││ ✔ agent-bluegreen blue-green +││ ✔ agent-deployment Deployment +│$/);
    const early = liveCompare('flagship', 120000, 120000);
    expect(screen(early.snapshot, 120, 40)[2]).toMatch(/^│ ⟳ agent-canary canary +││ ✔ agent-bluegreen/); // still paused: in progress
    const ended = reduceCompare(early.snapshot, { type: 'Batch', actions: early.driver.finish() });
    expect(screen(ended, 120, 40)[2]).toMatch(/^│ ■ agent-canary canary +│/);
  });

  it.each(SIZES)('%i×%i final: the status line above the verdict, the replay command last, no operator snippet', (columns, rows) => {
    const out = screen(final, columns, rows);
    const status = out.findIndex((l) => l.includes('■ finished'));
    expect(out[status]).toBe('6m30s / 1h0m0s  60×  ■ finished');
    expect(out[status + 1]).toMatch(/^Verdict \(identical traffic/);
    expect(out.filter((l) => l.includes('■ finished'))).toHaveLength(1);
    const file = final.panels[0]?.context.file ?? '';
    const tail = squash(out.slice(out.findIndex((l) => l.startsWith('Replay: '))).join(' '));
    expect(tail).toBe(`Replay: simulate compare ${file} --seed 7 --until 6m30s${`Replay: simulate compare ${file} --seed 7 --until 6m30s (same inputs, same run)`.length <= columns ? ' (same inputs, same run)' : ''}`);
    expect(out.join('\n')).not.toContain('operator');
  });

  it('the replay command repeats --strategies when the command named them', () => {
    const two = liveCompare('flagship', 3600000, undefined, PANELS.two);
    const end = reduceCompare(two.snapshot, { type: 'Batch', actions: two.driver.finish() });
    expect(screen(end, 200, 40, PANELS.two).at(-1)).toBe(`Replay: simulate compare ${end.panels[0]?.context.file} --seed 7 --strategies agent-canary,agent-deployment (same inputs, same run)`);
  });
});
