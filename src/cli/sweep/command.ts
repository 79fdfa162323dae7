/**
 * `simulate sweep FILE --seeds N`: the scenario on N seeds (and on every grid point of --vary),
 * each seed with its healthy twin, folded into rates with 95 % Wilson intervals and distributions;
 * `--shard I/N` runs one slice and writes a partial result, `simulate sweep merge` combines them.
 * `simulate compare FILE --seeds N` is the same with the strategies as the cells.
 */
import { availableParallelism } from 'node:os';
import type { Scenario } from '../../model/scenario.js';
import { strategyOf } from '../../model/strategy.js';
import { formatLoadError, loadScenarioSources, readScenarioSources, type Source } from '../../scenario/index.js';
import { CellError, loadCell } from '../../sweep/load-cell.js';
import { CellAccumulator } from '../../sweep/cell-stats.js';
import { planCells, shardRange, taskAt, taskCount, type Horizon, type SweepPlan } from '../../sweep/plan.js';
import type { SeedRecord } from '../../sweep/record.js';
import { sweepResult, type SweepHeader } from '../../sweep/result.js';
import { cellLabel, parseVary, type VarySpec } from '../../sweep/vary.js';
import { checkPositionals, parseFlags, parseSeed } from '../args.js';
import { EXIT_OK, UsageError, openOutput, type CliIO } from '../io.js';
import { isCi } from '../output-mode.js';
import { packageVersion, scenarioFile } from '../package.js';
import { checkAnalysisTemplates, requireWorkload } from '../commands/load.js';
import { executeTasks } from './execute.js';
import { mergeCommand } from './merge.js';
import { partialJson, sweepIdentity } from './partial.js';
import { createProgress } from './progress.js';
import { renderResult, terminalWidth, type SweepOutput } from './render.js';
import { parseCount, parseHorizon, parseShard, parseSweepOutput } from './flags.js';

export const SWEEP_USAGE = `usage: simulate sweep FILE --seeds N [--seed S] [--workers K] [--vary [KIND[/NAME]:]PATH=V1,V2,…]…
                      [--output table|json|csv] [--shard I/N] [--horizon decision|end] [--rollout NAME]
                      [--report FILE.html]
       simulate sweep merge PARTS… [--output table|json|csv]

Runs the scenario on N seeds (S, S+1, …, S+N-1; S defaults to the Scenario's spec.seed), each with
its healthy twin (the same seed with the regressions removed), and reports per cell the detection
rate and the false-rollback rate with 95 % Wilson intervals, time to detect, harmed requests,
promotion time and the share incomplete. The result is the same bytes for any --workers.
  --vary     a grid axis: a YAML path into the Scenario document, or into KIND[/NAME] (e.g.
             spec.release.regressions[0].to=1%,2%,5%  Rollout:spec.strategy.canary.steps[0].setWeight=10,20
             AnalysisTemplate/error-rate:spec.metrics[name=error-rate].failureLimit=0,1,2); repeatable
  --workers  threads (default: the machine's cores; 1 runs in this thread)
  --horizon  decision (default): each run stops at its abort or promotion; end: at spec.duration
  --report   also write the sweep's self-contained HTML report: the rates with their interval bars
             per cell, time to detect and harm per cell, the table
  --shard    run the I-th of N slices (I from 0; "--shard /N" reads I from JOB_COMPLETION_INDEX) and
             write a partial result (JSON) for \`simulate sweep merge\`
FILE is a .yaml file, a folder of them, or a built-in scenario's NAME (simulate list).`;

export async function sweepCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io);
  const { values, positionals } = parseFlags(argv, {
    seeds: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, vary: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' }, shard: { type: 'string' }, horizon: { type: 'string' }, rollout: { type: 'string' },
    'no-color': { type: 'boolean' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  }, SWEEP_USAGE);
  if (values.help === true) {
    io.stdout(SWEEP_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 1, 'one FILE', SWEEP_USAGE);
  if (values.seeds === undefined) throw new UsageError(`--seeds N is required (how many seeds to run, e.g. --seeds 200)\n\n${SWEEP_USAGE}`);
  const specs = parseSpecs(values.vary ?? []);
  const opts: SweepOptions = {
    seeds: parseCount(values.seeds, '--seeds', MAX_SEEDS), seed: parseSeed(values.seed), workers: parseWorkers(values.workers),
    horizon: parseHorizon(values.horizon), output: parseSweepOutput(values.output), shard: parseShard(values.shard, io.env), specs, title: 'sweep',
    report: values.report,
  };
  if (opts.report !== undefined && opts.shard !== undefined) throw new UsageError('--report draws the whole sweep, and --shard runs a slice of it: leave --report out of a --shard run');
  const { sources, scenario } = readSources(positionals[0], SWEEP_USAGE);
  let workloads: string[];
  if (values.rollout !== undefined) {
    requireWorkload(scenario, values.rollout, '--rollout');
    workloads = [values.rollout];
  } else workloads = scenario.compareListed === true && scenario.compare.length > 1 ? [...scenario.compare] : [firstWorkload(scenario)];
  return runSweep(io, sources, scenario, workloads, opts);
}

/** A sweep's settings, from `sweep` or `compare --seeds`. */
export interface SweepOptions {
  readonly seeds: number;
  readonly seed: number | undefined;
  readonly workers: number | undefined;
  readonly horizon: Horizon;
  readonly output: SweepOutput;
  readonly shard: { index: number; count: number } | undefined;
  readonly specs: readonly VarySpec[];
  readonly title: 'sweep' | 'compare';
  /** --report FILE.html (not with --shard). */
  readonly report?: string | undefined;
}

/** More seeds than this is a typo (the records of 10 M seeds alone would take gigabytes). */
export const MAX_SEEDS = 1_000_000;

/** The scenario's texts and its load without --vary (bad input exits 2 here). */
export function readSources(arg: string | undefined, usage: string): { sources: Source[]; scenario: Scenario } {
  if (arg === undefined) throw new UsageError(`missing scenario FILE\n\n${usage}`);
  const read = readScenarioSources(scenarioFile(arg));
  const r = 'sources' in read ? loadScenarioSources(read.sources) : read;
  if (!r.ok) throw new UsageError(r.errors.map((e) => `error: ${formatLoadError(e)}`).join('\n') + (r.errors.length > 1 ? `\n${r.errors.length} errors` : ''));
  return { sources: 'sources' in read ? read.sources : [], scenario: r.scenario };
}

/** Loads every cell first (a bad --vary value exits 2 before any run), then runs the sweep or one shard of it. */
export async function runSweep(io: CliIO, sources: readonly Source[], scenario: Scenario, workloads: readonly string[], o: SweepOptions): Promise<number> {
  const plan: SweepPlan = { seeds: o.seeds, baseSeed: o.seed ?? scenario.seed, horizon: o.horizon, specs: o.specs, cells: planCells(workloads, o.specs) };
  const cells = [];
  for (const cell of plan.cells) {
    let s: Scenario;
    try {
      s = loadCell(sources, plan, cell);
    } catch (e) {
      if (e instanceof CellError) throw new UsageError(e.message);
      throw e;
    }
    await checkAnalysisTemplates(s);
    const w = s.workloads.find((x) => x.name === cell.workload) ?? s.workloads[0];
    if (w === undefined) throw new UsageError(`no workload ${cell.workload ?? ''} with --vary ${cellLabel(plan.specs, cell.values)}`);
    cells.push({ workload: w.name, strategy: strategyOf(w).type, vary: Object.fromEntries(plan.specs.map((sp, i) => [sp.target, sp.texts[cell.values[i] ?? 0] ?? ''])) });
  }
  // Opened once every cell has loaded (bad input exits 2 first) and before the seeds run.
  const report = o.report === undefined ? undefined : openOutput(o.report, '--report', sources.map((x) => x.file));
  const header: SweepHeader = { command: o.title, scenario: scenario.name, seeds: plan.seeds, baseSeed: plan.baseSeed, horizon: plan.horizon, vary: plan.specs.map((s) => ({ target: s.target, values: s.texts })), cells };
  const total = taskCount(plan);
  const [from, to] = o.shard === undefined ? [0, total] : shardRange(total, o.shard.index, o.shard.count);
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), to - from));
  const progress = createProgress(to - from, progressOutput(io));
  if (o.shard !== undefined) {
    // A partial result holds every record of its slice, by task number (sweep merge needs them).
    const records: SeedRecord[] = new Array(to - from);
    await executeTasks(sources, plan, from, to, workers, progress, (task, r) => void (records[task - from] = r));
    const identity = sweepIdentity(header, sources, packageVersion());
    io.stdout(partialJson({ identity, shard: o.shard, tasks: [from, to], header }, records));
    return EXIT_OK;
  }
  // The whole sweep keeps no record: each cell folds its seeds' records into counts as they come.
  const cellsAcc = header.cells.map(() => new CellAccumulator());
  await executeTasks(sources, plan, from, to, workers, progress, (task, r) => cellsAcc[taskAt(plan, task).cell]?.add(r));
  const result = sweepResult(header, cellsAcc.map((a) => a.stats()));
  io.stdout(renderResult(result, o.output, terminalWidth(io)));
  if (report !== undefined) {
    const html = await (await import('./report-html.js')).sweepReport(result);
    report.write(html);
    report.close();
    io.stderr(`report: ${o.report ?? ''} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
  }
  return EXIT_OK;
}

function firstWorkload(s: Scenario): string {
  const w = s.workloads[0];
  if (w === undefined) throw new UsageError('the scenario has no Rollout or Deployment to sweep');
  return w.name;
}

function parseSpecs(texts: readonly string[]): VarySpec[] {
  const specs = texts.map((t) => {
    try {
      return parseVary(t);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.target)) throw new UsageError(`--vary ${s.target} is given twice: list every value in one --vary (PATH=V1,V2,…)`);
    seen.add(s.target);
  }
  return specs;
}

function parseWorkers(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseCount(text, '--workers', 1024);
}

/**
 * Where the progress goes. On a terminal the bar goes straight to it: io.stderr shows control
 * characters as visible escapes there (terminal-text.ts), which would print the bar's own \r and
 * erase-line codes as text. The bar is our own text (counts and rates), with no user data in it.
 */
function progressOutput(io: CliIO): Parameters<typeof createProgress>[1] {
  const terminal = io.terminal;
  const tty = terminal?.stderr.isTTY === true && !isCi(io.env);
  const write = tty && terminal !== undefined ? (s: string) => void terminal.stderr.write(s) : io.stderr;
  return { write, tty, clock: io.clock, unit: 'seeds' };
}
