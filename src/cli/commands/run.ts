/**
 * `simulate run FILE`: one rollout, start to finish. Text timeline (or the live UI on a
 * terminal), jsonl trace, or just the Summary as JSON.
 */
import { createMetricStore } from '../../metrics/store.js';
import { writeOpenMetrics } from '../../metrics/openmetrics.js';
import type { MetricStore } from '../../metrics/store.js';
import type { SimEvent } from '../../model/events.js';
import type { Scenario } from '../../model/scenario.js';
import { createSimulationCore, NO_ANALYSIS, pickWorkload, usesAnalysis } from '../../run/simulation-core.js';
import { formatJsonl } from '../../report/jsonl.js';
import { createTimeline } from '../../report/timeline.js';
import { checkPositionals, checkUntil, parseFlags, parseSeed, parseSpeed, parseUntil } from '../args.js';
import { EXIT_OK, openOutput, type CliIO, type OutputFile } from '../io.js';
import { scenarioFile } from '../package.js';
import { resolveOutputMode, useColor } from '../output-mode.js';
import { checkAnalysisTemplates, loadWithNotes, requireWorkload } from './load.js';
import { capacityNote } from '../../report/notes.js';

export const RUN_USAGE = `usage: simulate run FILE [--seed N] [--output ui|text|json|jsonl] [--until DURATION]
                    [--rollout NAME] [--export-metrics OUT.om] [--speed X] [--no-color]

Runs one Rollout of the scenario from t = 0 to the scenario's duration (or --until): live on a
terminal (--speed: simulated seconds per second, default 60), a text timeline otherwise.
FILE is a .yaml file, a folder of them, or a built-in scenario's NAME (simulate list).`;

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    seed: { type: 'string' }, output: { type: 'string', short: 'o' }, until: { type: 'string' },
    rollout: { type: 'string' }, 'export-metrics': { type: 'string' }, 'no-color': { type: 'boolean' },
    speed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  }, RUN_USAGE);
  if (values.help === true) {
    io.stdout(RUN_USAGE + '\n');
    return EXIT_OK;
  }
  const started = process.hrtime.bigint();
  checkPositionals(positionals, 1, 'one FILE', RUN_USAGE);
  // Every flag is checked before the (slower) load, and whether or not this mode uses it.
  const seed = parseSeed(values.seed);
  const until = parseUntil(values.until);
  const speed = parseSpeed(values.speed);
  const mode = resolveOutputMode({ flag: values.output, isTTY: io.isTTY, env: io.env });
  const { scenario, notes } = loadWithNotes(positionals[0] === undefined ? undefined : scenarioFile(positionals[0]), RUN_USAGE);
  checkUntil(until, scenario.duration, values.until);
  const color = mode !== 'json' && mode !== 'jsonl' && useColor({ isTTY: io.isTTY, env: io.env, noColorFlag: values['no-color'] === true });
  const store = createMetricStore();
  if (values.rollout !== undefined) requireWorkload(scenario, values.rollout, '--rollout');
  const simOpts = { store, ...(seed !== undefined ? { seed } : {}), ...(values.rollout ? { workload: values.rollout } : {}) };
  // Without AnalysisTemplates in play, PromQL and expr are never loaded (start-up counts: see npm run bench).
  const analysed = usesAnalysis(pickWorkload(scenario, values.rollout));
  if (analysed) await checkAnalysisTemplates(scenario);
  // Opened before simulating: a path that cannot be written fails now (after every input
  // check, so bad input leaves no empty file behind), not after the whole run.
  const exportFile = values['export-metrics'] === undefined ? undefined : openOutput(values['export-metrics'], '--export-metrics');
  const sim = analysed
    ? (await import('../../run/simulation.js')).createSimulation(scenario, simOpts)
    : createSimulationCore(scenario, simOpts, NO_ANALYSIS);

  if (mode === 'ui') {
    const { runLive } = await import('../../ui/live.js');
    if (await runLive(sim, { scenario, speed, color, until: until ?? scenario.duration })) {
      if (exportFile !== undefined) exportMetrics(store, exportFile, values['export-metrics'] as string, io);
      return EXIT_OK;
    }
  }
  if (mode === 'text' || mode === 'ui') {
    const others = scenario.workloads.length > 1
      ? `this file has ${scenario.workloads.length} workloads (${scenario.workloads.map((w) => w.name).join(', ')}): this runs ${sim.workload.name}; --rollout NAME picks another, simulate compare races them`
      : undefined;
    const warnings = [...notes, others, capacityNote(scenario, sim.workload.replicas)].filter((n) => n !== undefined);
    io.stdout(header(scenario, sim.seed, sim.workload.name) + warnings.map((n) => `  note: ${n}\n`).join('') + '\n');
  }
  const timeline = createTimeline({ color });
  sim.subscribe((e: SimEvent) => {
    if (mode === 'jsonl') io.stdout(formatJsonl(e) + '\n');
    else if (mode === 'json') {
      if (e.type === 'Summary') io.stdout(JSON.stringify(e) + '\n');
    } else {
      const line = timeline.line(e);
      if (line !== undefined) io.stdout(line + '\n');
      if (e.type === 'Summary') {
        const { arrivals: arrived, unserved } = sim.world;
        io.stdout(timeline.summary(e, { arrived, unserved }).join('\n') + '\n');
      }
    }
  });
  sim.runUntil(until ?? scenario.duration);
  const summary = sim.finish();
  if (io.env.SIMULATE_STATS === '1') {
    // For `npm run bench`: in-process figures on stderr, never mixed into the output.
    const simSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stats = { events: sim.engine.processed, requests: summary.userRequests, simSeconds, series: store.seriesCount, samples: store.sampleCount };
    io.stderr(`STATS ${JSON.stringify(stats)}\n`);
  }

  if (exportFile !== undefined) exportMetrics(store, exportFile, values['export-metrics'] as string, io);
  return EXIT_OK;
}

function header(s: Scenario, seed: number, rollout: string): string {
  const desc = s.description === '' ? '' : `\n  ${s.description.trim()}`;
  return `rollout-sim · ${s.name} · seed ${seed} · rollout ${rollout}${desc}\n`;
}

/** Writes the export and says so on stderr (stdout stays the run's own output). */
function exportMetrics(store: MetricStore, file: OutputFile, path: string, io: CliIO): void {
  let bytes = 0;
  writeOpenMetrics(store, (chunk) => {
    bytes += Buffer.byteLength(chunk);
    file.write(chunk);
  });
  file.close();
  io.stderr(`exported ${store.seriesCount} series, ${store.sampleCount} samples (${(bytes / 1e6).toFixed(1)} MB) to ${path}\n`);
}
