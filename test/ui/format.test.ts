/** The UI's small pure formatters and helpers, each against its documented worked example. */
import { describe, expect, it } from 'vitest';
import { podDots, releaseCells } from '../../src/ui/format/bar.js';
import { fit, formatAgainst, formatValue, pct, secs, speedLabel } from '../../src/ui/format/numbers.js';
import { replayLines } from '../../src/ui/format/replay.js';
import { runs, sparkDomain, sparkline } from '../../src/ui/format/sparkline.js';
import { foldTable } from '../../src/ui/format/table.js';
import { keyCommand } from '../../src/ui/keys.js';
import { firstNumber, goodComparison, parseSimpleComparison, seriesKindOf } from '../../src/ui/state/conditions.js';
import type { Threshold } from '../../src/ui/state/context.js';
import { push } from '../../src/ui/state/series.js';
import { nextSimTime } from '../../src/ui/use-playback.js';
import { windowStart } from '../../src/ui/components/Steps.js';
import { contextFor } from './helpers.js';

const errorRate: Threshold = { kind: 'errorRate', metric: 'error-rate', good: '<', bound: 0.015, literal: '0.015' };

describe('numbers', () => {
  it('formats values, percentages, seconds, speeds and fits text', () => {
    expect(formatValue(0.020024318671242793)).toBe('0.020');
    expect(formatValue(4.5912)).toBe('4.59');
    expect(formatValue(1234.5)).toBe('1235');
    expect(pct(0.0201)).toBe('2.01%');
    expect(pct(0.94512, 1)).toBe('94.5%');
    expect(pct(null)).toBe('—');
    expect(secs(4.2151)).toBe('4.22s');
    expect(speedLabel(120)).toBe('120×');
    expect(speedLabel(0.5)).toBe('0.5×');
    expect(fit('agent-rv8mt5frdr-2-2', 10)).toBe('agent-rv8…');
    expect(fit('ok', 10)).toBe('ok');
  });
});

describe('conditions', () => {
  it('reads simple comparisons only', () => {
    expect(parseSimpleComparison('result[0] < 0.015')).toEqual({ op: '<', value: 0.015, literal: '0.015' });
    expect(parseSimpleComparison('result[0] >= 0.93')).toEqual({ op: '>=', value: 0.93, literal: '0.93' });
    expect(parseSimpleComparison('0.015 > result[0]')).toEqual({ op: '<', value: 0.015, literal: '0.015' });
    expect(parseSimpleComparison('len(result) == 0 || isNaN(result[0]) || result[0] < 0.05')).toBeUndefined();
    expect(parseSimpleComparison(undefined)).toBeUndefined();
  });

  it('a failureCondition is negated into the good side', () => {
    expect(goodComparison({ successCondition: undefined, failureCondition: 'result[0] > 0.05' })).toEqual({ op: '<=', value: 0.05, literal: '0.05' });
  });

  it('knows which dashboard series a query measures', () => {
    const m = (query: string, name = 'm') => ({ name, query });
    expect(seriesKindOf(m('sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))'))).toBe('errorRate');
    expect(seriesKindOf(m('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))'))).toBe('p99');
    expect(seriesKindOf(m('sum(rate(agent_task_outcomes_total{outcome="success"}[5m]))'))).toBe('taskSuccess');
    expect(seriesKindOf({ name: 'golden-prompts', query: null })).toBeUndefined();
  });

  it('takes the first number of a measurement value', () => {
    expect(firstNumber('[0.015379993450386212]')).toBe(0.015379993450386212);
    expect(firstNumber('0.5')).toBe(0.5);
    expect(firstNumber('[]')).toBeUndefined();
    expect(firstNumber('0/40 failed')).toBeUndefined();
  });
});

describe('sparklines', () => {
  it('centres the shared scale on the threshold', () => {
    const d = sparkDomain([[{ t: 0, v: 0.02 }], [{ t: 0, v: 0.005 }]], errorRate);
    expect(d.lo).toBeCloseTo(0.005, 12);
    expect(d.hi).toBeCloseTo(0.025, 12);
    expect(sparkDomain([[{ t: 0, v: 0.015 }]], errorRate)).toEqual({ lo: 0.0075, hi: 0.0225 });
    expect(sparkDomain([[{ t: 0, v: 4 }, { t: 1, v: null }]], undefined)).toEqual({ lo: 0, hi: 4 });
  });

  it('holds each point over the window, marks the failing side bad, blanks before data', () => {
    const domain = { lo: 0.0075, hi: 0.0225 };
    const cells = sparkline([{ t: 60000, v: 0.02 }], { now: 60000, window: 60000, width: 4, domain, threshold: errorRate });
    expect(cells).toEqual([{ ch: ' ', tone: 'none' }, { ch: ' ', tone: 'none' }, { ch: ' ', tone: 'none' }, { ch: '▇', tone: 'bad' }]);
    const line = sparkline([{ t: 0, v: 0.01 }, { t: 30000, v: null }, { t: 45000, v: 0.0225 }], { now: 60000, window: 60000, width: 4, domain, threshold: errorRate });
    expect(line.map((c) => c.ch).join('')).toBe('▂·██');
    expect(line.map((c) => c.tone)).toEqual(['ok', 'none', 'bad', 'bad']);
  });

  it('joins cells of one tone into runs', () => {
    expect(runs([{ ch: '▁', tone: 'ok' }, { ch: '▂', tone: 'ok' }, { ch: '█', tone: 'bad' }])).toEqual([{ text: '▁▂', tone: 'ok' }, { text: '█', tone: 'bad' }]);
  });

  it('keeps the points of the window plus the one that holds its start', () => {
    expect(push([{ t: 0, v: 1 }, { t: 5, v: 2 }], { t: 20, v: 3 }, 10)).toEqual([{ t: 5, v: 2 }, { t: 20, v: 3 }]);
    expect(push([{ t: 20, v: 1 }], { t: 20, v: 3 }, 10)).toEqual([{ t: 20, v: 3 }]);
  });
});

describe('bar, dots, table, keys, playback, replay', () => {
  it('gives the release at least one cell and never all of them below 100 %', () => {
    expect([releaseCells(20, 20), releaseCells(1, 20), releaseCells(99, 20), releaseCells(0, 20), releaseCells(100, 20)]).toEqual([4, 1, 19, 0, 20]);
  });

  it('draws one dot per pod, cut with +n', () => {
    expect(podDots(['ready', 'ready', 'starting', 'terminating'], 10)).toBe('●●◌○');
    expect(podDots(Array(12).fill('ready'), 5)).toBe('●●●●+8');
  });

  it('folds a wide table into tables that repeat the first column', () => {
    expect(foldTable(['a  bb  ccc', '─  ──  ───', '1  22  333'], 7)).toEqual(['a  bb', '─  ──', '1  22', '', 'a  ccc', '─  ───', '1  333']);
    expect(foldTable(['a  bb', '─  ──'], 80)).toEqual(['a  bb', '─  ──']);
  });

  it('maps keys to commands', () => {
    expect(keyCommand(' ', {})).toEqual({ kind: 'playback', change: 'togglePause' });
    expect(keyCommand('f', {})).toEqual({ kind: 'playback', change: 'toggleFastForward' });
    expect(keyCommand('+', {})).toEqual({ kind: 'playback', change: 'faster' });
    expect(keyCommand('-', {})).toEqual({ kind: 'playback', change: 'slower' });
    expect(keyCommand('p', {})).toEqual({ kind: 'operator', action: 'promote' });
    expect(keyCommand('P', {})).toEqual({ kind: 'operator', action: 'promoteFull' });
    expect(keyCommand('a', {})).toEqual({ kind: 'operator', action: 'abort' });
    expect(keyCommand('r', {})).toEqual({ kind: 'operator', action: 'retry' });
    expect(keyCommand('q', {})).toEqual({ kind: 'quit' });
    expect(keyCommand('c', { ctrl: true })).toEqual({ kind: 'interrupt' });
    expect(keyCommand('x', {})).toBeUndefined();
  });

  it('advances speed × elapsed, capped at until', () => {
    expect(nextSimTime({ now: 60000, speed: 60, elapsed: 100, until: 3600000 })).toBe(66000);
    expect(nextSimTime({ now: 3590000, speed: 600, elapsed: 100, until: 3600000 })).toBe(3600000);
  });

  it('keeps the focused step in the window', () => {
    expect(windowStart(10, 7, 4)).toBe(6);
    expect(windowStart(10, 1, 4)).toBe(0);
    expect(windowStart(3, 2, 4)).toBe(0);
  });

  it('tells how to replay, with the keys pressed as spec.operator', () => {
    const ctx = contextFor('canary-tool-call-regression');
    expect(replayLines(ctx, [])).toEqual([`Replay: simulate run ${ctx.file} --seed 7 (same inputs, same run)`]);
    expect(replayLines(ctx, [{ t: 100000, action: 'promote' }, { t: 130500, action: 'abort' }])).toEqual([
      `Replay: simulate run ${ctx.file} --seed 7, with the Scenario's spec.operator set to`,
      '  operator:',
      '    - {at: 1m40s, action: promote}',
      '    - {at: 2m10.5s, action: abort}',
    ]);
    const flagship = contextFor('flagship', 'agent-bluegreen');
    expect(replayLines(ctx, [], 144370)[0]).toBe(`Replay: simulate run ${ctx.file} --seed 7 --until 2m24.37s (same inputs, same run)`);
    expect(replayLines({ ...flagship, until: 600000 }, [])[0]).toBe(`Replay: simulate run ${flagship.file} --seed 7 --rollout agent-bluegreen --until 10m0s (same inputs, same run)`);
  });
});

describe('wrappedLines (the replay hint\'s height at the end)', () => {
  it('counts word-wrapped lines like ink, cutting words longer than the width', async () => {
    const { wrappedLines } = await import('../../src/ui/layout.js');
    expect([wrappedLines('aaa bbb ccc', 7), wrappedLines('aaa bbb ccc', 11), wrappedLines('x'.repeat(10), 4), wrappedLines('', 10)]).toEqual([2, 1, 3, 1]);
    // A long path wraps on its own line: ceil(length / width) would say 2 here, ink draws 3.
    const hint = `Replay: simulate run /a/very/long/checkout/path/that/pushes/the/next/word/scenarios/canary.yaml --seed 7 --until 5m30s (same inputs, same run)`;
    expect(Math.ceil(hint.length / 80)).toBe(2);
    expect(wrappedLines(hint, 80)).toBe(3);
  });
});

describe('a value beside its bound', () => {
  it('gets the digits that tell it from the bound', () => {
    expect(formatAgainst(0.015379993450386212, '0.015')).toBe('0.0154');
    expect(formatAgainst(0.020024318671242793, '0.015')).toBe('0.020');
    expect(formatAgainst(0.015, '0.015')).toBe('0.015');
    expect(formatAgainst(0.0150000001, '0.015')).toBe('0.01500000');
  });
});

describe('word wrap', () => {
  it('breaks at spaces, never starts a line with the breaking space, cuts a plain word longer than the width', async () => {
    const { wordWrap } = await import('../../src/ui/format/wrap.js');
    expect(wordWrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wordWrap('x — the end', 3)).toEqual(['x —', 'the', 'end']);
    expect(wordWrap('abcdefg h', 3)).toEqual(['abc', 'def', 'g h']);
    expect(wordWrap('\u001b[31mabcdefg\u001b[0m h', 3)).toEqual(['\u001b[31mabcdefg\u001b[0m', 'h']);
  });
});
