/**
 * `simulate compare FILE [--strategies a,b,c]`: the scenario's Rollouts/Deployment raced on
 * identical traffic, ending with a verdict table (text), or the Summaries as JSON.
 */
import { SCHEMA_VERSION, type SimEvent, type SummaryFields } from '../../model/events.js';
import type { Scenario } from '../../model/scenario.js';
import { createComparison } from '../../run/compare.js';
import { MAX_EXPECTED_REQUESTS } from '../../scenario/index.js';
import { expectedRequests } from '../../scenario/traffic.js';
import { formatJsonl } from '../../report/jsonl.js';
import { createTimeline } from '../../report/timeline.js';
import { explainVerdict, formatVerdict, rowStrategy, verdictTitle } from '../../report/verdict.js';
import { checkPositionals, checkUntil, parseFlags, parseSeed, parseSpeed, parseUntil } from '../args.js';
import { EXIT_INTERRUPTED, EXIT_OK, UsageError, scenarioInputs, type CliIO } from '../io.js';
import { openReport, writeReport } from '../report-file.js';
import { resolveOutputMode, useColor } from '../output-mode.js';
import { checkAnalysisTemplates, loadOrFail, requireWorkload } from './load.js';
import { scenarioFile } from '../package.js';
import { printWarnings } from '../warnings.js';
import { showSplash } from '../../ui/splash.js';

export const COMPARE_USAGE = `usage: simulate compare FILE [--strategies NAME,NAME,…] [--seed N] [--until DURATION]
                        [--output ui|text|json|jsonl] [--report FILE.html] [--speed X] [--no-color]
       simulate compare FILE --seeds N [--strategies …] [--seed S] [--workers K] [--horizon decision|end]
                        [--output table|json|csv]

  --strategies  the workloads to race, by metadata.name (e.g. agent-canary,agent-bluegreen)
  --speed       live playback: simulated seconds per wall second (default 60)
  --report      also write the comparison's self-contained HTML report (the strategies on one time
                axis, harm curves, the verdict): what \`simulate report\` draws from the jsonl trace;
                with --seeds, the sweep's report (rates with intervals, distributions) per strategy
  --seeds       each strategy over N seeds (S, S+1, …): its detection and false-rollback rates with
                95 % intervals, as \`simulate sweep\` reports them (see its --help)

Runs the Rollouts/Deployment named in the scenario's spec.compare (or --strategies) on identical
traffic — the same requests, with the same draws, reach every strategy — on one shared clock.
--output jsonl writes each strategy's whole trace, one after the other (each begins with its
SimulationStarted event and ends with its Summary).
FILE is a .yaml file, a folder of them, or a built-in scenario's NAME (simulate list).`;

export async function compareCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    strategies: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' },
    output: { type: 'string', short: 'o' }, 'no-color': { type: 'boolean' }, speed: { type: 'string' },
    seeds: { type: 'string' }, workers: { type: 'string' }, horizon: { type: 'string' },
    report: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  }, COMPARE_USAGE);
  if (values.help === true) {
    io.stdout(COMPARE_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 1, 'one FILE', COMPARE_USAGE);
  // With --seeds, --report draws the sweep's report (the strategies as its cells).
  if (values.seeds !== undefined) return (await import('../sweep/compare-seeds.js')).compareSeeds(positionals[0], values, io, COMPARE_USAGE);
  const seed = parseSeed(values.seed);
  const until = parseUntil(values.until);
  const speed = parseSpeed(values.speed);
  const scenario = loadOrFail(positionals[0] === undefined ? undefined : scenarioFile(positionals[0]), COMPARE_USAGE);
  await checkAnalysisTemplates(scenario);
  return runComparison(scenario, io, {
    names: values.strategies === undefined ? undefined : pickNames(scenario, values.strategies),
    seed, until, output: values.output, noColor: values['no-color'] === true, speed, untilText: values.until,
    report: values.report, inputs: scenarioInputs(scenario.file), file: positionals[0],
  });
}

export interface ComparisonRunOptions {
  readonly names: string[] | undefined;
  readonly seed: number | undefined;
  readonly until: number | undefined;
  readonly output: string | undefined;
  readonly noColor: boolean;
  /** Live playback speed (simulated seconds per wall second). */
  readonly speed: number;
  /** --until as written, for its error message. */
  readonly untilText?: string | undefined;
  /** --report FILE.html. */
  readonly report?: string | undefined;
  /** The files the command reads (a report is never written over one). */
  readonly inputs?: readonly string[];
  /** FILE as the user typed it (the live view's replay command repeats it). */
  readonly file?: string | undefined;
}

/**
 * Bounded work: every raced workload serves the whole traffic, so a race costs the scenario's
 * requests times the workloads — held to the one cap a single run has (MAX_EXPECTED_REQUESTS).
 * Example: 40 Deployments at 5 M requests each → exit 2 ("… 200,000,000 simulated requests …").
 */
export function checkRaceBudget(scenario: Scenario, names: readonly string[]): void {
  const each = expectedRequests(scenario.traffic.rate, scenario.duration);
  const total = each * Math.max(1, names.length);
  if (names.length <= 1 || total <= MAX_EXPECTED_REQUESTS) return;
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  throw new UsageError(`racing ${names.length} workloads on about ${n(each)} requests each is ${n(total)} simulated requests, above the cap of ${n(MAX_EXPECTED_REQUESTS)}: race fewer (--strategies), or lower spec.traffic.rps or spec.duration`);
}

/** Shared by `compare` and the no-argument default run. */
export async function runComparison(scenario: Scenario, io: CliIO, opts: ComparisonRunOptions): Promise<number> {
  const mode = resolveOutputMode({ flag: opts.output, isTTY: io.isTTY, env: io.env });
  checkUntil(opts.until, scenario.duration, opts.untilText);
  const color = mode !== 'json' && mode !== 'jsonl' && useColor({ isTTY: io.isTTY, env: io.env, noColorFlag: opts.noColor });
  checkRaceBudget(scenario, opts.names ?? scenario.compare);
  const report = openReport(opts.report, opts.inputs ?? [scenario.file]);
  const sampled = mode === 'ui' || mode === 'jsonl' || report !== undefined;
  const cmp = createComparison(scenario, {
    ...(opts.names ? { names: opts.names } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(sampled ? { sampler: (await import('../../run/sample.js')).takeSample } : {}),
  });
  const until = opts.until ?? scenario.duration;
  printWarnings(io, cmp.sims);
  if (report !== undefined) cmp.sims.forEach((sim, i) => sim.subscribe(report.listener(i)));
  if (mode === 'ui' && io.terminal !== undefined) {
    showSplash(io.terminal, 'compare', scenario.name, cmp.sims[0]?.seed ?? scenario.seed); // at once: loading the UI takes seconds on a busy machine
    const { runCompareLive } = await import('../../ui/live.js');
    const live = { speed: opts.speed, color, until, file: opts.file ?? scenario.file, scenario: scenario.name, strategies: opts.names, terminal: io.terminal };
    if (await runCompareLive(cmp, live) === 'interrupted') {
      report?.file.discard();
      return EXIT_INTERRUPTED;
    }
    if (report !== undefined) await writeReport(report, io);
    return EXIT_OK;
  }
  // Each panel's events, kept apart: every report reads one run's events in order.
  const traces: SimEvent[][] = cmp.sims.map(() => []);
  cmp.sims.forEach((sim, i) => sim.subscribe((e) => void traces[i]?.push(e)));
  cmp.runUntil(until);
  const summaries = cmp.finish();
  if (mode === 'jsonl') io.stdout(traces.flat().map((e) => formatJsonl(e) + '\n').join(''));
  else if (mode === 'json') io.stdout(JSON.stringify(comparisonJson(scenario, cmp.sims[0]?.seed ?? scenario.seed, summaries)) + '\n');
  else io.stdout(compareText(scenario, traces, summaries, color));
  if (report !== undefined) await writeReport(report, io);
  return EXIT_OK;
}

/**
 * `compare --output json`: the Summaries, and the user requests offered to every strategy (the
 * same ones: identical traffic). Example: {schemaVersion: 1, scenario: 'flagship', seed: 7,
 * offeredRequests: 71973, results: [{rollout: 'agent-canary', …}, …]}.
 */
function comparisonJson(scenario: Scenario, seed: number, summaries: readonly SummaryFields[]): object {
  return { schemaVersion: SCHEMA_VERSION, scenario: scenario.name, seed, offeredRequests: summaries[0]?.arrivedRequests ?? 0, results: summaries };
}

/** The text report: each strategy's key events and closing block, then the verdict table. */
function compareText(scenario: Scenario, traces: readonly SimEvent[][], summaries: readonly SummaryFields[], color: boolean): string {
  const first = traces[0]?.[0];
  const seed = first?.type === 'SimulationStarted' ? first.seed : scenario.seed;
  const desc = scenario.description === '' ? '' : `\n  ${scenario.description.trim()}`;
  const out = [`rollout-sim compare · ${scenario.name} · seed ${seed}${desc}\n`];
  summaries.forEach((s, i) => {
    const label = rowStrategy(s);
    // Every event goes through the timeline (its wording depends on what happened before).
    const tl = createTimeline({ color });
    const lines = (traces[i] ?? []).flatMap((e) => {
      const line = tl.line(e);
      return line !== undefined && KEY_EVENTS.has(e.type) ? [line] : [];
    });
    out.push(`\n── ${s.rollout} (${label}) ${'─'.repeat(Math.max(0, 60 - s.rollout.length - label.length))}\n`);
    out.push(lines.join('\n') + '\n');
    out.push(tl.summary(s).slice(2).join('\n') + '\n');
  });
  out.push(`\n${verdictTitle(summaries[0]?.arrivedRequests ?? 0)}\n\n`);
  out.push(formatVerdict(summaries).map((l) => `  ${l}`).join('\n') + '\n\n');
  out.push(explainVerdict(summaries).map((l) => `  • ${l}`).join('\n') + '\n');
  return out.join('');
}

/** The events a side-by-side reader needs; the full trace is one `simulate run --rollout` away. */
const KEY_EVENTS = new Set<SimEvent['type']>([
  'RolloutStarted', 'StepStarted', 'ServiceSwitched', 'AnalysisRunCompleted', 'Measurement',
  'ExperimentStarted', 'ExperimentPhaseChanged', 'OperatorAction', 'RolloutAborted', 'RolloutPromoted',
]);

function pickNames(scenario: Scenario, list: string): string[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) requireWorkload(scenario, n, '--strategies');
  if (names.length === 0) throw new UsageError('--strategies needs at least one name');
  return names;
}
