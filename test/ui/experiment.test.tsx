/**
 * An experiment step and a Kayenta judgement in the live view, from the shipped
 * kayenta-experiment-baseline run (agent-kayenta): the Experiment's ReplicaSets under it as the
 * plugin's tree has them (not counted as the Rollout's), the experiment's traffic out of the
 * stable side, the why of the step, and the judge's score and per-metric classifications.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisRuns } from '../../src/ui/components/AnalysisRuns.js';
import { RunScreen } from '../../src/ui/components/RunScreen.js';
import { runLayout } from '../../src/ui/layout.js';
import { analysisLines } from '../../src/ui/compare/blocks.js';
import { liveCompare, liveSnapshot, text } from './helpers.js';

const lines = (s: string): string[] => s.split('\n');
const MIN = 60_000;

describe('experiment in the live view (kayenta-experiment-baseline, agent-kayenta)', () => {
  const running = liveSnapshot('kayenta-experiment-baseline', 20 * MIN, 'agent-kayenta').snapshot;
  const judged = liveSnapshot('kayenta-experiment-baseline', 30 * MIN + 45_000, 'agent-kayenta').snapshot;

  it('the Experiment\'s ReplicaSets sit under it; the Rollout counts only its own pods', () => {
    const rows = running.replicaSets.map((r) => `${r.name} ${r.tags.join(',')} ${r.experiment?.name ?? '-'} ${r.experiment?.phase ?? '-'} ${r.desired}`);
    expect(rows).toEqual([
      'agent-kayenta-nlfdd44spj stable - - 8',
      'agent-kayenta-rv8mt5frdr-2-0-baseline-sxxd9w7d7k baseline agent-kayenta-rv8mt5frdr-2-0 Running 6',
      'agent-kayenta-rv8mt5frdr-2-0-canary-zj2jlx2zd8 canary agent-kayenta-rv8mt5frdr-2-0 Running 6',
    ]);
    expect(running.header.replicas).toEqual({ desired: 8, current: 8, updated: 0, ready: 8, available: 8 });
    // The release's sparkline holds the Rollout's canary only (no pods here: no figures), never an experiment arm's.
    const release = running.series.versions.find((v) => v.version === 1);
    expect(release?.errorRate.length).toBeGreaterThan(0);
    expect(release?.errorRate.every((p) => p.v === null)).toBe(true);
  });

  it('traffic: the weighted templates take 25 % each out of the stable side while the Experiment runs', () => {
    expect(running.traffic.experiments).toEqual([{ template: 'baseline', image: 'agent:v1', share: 25 }, { template: 'canary', image: 'agent:v2', share: 25 }]);
    expect(judged.traffic.experiments).toEqual([]);
  });

  it('120×40: the Σ Experiment line, its indented ReplicaSets, the traffic split and the why of the step', () => {
    const out = lines(text(<RunScreen snapshot={running} columns={120} rows={40} color={false} keys="run" log={false} />, 120));
    expect(out.length).toBe(runLayout(running, 120, 40).height);
    expect(out.every((l) => l.length <= 120)).toBe(true);
    const all = out.join('\n');
    expect(all).toMatch(/Σ Experiment agent-kayenta-rv8mt5frdr-2-0 {2}◌ Running/);
    expect(all).toMatch(/\n.* {2}⧉ sxxd9w7d7k {2}baseline {2}●●●●●● {2}6\/6/);
    expect(all).toContain('Traffic ████████████████████▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ agent:v1 50% · baseline agent:v1 25% · canary agent:v2 25%');
    expect(all.replace(/\s+/g, ' ')).toContain('Why step 1 of 1 runs experiment agent-kayenta-rv8mt5frdr-2-0: baseline (stable, 6 pods, 25%) vs canary (canary, 6 pods, 25%); kayenta must succeed, for 40m0s at 0s');
  });

  it('the judgement: the score against the thresholds, then each metric\'s classification and interval', () => {
    expect(lines(text(<AnalysisRuns runs={judged.analysisRuns} max={3} width={120} />, 120))).toEqual([
      'α agent-kayenta-rv8mt5frdr-2-0-kayenta  ✖ Failed  ✔ 0,✖ 1,? 0,⚠ 0',
      '   ✖ kayenta = 50  score 50 < marginal 75',
      '       ✖ latency/p99 High (×1.12, canary − baseline 0.38…0.669)',
      '       ✔ errors/error-rate Pass (×1.04, canary − baseline -0.00104…0.00127)',
    ]);
    const j = judged.replicaSets.find((r) => r.experiment !== undefined);
    expect(j?.experiment?.phase).toBe('Failed');
    // The why of the abort judges the score against the thresholds too (not "kayenta = 50").
    expect(judged.why?.text).toBe('aborted: kayenta score 50 < marginal 75 (failureLimit 0 exceeded) at 30m35s');
  });

  it('a compare panel gives the judgement too: the score as Argo stores it, each metric under it', () => {
    const panel = liveCompare('kayenta-experiment-baseline', 30 * MIN + 45_000).snapshot.panels[0];
    if (panel === undefined) throw new Error('no panel');
    const out = analysisLines(panel, 58).map((l) => l.map((sp) => sp.text).join(''));
    expect(out.slice(2)).toEqual([
      '  ✖\u00a0kayenta = 50 score 50 < marginal 75',
      '    ✖\u00a0latency/p99 High (×1.12, canary − baseline',
      '      0.38…0.669)',
      '    ✔\u00a0errors/error-rate Pass (×1.04, canary − baseline',
      '      -0.00104…0.00127)',
    ]);
  });
});
