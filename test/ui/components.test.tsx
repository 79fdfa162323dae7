/**
 * Each component rendered without a terminal (ink's renderToString) at a fixed width, from slices
 * of real snapshots (a recorded trace folded, or a real run driven to a sim instant). Assertions
 * are on the text.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisRuns, countsText } from '../../src/ui/components/AnalysisRuns.js';
import { LogLine } from '../../src/ui/components/EventLog.js';
import { Harmed } from '../../src/ui/components/Harmed.js';
import { Header } from '../../src/ui/components/Header.js';
import { ReplayHint } from '../../src/ui/components/ReplayHint.js';
import { ReplicaSets } from '../../src/ui/components/ReplicaSets.js';
import { Sparklines, thresholdText } from '../../src/ui/components/Sparklines.js';
import { StatusLine, keyHelp } from '../../src/ui/components/StatusLine.js';
import { Steps } from '../../src/ui/components/Steps.js';
import { SummaryBox, summaryBoxHeight } from '../../src/ui/components/SummaryBox.js';
import { TrafficBar } from '../../src/ui/components/TrafficBar.js';
import { WhyLine } from '../../src/ui/components/WhyLine.js';
import { contextFor, fold, golden, liveSnapshot, text } from './helpers.js';

const lines = (s: string): string[] => s.split('\n');
const aborted = fold(contextFor('canary-tool-call-regression'), golden('canary-tool-call-regression'));
const paused = fold(contextFor('canary-tool-call-regression'), golden('canary-tool-call-regression'), 100000);
const live = liveSnapshot('canary-tool-call-regression', 330000).snapshot;

describe('Header', () => {
  it('full: the plugin\'s block with 17-column labels', () => {
    expect(lines(text(<Header header={paused.header} width={60} />, 60))).toEqual([
      'Name:            agent',
      'Namespace:       default',
      'Status:          ॥ Paused',
      'Message:         CanaryPauseStep',
      'Strategy:        Canary',
      '  Step:          1/6 (index of step 2)',
      '  SetWeight:     20',
      '  ActualWeight:  20',
      'Images:          agent:v1 (stable)',
      '                 agent:v2 (canary)',
      'Replicas:',
      '  Desired:       10',
      '  Current:       12',
      '  Updated:       2',
      '  Ready:         12',
      '  Available:     12',
    ]);
  });

  it('compact: cuts long messages, one Replicas line; mini: three lines', () => {
    const compact = lines(text(<Header header={live.header} mode="compact" width={38} />, 80));
    expect(compact[1]).toBe('Status:          ✖ Degraded');
    expect(compact[2]).toBe('Message:         RolloutAborted: Roll…');
    expect(compact.at(-1)).toBe('Replicas:        12 current, 2 updated');
    expect(compact.every((l) => l.length <= 38)).toBe(true);
    expect(lines(text(<Header header={aborted.header} mode="mini" width={80} />, 80))).toEqual([
      '⟳ agent ✖ Degraded Canary',
      'Message:         RolloutAborted: Rollout aborted update to revision 2: Step-bas…',
      'Step 0/6 · SetWeight 0 · ActualWeight 0',
    ]);
  });
});

describe('Steps', () => {
  it('marks done, current pause with time left, pending', () => {
    const s = { ...paused, steps: paused.steps.map((r, i) => (i === 1 ? { ...r, remaining: 192_400 } : r)) };
    expect(lines(text(<Steps steps={s.steps} maxRows={10} width={50} strategy="Canary" />, 50))).toEqual([
      'Steps',
      '✔ 1 setWeight: 20',
      '॥ 2 pause: {duration: 5m0s}  ← 3m13s left',
      '◷ 3 analysis: {templates: [error-rate]}',
      '◷ 4 setWeight: 50',
      '◷ 5 pause: {duration: 5m0s}',
      '◷ 6 analysis: {templates: [error-rate]}',
    ]);
  });

  it('shows a window around the aborted step when rows are short; a note without steps', () => {
    expect(lines(text(<Steps steps={aborted.steps} maxRows={4} width={50} strategy="Canary" />, 50))).toEqual([
      'Steps 2–4 of 6',
      '✔ 2 pause: {duration: 5m0s}',
      '✖ 3 analysis: {templates: [error-rate]}',
      '◷ 4 setWeight: 50',
    ]);
    expect(text(<Steps steps={[]} maxRows={4} width={50} strategy="BlueGreen" />, 50)).toBe('BlueGreen: no canary steps');
  });
});

describe('traffic, pods, metrics, analysis', () => {
  it('TrafficBar: stable █ and release ▒ with their shares', () => {
    // 80 columns: 'Traffic ' + a 37-cell bar (7 cells for 20 %) + ' ' + the 34-column labels.
    expect(text(<TrafficBar traffic={paused.traffic} width={80} />, 80)).toBe(
      `Traffic ${'█'.repeat(30)}${'▒'.repeat(7)} agent:v1 80% · agent:v2 canary 20%`,
    );
    expect(text(<TrafficBar traffic={aborted.traffic} width={60} />, 60)).toBe(`Traffic ${'█'.repeat(38)} agent:v1 100%`);
  });

  it('ReplicaSets: newest first, one dot per pod, hash-only names when narrow', () => {
    expect(lines(text(<ReplicaSets replicaSets={live.replicaSets} width={80} legend={false} />, 80))).toEqual([
      '⧉ agent-rv8mt5frdr  canary  ●●  2/2 ready',
      '⧉ agent-nlfdd44spj  stable  ●●●●●●●●●●  10/10 ready',
    ]);
    expect(lines(text(<ReplicaSets replicaSets={live.replicaSets} width={40} legend={false} />, 40))).toEqual([
      '⧉ rv8mt5frdr  canary  ●●  2/2',
      '⧉ nlfdd44spj  stable  ●●●●●●●●●●  10/10',
    ]);
  });

  it('Sparklines: one row per metric, a column per version, the threshold at the end', () => {
    const out = lines(text(<Sparklines series={live.series} width={80} />, 80));
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^last 10m0s {3}agent:v1 +agent:v2$/);
    expect(out[1]).toMatch(/^error rate {3}.+ {3}1\.07% .+ {3}2\.26% {2}┈ < 1\.50%$/);
    expect(out[2]).toMatch(/^p99 {10}.+4\.50s .+4\.62s$/);
    expect(out[3]).toMatch(/^task success .+93\.6% .+92\.0%$/);
    expect(out.every((l) => l.length <= 80)).toBe(true);
    expect(thresholdText({ kind: 'taskSuccess', metric: 'q', good: '>=', bound: 0.93, literal: '0.93' })).toBe('≥ 93.0%');
  });

  it('AnalysisRuns: the plugin\'s counts and the last measurement against its condition', () => {
    expect(lines(text(<AnalysisRuns runs={aborted.analysisRuns} max={3} width={80} />, 80))).toEqual([
      'α agent-rv8mt5frdr-2-2  ✖ Failed  ✔ 0,✖ 1,? 0,⚠ 0',
      '   ✖ error-rate = 0.0154  vs result[0] < 0.015',
    ]);
    expect(text(<AnalysisRuns runs={aborted.analysisRuns} max={3} metrics={false} width={80} />, 80)).toBe('α agent-rv8mt5frdr-2-2  ✖ Failed  ✔ 0,✖ 1,? 0,⚠ 0');
    expect(text(<AnalysisRuns runs={[]} max={3} width={80} />, 80)).toBe('');
    expect(countsText({ successful: 11, failed: 1, inconclusive: 0, error: 5 })).toBe('✔ 11,✖ 1,? 0,⚠ 5');
  });
});

describe('log, why, harmed, status, summary, replay', () => {
  it('LogLine: the timeline line with its clock in a gutter, long text wrapped under it', () => {
    const abort = aborted.log.find((e) => e.kind === 'event' && e.event.type === 'RolloutAborted');
    if (abort === undefined) throw new Error('no abort in the log');
    expect(lines(text(<LogLine entry={abort} color={false} totalSteps={6} width={80} />, 80))).toEqual([
      '    5m20s  ✖ ABORTED: Step-based analysis phase error/failed: Metric',
      '           "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
    ]);
    const why = [...aborted.log].reverse().find((e) => e.kind === 'why');
    if (why === undefined) throw new Error('no why-line in the log');
    expect(text(<LogLine entry={why} color={false} totalSteps={6} width={100} />, 100)).toBe(
      '             ↳ why: aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s',
    );
  });

  it('WhyLine and Harmed', () => {
    expect(text(<WhyLine why={aborted.why} width={80} />, 80)).toBe('Why     aborted: error-rate 0.0154 ≥ 0.015 (failureLimit 0 exceeded) at 5m20s');
    expect(text(<WhyLine why={undefined} width={80} />, 80)).toBe('Why     waiting for the update to start');
    expect(text(<Harmed harmed={live.harmed} width={100} />, 100)).toBe('Harmed  14 of 6581 completed user requests (0.21%) · 22 in flight · 1172 served by the release');
  });

  it('StatusLine: clock, speed, state, what is playing; then the key help (shorter under 110 columns)', () => {
    expect(lines(text(<StatusLine now={330250} until={3600000} playback={{ speed: 120, paused: false, fastForward: false }} keys="run" finished={false} width={120} title="flagship · seed 7" />, 120))).toEqual([
      '⟳ 5m30s / 1h0m0s  120×  ▶ playing  · flagship · seed 7',
      'space pause · +/- speed · f fast-forward · p promote · P promote --full · a abort · r retry · q quit',
    ]);
    expect(text(<StatusLine now={0} until={600000} playback={{ speed: 60, paused: false, fastForward: false }} keys="run" finished={false} width={80} />, 80)).toBe(
      '⟳ 0s / 10m0s  60×  ▶ playing\nspace pause · +/- speed · f fast · p/P promote/full · a abort · r retry · q quit',
    );
    expect(text(<StatusLine now={60000} until={60000} playback={{ speed: 60, paused: false, fastForward: false }} keys="run" finished width={80} />, 80)).toBe('1m0s / 1m0s  60×  ■ finished');
    expect(lines(text(<StatusLine now={0} until={600000} playback={{ speed: 60, paused: true, fastForward: false }} keys="compare" finished={false} width={80} />, 80))).toEqual([
      '⟳ 0s / 10m0s  60×  ॥ paused',
      'space pause · +/- speed · f fast-forward · q quit · operator keys off',
    ]);
    expect(lines(text(<StatusLine now={0} until={600000} playback={{ speed: 60, paused: false, fastForward: true }} keys="compare" finished={false} width={120} />, 120))).toEqual([
      '⟳ 0s / 10m0s  60×  ⏩ fast-forward',
      'space pause · +/- speed · f fast-forward · q quit · operator keys off: traffic stays identical',
    ]);
    expect(keyHelp('none', 80)).toBe('keys off (stdin is not a terminal)');
  });

  it('SummaryBox: report/text.ts\'s summary inside a box as wide as its longest line, up to the terminal\'s', () => {
    const out = lines(text(<SummaryBox summary={aborted.summary!} color={false} width={120} />, 120));
    const row = (l: string): string => `│ ${l.padEnd(116)} │`;
    expect(out).toEqual([
      `╭${'─'.repeat(118)}╮`,
      row('Summary — agent'),
      row('  outcome   aborted after 5m20s: analysis failed: error-rate = 0.0154, not result[0] < 0.015 — the healthy release'),
      row('            would have gone on: the regression was caught'),
      row('  requests  71833 completed user requests (22 still in flight at the end)'),
      row('  harmed    14 of the 71833 completed (0.02%); 1172 served by the release'),
      row('  version  image                    completed   errors        p99  task ok'),
      row('  stable   agent:v1                     70661    0.51%     4.214s   94.45%'),
      row('  release  agent:v2                      1172    1.96%     4.207s   93.17%'),
      `╰${'─'.repeat(118)}╯`,
    ]);
  });

  it('SummaryBox: on a narrow terminal the sentences wrap under their label', () => {
    const out = lines(text(<SummaryBox summary={aborted.summary!} color={false} width={60} />, 60));
    const row = (l: string): string => `│ ${l.padEnd(56)} │`;
    expect(out.slice(2, 6)).toEqual([
      row('  outcome   aborted after 5m20s: analysis failed:'),
      row('            error-rate = 0.0154, not result[0] < 0.015 —'),
      row('            the healthy release would have gone on: the'),
      row('            regression was caught'),
    ]);
    expect(out).toHaveLength(summaryBoxHeight(aborted.summary!, 60));
    expect(summaryBoxHeight(aborted.summary!, 120)).toBe(10);
  });

  it('ReplayHint', () => {
    expect(text(<ReplayHint lines={['Replay: simulate run x.yaml --seed 7, with the Scenario\'s spec.operator set to', '  operator:', '    - {at: 1m40s, action: promote}']} width={80} />, 80)).toBe(
      "Replay: simulate run x.yaml --seed 7, with the Scenario's spec.operator set to\n  operator:\n    - {at: 1m40s, action: promote}",
    );
  });
});
