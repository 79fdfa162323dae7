/**
 * Every shipped scenario's report (and the flagship's compare) opened in a real browser: headless
 * Chromium (Debian's `chromium`, driven by puppeteer-core; .ci/run installs it) at 1280 px and at a
 * 390 px phone width. No console error, no failed request (the file needs no network), every chart
 * drawn with the marks the trace calls for, and a screenshot of each width kept in
 * test-artifacts/report/ (gitignored) for a person to look at. Without Chromium the test skips
 * and its name says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { ROOT, scenarioPath, sim } from '../cli/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
const ARTIFACTS = join(ROOT, 'test-artifacts', 'report');
const SCENARIOS = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();

/** What the trace says a page must draw, counted from the events here (not by the renderer). */
interface Expected {
  readonly runs: number;
  /** Measurements with a numeric value, of metrics with a query (the points on the version charts). */
  readonly points: number;
  /** Analysis runs that completed (each a bar of the run page's analysis lane). */
  readonly analysisRuns: number;
  /** Numbers the metrics' conditions compare result with (each a dashed line), per distinct metric. */
  readonly thresholds: number;
}

function expected(jsonl: string): Expected {
  const events = jsonl.trim().split('\n').map((l) => JSON.parse(l) as SimEvent);
  const queried = new Set(events.flatMap((e) => (e.type === 'SimulationStarted' ? e.metrics.filter((m) => m.query !== null).map((m) => m.name) : [])));
  return {
    runs: events.filter((e) => e.type === 'SimulationStarted').length,
    points: events.filter((e) => e.type === 'Measurement' && queried.has(e.metric) && /^\[?-?\d/.test(e.value)).length,
    analysisRuns: events.filter((e) => e.type === 'AnalysisRunCompleted').length,
    thresholds: new Set(events.flatMap((e) => (e.type === 'SimulationStarted' ? e.metrics.filter((m) => m.query !== null).flatMap((m) => [m.successCondition, m.failureCondition].flatMap((c) => [...(c ?? '').matchAll(/result(?:\[0\])?\s*[<>]=?\s*([\d.]+)/g)].map((x) => `${m.name} ${x[1]}`))) : []))).size,
  };
}

type Browser = import('puppeteer-core').Browser;

interface ChartFacts {
  readonly name: string;
  readonly shown: boolean;
  readonly width: number;
  readonly height: number;
  readonly series: number;
  readonly bands: number;
  readonly points: number;
  readonly thresholds: number;
}

/**
 * The in-page script (a string: the tests are type-checked without the DOM library) that reads each
 * figure's SVG of one width: whether it shows, its size, and its marks by the names the specs give
 * them (Vega writes a layer named 'series' as <g class="… series_marks">).
 */
function chartsIn(cls: 'wide' | 'narrow'): string {
  return `[...document.querySelectorAll('figure.chart')].map((f) => {
    const box = f.querySelector('.${cls}');
    const svg = box && box.querySelector(':scope > svg');
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    const count = (sel) => (svg ? svg.querySelectorAll(sel).length : 0);
    return {
      name: f.getAttribute('data-chart'), shown: box !== null && getComputedStyle(box).display !== 'none',
      width: r.width, height: r.height,
      series: count('g.series_marks > path'), bands: count('g.bands_marks > path'), points: count('g.measurements_marks > path'), thresholds: count('g.thresholds_marks > line'),
    };
  })`;
}

describe.skipIf(CHROMIUM === undefined)('the reports in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({ executablePath: CHROMIUM as string, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => browser?.close());

  // A scenario whose spec.compare races several renders the compare page from run: two of them also
  // one workload's run page, for the p99 and task-success thresholds.
  const cases = [
    ...SCENARIOS.map((f) => ({ name: f.replace(/\.yaml$/, ''), args: ['run', scenarioPath(f)] })),
    { name: 'flagship-compare', args: ['compare', scenarioPath('flagship.yaml')] },
    { name: 'latency-leak-pod-age-background', args: ['run', scenarioPath('latency-leak-pod-age.yaml'), '--rollout', 'agent-background'] },
    { name: 'quality-drop-task-success-quality', args: ['run', scenarioPath('quality-drop-task-success.yaml'), '--rollout', 'agent-quality'] },
  ];

  it.each(cases)('$name: opens with no console error, every chart has its marks, screenshots at 1280 and 390 px', async ({ name, args }) => {
    const trace = await sim([...args, '--output', 'jsonl']);
    expect(trace.code, trace.err).toBe(0);
    const file = join(ARTIFACTS, `${name}.jsonl`);
    writeFileSync(file, trace.out);
    const html = join(ARTIFACTS, `${name}.html`);
    const r = await sim(['report', file, '-o', html]);
    expect(r.code, r.err).toBe(0);
    const want = expected(trace.out);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warn' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
    page.on('pageerror', (e) => void problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (q) => void problems.push(`request failed: ${q.url()}`));
    page.on('request', (q) => void (q.url().startsWith('file:') ? undefined : problems.push(`network request: ${q.url()}`)));
    try {
      for (const [width, visible] of [[1280, 'wide'], [390, 'narrow']] as const) {
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        const charts = await page.evaluate(chartsIn(visible)) as ChartFacts[];
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number;
        expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
        for (const c of charts) {
          expect(c.shown, `${name} ${c.name} at ${width}`).toBe(true);
          expect(c.width, `${name} ${c.name} fits ${width} px`).toBeGreaterThan(width === 390 ? 300 : 600);
          expect(c.width).toBeLessThanOrEqual(width);
          expect(c.height).toBeGreaterThan(50);
        }
        if (want.runs === 1) {
          expect(charts.map((c) => c.name)).toEqual(['timeline', 'weight', 'pods', 'errorRate', 'p99', 'taskSuccess', 'harm']);
          const byName = new Map(charts.map((c) => [c.name, c]));
          // One line per version with data on each figure chart; the release may never have served a request (a no-op update).
          for (const f of ['errorRate', 'p99', 'taskSuccess']) expect(byName.get(f)?.series, `${name} ${f}`).toBeGreaterThanOrEqual(1);
          expect(charts.reduce((n, c) => n + c.points, 0), `${name}: one point per measured value`).toBe(want.points);
          expect(charts.reduce((n, c) => n + c.thresholds, 0), `${name}: one dashed line per threshold`).toBe(want.thresholds);
          expect(byName.get('timeline')?.bands, `${name}: the timeline's bars`).toBeGreaterThanOrEqual(1 + want.analysisRuns);
          expect(byName.get('weight')?.series).toBe(1);
          expect(byName.get('harm')?.series).toBe(1);
        } else {
          expect(charts.map((c) => c.name)).toEqual(['timeline', 'weight', 'harm', 'errorRate']);
          for (const n of ['weight', 'harm']) expect(charts.find((c) => c.name === n)?.series, `${name} ${n}: a line per strategy`).toBe(want.runs);
          expect(await page.evaluate("document.querySelector('table tbody').querySelectorAll('tr').length")).toBe(want.runs);
        }
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`) as `${string}.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a sweep report: a rate point per cell and measure, no console error, screenshots', async () => {
    const html = join(ARTIFACTS, 'sweep-vary.html');
    const r = await sim(['sweep', 'canary-tool-call-regression', '--seeds', '3', '--workers', '1', '--vary', 'spec.release.regressions[0].to=2%,6%', '--report', html]);
    expect(r.code, r.err).toBe(0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warn' ? problems.push(m.text()) : undefined));
    page.on('pageerror', (e) => void problems.push(String(e)));
    try {
      for (const [width, visible] of [[1280, 'wide'], [390, 'narrow']] as const) {
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        const rates = await page.evaluate(`document.querySelectorAll('figure[data-chart=rates] .${visible} > svg g.rates_marks > path').length`);
        expect(rates).toBe(4); // 2 cells × (detection, false rollback)
        await page.screenshot({ path: join(ARTIFACTS, `sweep-vary-${width}.png`) as `${string}.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

if (CHROMIUM === undefined) {
  describe('the reports in headless Chromium', () => {
    it.skip('skipped: no chromium executable (apt-get install chromium, as .ci/run does; or set CHROMIUM_PATH)', () => {});
  });
}
