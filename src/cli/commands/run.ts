/**
 * `simulate run FILE`: one rollout, start to finish. Text timeline (or the live UI on a
 * terminal), jsonl trace, or just the Summary as JSON.
 */
import { createMetricStore } from '../../metrics/store.js';
import type { MetricStore } from '../../metrics/store.js';
import type { SimEvent, SummaryFields } from '../../model/events.js';
import type { Expectations } from '../../model/expect.js';
import type { Scenario } from '../../model/scenario.js';
import { createSimulationCore, NO_ANALYSIS, pickWorkload, usesAnalysis, type Simulation } from '../../run/simulation-core.js';
import { checkPositionals, checkUntil, parseFlags, parseSeed, parseSpeed, parseUntil } from '../args.js';
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, openOutput, scenarioInputs, type CliIO, type OutputFile } from '../io.js';
import { scenarioFile } from '../package.js';
import { resolveOutputMode, useColor } from '../output-mode.js';
import { openReport, writeReport } from '../report-file.js';
import { printWarnings } from '../warnings.js';
import { showSplash } from '../../ui/splash.js';
import { checkAnalysisTemplates, loadWithNotes, requireWorkload } from './load.js';

export const RUN_USAGE = `usage: simulate run FILE [--seed N] [--output ui|text|json|jsonl] [--until DURATION]
                    [--rollout NAME] [--export-metrics OUT.om] [--report FILE.html] [--speed X]
                    [--expect] [--no-color]

Runs one Rollout of the scenario from t = 0 to the scenario's duration (or --until): live on a
terminal (--speed: simulated seconds per second, default 60), a text timeline otherwise.
A scenario whose spec.compare lists several workloads runs as \`simulate compare\` does (its
strategies side by side, the same outputs); --rollout NAME runs just that one.
FILE is a .yaml file, a folder of them, or a built-in scenario's NAME (simulate list).
--report FILE.html also writes the run's self-contained HTML report (charts, timeline,
measurements, Summary): the same file \`simulate report\` draws from the --output jsonl trace.
--expect grades the Scenario's expect: block after the run (as simulate check does): exit 3
when an expectation is not met.`;

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    seed: { type: 'string' }, output: { type: 'string', short: 'o' }, until: { type: 'string' },
    rollout: { type: 'string' }, 'export-metrics': { type: 'string' }, 'no-color': { type: 'boolean' },
    speed: { type: 'string' }, expect: { type: 'boolean' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  }, RUN_USAGE);
  if (values.help === true) {
    io.stdout(RUN_USAGE + '\n');
    return EXIT_OK;
  }
  const started = io.clock();
  checkPositionals(positionals, 1, 'one FILE', RUN_USAGE);
  // Every flag is checked before the (slower) load, and whether or not this mode uses it.
  const seed = parseSeed(values.seed);
  const until = parseUntil(values.until);
  const speed = parseSpeed(values.speed);
  const mode = resolveOutputMode({ flag: values.output, isTTY: io.isTTY, env: io.env });
  const scenarioPath = positionals[0] === undefined ? undefined : scenarioFile(positionals[0]);
  const { scenario, notes } = loadWithNotes(scenarioPath, RUN_USAGE);
  const exportPath = values['export-metrics'];
  if (scenario.compareListed === true && scenario.compare.length > 1 && values.rollout === undefined) return raceListed(scenario, io, { seed, until, speed, exportPath, values, inputs: scenarioInputs(scenarioPath ?? scenario.file), file: positionals[0] });
  checkUntil(until, scenario.duration, values.until);
  const color = mode !== 'json' && mode !== 'jsonl' && useColor({ isTTY: io.isTTY, env: io.env, noColorFlag: values['no-color'] === true });
  if (values.rollout !== undefined) requireWorkload(scenario, values.rollout, '--rollout');
  if (values.expect === true && scenario.expect === undefined) {
    throw new UsageError(`${scenario.file}: --expect, but the Scenario has no expect: block (add e.g. spec.expect: {caught: true}; README: Expectations)`);
  }
  // Opened before simulating: a path that cannot be written fails now (after every input
  // check, so bad input leaves no empty file behind), not after the whole run.
  const exportFile = exportPath === undefined ? undefined : openOutput(exportPath, '--export-metrics', scenarioInputs(scenarioPath ?? scenario.file));
  const report = openReport(values.report, scenarioInputs(scenarioPath ?? scenario.file));
  const sim = await createRun(scenario, { seed, rollout: values.rollout, sampled: mode === 'ui' || mode === 'jsonl' || report !== undefined, exportAll: exportFile !== undefined });
  if (report !== undefined) sim.subscribe(report.listener(0));
  printWarnings(io, [sim]);
  const end = until ?? scenario.duration;

  let finished: SummaryFields | undefined;
  if (mode === 'ui' && io.terminal !== undefined) {
    showSplash(io.terminal, 'run', scenario.name, sim.seed); // at once: loading the UI takes seconds on a busy machine
    const { runLive } = await import('../../ui/live.js');
    const ended = await runLive(sim, { speed, color, until: end, file: positionals[0] ?? scenario.file, scenario: scenario.name, terminal: io.terminal }); // the replay hint repeats FILE as typed
    if (ended === 'interrupted') {
      exportFile?.discard();
      report?.file.discard();
      return EXIT_INTERRUPTED;
    }
  } else {
    const { capacityNote } = await import('../../run/capacity.js');
    const notesOf = (): string[] => [...notes, othersNote(scenario, sim.workload.name), capacityNote(scenario, sim.workload.replicas)].filter((n) => n !== undefined);
    sim.subscribe(await reporter(mode === 'ui' ? 'text' : mode, io, color, notesOf));
    sim.runUntil(end);
    const summary = sim.finish();
    finished = summary;
    if (io.env.SIMULATE_STATS === '1') {
      // For `npm run bench`: in-process figures on stderr, never mixed into the output.
      const stats = { events: sim.engine.processed, requests: summary.completedRequests, simSeconds: (io.clock() - started) / 1000, series: sim.store.seriesCount, samples: sim.store.sampleCount };
      io.stderr(`STATS ${JSON.stringify(stats)}\n`);
    }
  }
  if (exportFile !== undefined) await exportMetrics(sim.store, exportFile, exportPath as string, io);
  if (report !== undefined) await writeReport(report, io);
  if (values.expect === true && scenario.expect !== undefined) {
    // The run just made is the first seed's, when it ran to the end for the graded workload.
    const same = until === undefined && (scenario.expect.rollout ?? sim.workload.name) === sim.workload.name;
    return gradeAfterRun(io, mode, scenario, scenario.expect, seed, same ? finished : undefined);
  }
  return EXIT_OK;
}

/** `run --expect`: the expectations graded (reusing the run's Summary as the first seed's when given), one line each; exit 0 or 3. */
async function gradeAfterRun(io: CliIO, mode: string, scenario: Scenario, expect: Expectations, seed: number | undefined, first: SummaryFields | undefined): Promise<number> {
  const { grade } = await import('../../run/grade.js');
  const { formatResult } = await import('../../run/expect.js');
  const g = grade(scenario, expect, { ...(seed === undefined ? {} : { seed }), ...(first === undefined ? {} : { first }) });
  const lines = `expect:\n${g.results.map((r) => `  ${formatResult(r)}`).join('\n')}\n`;
  if (mode === 'json' || mode === 'jsonl') io.stderr(lines);
  else io.stdout(lines);
  return g.passed ? EXIT_OK : EXIT_CHECK_FAILED;
}

/**
 * `run` on a scenario that lists spec.compare: what `simulate compare` does with it (the file
 * says what to run; a silent first-workload-only run hid the comparison). --export-metrics is one
 * run's store, so it needs --rollout.
 */
async function raceListed(scenario: Scenario, io: CliIO, o: { seed: number | undefined; until: number | undefined; speed: number; exportPath: string | undefined; inputs: string[]; file: string | undefined; values: { output?: string | undefined; until?: string | undefined; 'no-color'?: boolean | undefined; report?: string | undefined } }): Promise<number> {
  const names = scenario.compare.join(', ');
  if (o.exportPath !== undefined) throw new UsageError(`--export-metrics exports one run's metrics, and this scenario compares ${names} (spec.compare): add --rollout NAME`);
  await checkAnalysisTemplates(scenario);
  const { runComparison } = await import('./compare.js');
  return runComparison(scenario, io, { names: undefined, seed: o.seed, until: o.until, output: o.values.output, noColor: o.values['no-color'] === true, speed: o.speed, untilText: o.values.until, report: o.values.report, inputs: o.inputs, file: o.file });
}

/**
 * The simulation for one workload: with the analysis system only when it uses analysis (without
 * AnalysisTemplates in play, PromQL and expr are never loaded: start-up counts, see npm run bench),
 * and sampling only for a trace or the live view.
 */
async function createRun(scenario: Scenario, o: { seed: number | undefined; rollout: string | undefined; sampled: boolean; exportAll: boolean }): Promise<Simulation> {
  const analysed = usesAnalysis(pickWorkload(scenario, o.rollout));
  if (analysed) await checkAnalysisTemplates(scenario);
  // Every family for an --export-metrics file; otherwise only what a query can select (a run
  // without analysis needs none of the optional ones; createSimulation works out the rest).
  const every = o.exportAll || !analysed;
  const simOpts = {
    store: createMetricStore(),
    ...(every ? { exported: { istio: o.exportAll, pod: o.exportAll, nginx: o.exportAll } } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.rollout !== undefined ? { workload: o.rollout } : {}),
    ...(o.sampled ? { sampler: (await import('../../run/sample.js')).takeSample } : {}),
  };
  return analysed ? (await import('../../run/simulation.js')).createSimulation(scenario, simOpts) : createSimulationCore(scenario, simOpts, NO_ANALYSIS);
}

/** What a text, json or jsonl run prints of each event (each mode loads only its own formatter: start-up counts). */
async function reporter(mode: 'text' | 'json' | 'jsonl', io: CliIO, color: boolean, notes: () => string[]): Promise<(e: SimEvent) => void> {
  if (mode === 'json') return (e) => void (e.type === 'Summary' && io.stdout(JSON.stringify(e) + '\n'));
  if (mode === 'jsonl') {
    const { formatJsonl } = await import('../../report/jsonl.js');
    return (e) => io.stdout(formatJsonl(e) + '\n');
  }
  const [{ headerLines }, { createTimeline }] = await Promise.all([import('../../report/text.js'), import('../../report/timeline.js')]);
  const timeline = createTimeline({ color });
  return (e) => {
    if (e.type === 'SimulationStarted') io.stdout([...headerLines(e), ...notes().map((n) => `  note: ${n}`)].join('\n') + '\n\n');
    const line = timeline.line(e);
    if (line !== undefined) io.stdout(line + '\n');
    if (e.type === 'Summary') io.stdout(timeline.summary(e).join('\n') + '\n');
  };
}

/** A file with several workloads runs one: say which, and how to run the others. */
function othersNote(s: Scenario, ran: string): string | undefined {
  if (s.workloads.length <= 1) return undefined;
  return `this file has ${s.workloads.length} workloads (${s.workloads.map((w) => w.name).join(', ')}): this runs ${ran}; --rollout NAME picks another, simulate compare races them`;
}

/** Writes the export and says so on stderr (stdout stays the run's own output). */
async function exportMetrics(store: MetricStore, file: OutputFile, path: string, io: CliIO): Promise<void> {
  const { writeOpenMetrics } = await import('../../metrics/openmetrics.js');
  let bytes = 0;
  let samples = 0;
  try {
    samples = writeOpenMetrics(store, (chunk) => {
      bytes += Buffer.byteLength(chunk);
      file.write(chunk);
    }, 0);
    file.close();
  } catch (e) {
    file.discard(); // no partial export: an older one stays as it was
    throw e;
  }
  io.stderr(`exported ${store.seriesCount} series, ${samples} samples from t = 0 (${(bytes / 1e6).toFixed(1)} MB) to ${path}\n`);
}
