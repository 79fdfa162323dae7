/**
 * `simulate compare FILE [--strategies a,b,c]`: the scenario's Rollouts/Deployment raced on
 * identical traffic, ending with a verdict table (text), or the Summaries as JSON.
 */
import type { SimEvent } from '../../model/events.js';
import type { Workload } from '../../model/rollout.js';
import type { Scenario } from '../../model/scenario.js';
import { createComparison } from '../../run/compare.js';
import { createTimeline } from '../../report/timeline.js';
import { explainVerdict, formatVerdict, verdictTitle, type VerdictRow } from '../../report/verdict.js';
import { checkPositionals, checkUntil, parseFlags, parseSeed, parseSpeed, parseUntil } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { resolveOutputMode, useColor } from '../output-mode.js';
import { checkAnalysisTemplates, loadOrFail, requireWorkload } from './load.js';
import { scenarioFile } from '../package.js';

export const COMPARE_USAGE = `usage: simulate compare FILE [--strategies NAME,NAME,…] [--seed N] [--until DURATION]
                        [--output ui|text|json] [--speed X] [--no-color]

  --strategies  the workloads to race, by metadata.name (e.g. agent-canary,agent-bluegreen)
  --speed       live playback: simulated seconds per wall second (default 60)

Runs the Rollouts/Deployment named in the scenario's spec.compare (or --strategies) on identical
traffic — the same requests, with the same draws, reach every strategy — on one shared clock.
FILE is a .yaml file, a folder of them, or a built-in scenario's NAME (simulate list).`;

export async function compareCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    strategies: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' },
    output: { type: 'string', short: 'o' }, 'no-color': { type: 'boolean' }, speed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, COMPARE_USAGE);
  if (values.help === true) {
    io.stdout(COMPARE_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 1, 'one FILE', COMPARE_USAGE);
  const seed = parseSeed(values.seed);
  const until = parseUntil(values.until);
  const speed = parseSpeed(values.speed);
  const scenario = loadOrFail(positionals[0] === undefined ? undefined : scenarioFile(positionals[0]), COMPARE_USAGE);
  await checkAnalysisTemplates(scenario);
  return runComparison(scenario, io, {
    names: values.strategies === undefined ? undefined : pickNames(scenario, values.strategies),
    seed, until, output: values.output, noColor: values['no-color'] === true, speed, untilText: values.until,
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
}

/** Shared by `compare` and the no-argument default run. */
export async function runComparison(scenario: Scenario, io: CliIO, opts: ComparisonRunOptions): Promise<number> {
  const mode = resolveOutputMode({ flag: opts.output, isTTY: io.isTTY, env: io.env });
  checkUntil(opts.until, scenario.duration, opts.untilText);
  if (mode === 'jsonl') throw new UsageError('compare prints text or json (a jsonl trace is per rollout: use simulate run --rollout NAME)');
  const color = mode !== 'json' && useColor({ isTTY: io.isTTY, env: io.env, noColorFlag: opts.noColor });
  const cmp = createComparison(scenario, { ...(opts.names ? { names: opts.names } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  if (mode === 'ui') {
    const { runCompareLive } = await import('../../ui/live.js');
    if (await runCompareLive(cmp, { scenario, speed: opts.speed, color, until: opts.until ?? scenario.duration })) return EXIT_OK;
  }
  const timelines: string[][] = cmp.sims.map(() => []);
  const tls = cmp.sims.map(() => createTimeline({ color }));
  cmp.sims.forEach((sim, i) => {
    sim.subscribe((e: SimEvent) => {
      // Every event goes through the timeline (its wording depends on what happened before).
      const line = tls[i]?.line(e);
      if (line !== undefined && KEY_EVENTS.has(e.type)) timelines[i]?.push(line);
    });
  });
  cmp.runUntil(opts.until ?? scenario.duration);
  const summaries = cmp.finish();
  const rows: VerdictRow[] = cmp.sims.map((sim, i) => ({ name: sim.workload.name, strategy: strategyOf(sim.workload), summary: summaries[i] as VerdictRow['summary'] }));
  if (mode === 'json') {
    io.stdout(JSON.stringify({ scenario: scenario.name, seed: cmp.sims[0]?.seed ?? scenario.seed, results: rows.map((r, i) => ({ workload: r.name, strategy: r.strategy, offeredRequests: cmp.sims[i]?.world.arrivals ?? 0, ...r.summary })) }) + '\n');
    return EXIT_OK;
  }
  const desc = scenario.description === '' ? '' : `\n  ${scenario.description.trim()}`;
  io.stdout(`rollout-sim compare · ${scenario.name} · seed ${cmp.sims[0]?.seed ?? scenario.seed}${desc}\n`);
  rows.forEach((r, i) => {
    io.stdout(`\n── ${r.name} (${r.strategy}) ${'─'.repeat(Math.max(0, 60 - r.name.length - r.strategy.length))}\n`);
    io.stdout((timelines[i] ?? []).join('\n') + '\n');
    const world = cmp.sims[i]?.world;
    const extras = world === undefined ? {} : { arrived: world.arrivals, unserved: world.unserved };
    io.stdout((tls[i]?.summary(r.summary, extras) ?? []).slice(2).join('\n') + '\n');
  });
  io.stdout(`\n${verdictTitle(cmp.sims[0]?.world.arrivals ?? 0)}\n\n`);
  io.stdout(formatVerdict(rows).map((l) => `  ${l}`).join('\n') + '\n\n');
  io.stdout(explainVerdict(rows).map((l) => `  • ${l}`).join('\n') + '\n');
  return EXIT_OK;
}

/** The events a side-by-side reader needs; the full trace is one `simulate run --rollout` away. */
const KEY_EVENTS = new Set<SimEvent['type']>([
  'RolloutStarted', 'StepStarted', 'ServiceSwitched', 'AnalysisRunCompleted', 'Measurement',
  'OperatorAction', 'RolloutAborted', 'RolloutPromoted',
]);

function strategyOf(w: Workload): string {
  if (w.kind === 'Deployment') return 'Deployment';
  if (w.strategy.type === 'blueGreen') return 'blue-green';
  return w.strategy.trafficRouting === undefined ? 'basic canary' : 'canary';
}

function pickNames(scenario: Scenario, list: string): string[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) requireWorkload(scenario, n, '--strategies');
  if (names.length === 0) throw new UsageError('--strategies needs at least one name');
  return names;
}
