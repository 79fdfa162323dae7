/**
 * `simulate sweep … --report FILE.html`: the rates with their interval bars per cell, the
 * distributions, the table; deterministic whatever the worker count.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellLabel } from '../../src/cli/sweep/report-html.js';
import type { SweepResult } from '../../src/sweep/result.js';
import { sim } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'sweep-report-'));

describe('simulate sweep --report', () => {
  it('a --vary grid: a rate point and interval bar per cell and measure, the same bytes twice', async () => {
    const args = ['sweep', 'canary-tool-call-regression', '--seeds', '4', '--workers', '1', '--vary', 'spec.release.regressions[0].to=2%,6%'];
    const [a, b] = [join(dir, 'a.html'), join(dir, 'b.html')];
    const r = await sim([...args, '--output', 'json', '--report', a]);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as SweepResult;
    expect(result.cells.map((_, i) => cellLabel(result, i))).toEqual(['to=2%', 'to=6%']);
    expect((await sim([...args, '--report', b])).code).toBe(0);
    const html = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(html);
    expect(html).toContain('<h1>Sweep: canary-tool-call-regression</h1>');
    // Two cells × (detection, false rollback): four points and four interval bars.
    const rates = html.slice(html.indexOf('data-chart="rates"'), html.indexOf('<div class="narrow">', html.indexOf('data-chart="rates"')));
    expect(rates.match(/<g class="mark-symbol role-mark rates_marks"[^>]*>(.*?)<\/g>/)?.[1]?.match(/<path/g)).toHaveLength(4);
    expect(rates.match(/<g class="mark-rule role-mark intervals_marks"[^>]*>(.*?)<\/g>/)?.[1]?.match(/<line/g)).toHaveLength(4);
    expect(html).toContain('data-chart="harm"');
    expect(html).toMatch(/<pre class="plugin">[^<]*detection/);
  });

  it('compare --seeds --report: the strategies as the cells', async () => {
    const out = join(dir, 'cmp.html');
    const r = await sim(['compare', 'flagship', '--seeds', '2', '--workers', '1', '--report', out]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>Sweep: flagship</h1>');
    for (const w of ['agent-canary', 'agent-bluegreen', 'agent-deployment']) expect(html).toContain(`>${w}</text>`);
  });

  it('a shard has no report (its result is partial): exit 2 before the run', async () => {
    const r = await sim(['sweep', 'canary-happy-path', '--seeds', '2', '--workers', '1', '--shard', '0/2', '--report', join(dir, 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--report draws the whole sweep/);
  });
});
