/**
 * `--report` on run and compare, and `simulate report` of a saved trace: the same bytes either way
 * (the report is drawn from events alone), clear errors for bad input, and Vega kept off the
 * default start-up path.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scenarioPath, sim } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'report-'));

describe('simulate report and --report', () => {
  it('run: the report of the saved jsonl is byte-identical to --report on the live run', async () => {
    const [live, trace, saved] = ['live.html', 'trace.jsonl', 'saved.html'].map((f) => join(dir, f)) as [string, string, string];
    const r = await sim(['run', scenarioPath('canary-tool-call-regression.yaml'), '--output', 'jsonl', '--report', live]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^report: .*live\.html \(\d+ KB\)\n$/);
    writeFileSync(trace, r.out);
    const s = await sim(['report', trace, '-o', saved]);
    expect(s.code, s.err).toBe(0);
    expect(readFileSync(saved)).toEqual(readFileSync(live));
    // A text run with --report draws the same file: the Samples are taken whatever stdout shows.
    const textLive = join(dir, 'text-live.html');
    const t = await sim(['run', scenarioPath('canary-tool-call-regression.yaml'), '--output', 'text', '--report', textLive]);
    expect(t.out).toContain('Summary — agent');
    expect(readFileSync(textLive)).toEqual(readFileSync(live));
  });

  it('compare: the same, with every strategy of the trace; stdin works as TRACE -', async () => {
    const [live, saved] = ['cmp-live.html', 'cmp-saved.html'].map((f) => join(dir, f)) as [string, string];
    const r = await sim(['compare', scenarioPath('flagship.yaml'), '--output', 'text', '--report', live]);
    expect(r.code, r.err).toBe(0);
    const j = await sim(['compare', scenarioPath('flagship.yaml'), '--output', 'jsonl']);
    const s = await sim(['report', '-', '-o', saved], { CI: 'true' }, j.out);
    expect(s.code, s.err).toBe(0);
    expect(readFileSync(saved)).toEqual(readFileSync(live));
    expect(readFileSync(live, 'utf8')).toContain('<h1>Compare: flagship</h1>');
  });

  it('a scenario whose spec.compare races several writes the compare report from run', async () => {
    const out = join(dir, 'listed.html');
    const r = await sim(['run', scenarioPath('low-traffic-nan.yaml'), '--output', 'json', '--report', out]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h1>Compare: low-traffic-nan</h1>');
  });

  it('bad input: exit 2 naming the file and line, and no file written', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"t":0,"type":"RolloutStarted"}\n');
    const out = join(dir, 'never.html');
    const r = await sim(['report', bad, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${bad}:1: a RolloutStarted event before any SimulationStarted: the trace must start with one (write it with --output jsonl)\n`);
    expect(existsSync(out)).toBe(false);
    expect((await sim(['report', bad])).err).toMatch(/^error: simulate report needs -o FILE\.html/);
    expect((await sim(['report', '-o', out])).err).toMatch(/^error: simulate report needs a TRACE\.jsonl/);
    expect(await sim(['report', join(dir, 'missing.jsonl'), '-o', out])).toMatchObject({ code: 2, err: `error: cannot read ${join(dir, 'missing.jsonl')}: no such file\n` });
    const nodir = await sim(['run', scenarioPath('canary-happy-path.yaml'), '--report', join(dir, 'no', 'such', 'x.html')]);
    expect(nodir.code).toBe(2);
    expect(nodir.err).toMatch(/--report .*x\.html: no such directory/);
    expect(nodir.out).toBe(''); // checked before the run
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the renderer (and Vega) load only through a dynamic import from the CLI', () => {
    const cli = join(ROOT, 'src', 'cli');
    const files = [...readdirSync(cli).map((f) => join(cli, f)), ...readdirSync(join(cli, 'commands')).map((f) => join(cli, 'commands', f))].filter((f) => f.endsWith('.ts'));
    const staticImports = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s*import\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => `${f}: ${m[1]}`));
    expect(staticImports.filter((s) => /report\/html|vega/.test(s))).toEqual([]);
    const src = join(ROOT, 'src');
    const importsVega = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? importsVega(join(d, e.name)) : /from 'vega|import\('vega/.test(readFileSync(join(d, e.name), 'utf8')) ? [join(d, e.name).slice(src.length + 1)] : []);
    expect(importsVega(src)).toEqual(['report/html/vega-render.ts']);
  });
});
