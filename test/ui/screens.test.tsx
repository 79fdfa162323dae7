/**
 * Whole screens at the two sizes the UI must stay legible at, 120×40 and 80×24, from real runs
 * driven to a sim instant: nothing wider than the terminal, the live area shorter than it (so ink
 * never clears the screen), and the elements a learner needs present.
 */
import { describe, expect, it } from 'vitest';
import { CompareScreen } from '../../src/ui/components/CompareScreen.js';
import { RunScreen } from '../../src/ui/components/RunScreen.js';
import { runLayout } from '../../src/ui/layout.js';
import { reduceCompare } from '../../src/ui/state/compare.js';
import { reduce } from '../../src/ui/state/reduce.js';
import type { RunSnapshot } from '../../src/ui/state/types.js';
import { liveCompare, liveSnapshot, text } from './helpers.js';

const SIZES = [[120, 40], [80, 24]] as const;
const lines = (s: string): string[] => s.split('\n');

function run(s: RunSnapshot, columns: number, rows: number): string[] {
  return lines(text(<RunScreen snapshot={s} columns={columns} rows={rows} color={false} keys="run" log={false} />, columns));
}

const during = liveSnapshot('canary-tool-call-regression', 330000).snapshot;
const ending = (() => {
  const { snapshot, driver } = liveSnapshot('canary-tool-call-regression', 330000);
  return reduce(snapshot, { type: 'Batch', actions: driver.finish() });
})();

describe.each(SIZES)('run screen at %i×%i', (columns, rows) => {
  it('fits: no line wider than the terminal, the live area shorter than it', () => {
    for (const s of [during, ending, liveSnapshot('bluegreen-pre-post-analysis', 200000).snapshot, liveSnapshot('basic-canary-weight-rounding', 200000).snapshot]) {
      const out = run(s, columns, rows);
      expect(out.every((l) => l.length <= columns), out.find((l) => l.length > columns)).toBe(true);
      expect(out.length).toBeLessThanOrEqual(rows - 1);
      expect(out.length).toBe(runLayout(s, columns, rows).height);
    }
  });

  it('during the run: header, steps, traffic, pods, metrics, analysis, why, harmed, keys', () => {
    const out = run(during, columns, rows).join('\n');
    for (const want of ['Status:          ✖ Degraded', '✖ 3 analysis: {templates: [error-rate]}', 'Traffic ', 'stable  ●●●●●●●●●●', 'error rate', '┈ < 1.50%',
      'α agent-rv8mt5frdr-2-2  ✖ Failed  ✔ 0,✖ 1,? 0,⚠ 0', 'Why     aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s',
      'Harmed  14 of 6581 completed', '⟳ 5m30s / 1h0m0s  60×  ▶ playing  · canary-tool-call-regression · seed 7', 'f fast', 'P promote']) {
      expect(out).toContain(want);
    }
    // Every harm figure whole: fewer words where the full sentence would be cut.
    expect(out).toContain(columns >= 120 ? 'Harmed  14 of 6581 completed user requests (0.21%) · 22 in flight · 1172 served by the release' : 'Harmed  14 of 6581 completed (0.21%) · 22 in flight · 1172 to release');
  });

  it('at the end: the summary box and how to replay replace the live metrics', () => {
    const out = run(ending, columns, rows).join(' ').replace(/\s+/g, ' ');
    expect(out).toContain('Summary — agent');
    expect(out).toContain('aborted after 5m20s: analysis failed: error-rate = 0.0154, not');
    // A long checkout path wraps, and one longer than the screen is cut: compare without the breaks.
    expect(out.replace(/\s+/g, '')).toMatch(/Replay:simulaterun\S*?canary-tool-call-regression\.yaml--seed7/);
    expect(out).toContain('■ finished');
    expect(out).not.toContain('error rate');
  });
});

describe('run layout choices', () => {
  it('120×40: the plugin\'s full header, titled sparklines, AnalysisRuns with metrics, two why lines', () => {
    expect(runLayout(during, 120, 40)).toMatchObject({ twoColumns: true, header: 'full', sparklines: 'titled', analysisMetrics: true, replicaSetsRight: true });
  });

  it('80×24: compact header, still every block; tiny terminals drop sparklines and AnalysisRuns last', () => {
    expect(runLayout(during, 80, 24)).toMatchObject({ twoColumns: true, header: 'compact', gap: false, whyLines: 1 });
    expect(runLayout(during, 80, 24).sparklines).not.toBe('none');
    expect(runLayout(during, 70, 16)).toMatchObject({ twoColumns: false, header: 'mini', sparklines: 'none', analysisMax: 0 });
  });
});

describe('compare screen', () => {
  const { snapshot, driver } = liveCompare('flagship', 400000);
  const final = reduceCompare(snapshot, { type: 'Batch', actions: driver.finish() });

  it.each(SIZES)('fits at %i×%i, live and final', (columns, rows) => {
    for (const s of [snapshot, final]) {
      const out = lines(text(<CompareScreen snapshot={s} columns={columns} rows={rows} color={false} keys="compare" />, columns));
      expect(out.every((l) => l.length <= columns)).toBe(true);
      expect(out.length).toBeLessThanOrEqual(rows - 1);
    }
  });

  it('120×40: three bordered panels side by side on one clock; operator keys off', () => {
    const out = lines(text(<CompareScreen snapshot={snapshot} columns={120} rows={40} color={false} keys="compare" />, 120));
    expect(out[0]).toBe('rollout-sim compare · flagship · seed 7 · identical traffic for every strategy');
    expect(out[2]).toMatch(/^│ ✖ agent-canary canary +││ ✔ agent-bluegreen blue-green +││ ✔ agent-deployment Deployment +│$/);
    expect(out[3]).toMatch(/^│ Status ✖ Degraded · Step 0\/6 +││ Status ✔ Healthy +││ Status ✔ Healthy +│$/);
    expect(out.join('\n')).toContain('Why aborted: error-rate 0.0154 ≥');
    expect(out.slice(-2)).toEqual(['⟳ 6m30s / 1h0m0s  60×  ▶ playing', 'space pause · +/- speed · f fast-forward · q quit · operator keys off: traffic stays identical']);
  });

  it('80×24: stacked panels; the end shows the verdict table folded to the width', () => {
    const out = lines(text(<CompareScreen snapshot={final} columns={80} rows={24} color={false} keys="compare" />, 80));
    expect(out[1]).toBe('✖ agent-canary (canary) ✖ Degraded · Step 0/6 · SetWeight 0 · ActualWeight 0');
    expect(out).toContain('Verdict (identical traffic: the same 7796 user requests arrived at each)');
    expect(out).toContain('  agent-canary      canary      aborted   yes     5m20s             7773');
    expect(out).toContain('  workload          on release  harmed  harmed share  promoted in');
    expect(out).toContain('  agent-canary          15.08%      14         0.18%            —');
  });
});
