/**
 * The live terminal UI entry points for `simulate run` and `simulate compare` (the CLI calls them
 * only when stdout is a terminal and CI is unset). Each mounts the ink app on the given streams,
 * plays the run in real time, and resolves once the final screen — the summary, or the verdict
 * table — has been drawn; the CLI prints nothing after it.
 */
import { render } from 'ink';
import type { Scenario } from '../model/scenario.js';
import type { Comparison } from '../run/compare.js';
import type { Simulation } from '../run/simulation.js';
import { CompareApp } from './components/CompareApp.js';
import { RunApp } from './components/RunApp.js';
import { createCompareDriver, createRunDriver } from './driver.js';
import { createRunContext } from './state/context.js';
import type { Clock } from './use-playback.js';

export interface LiveOptions {
  readonly scenario: Scenario;
  /** Simulated seconds per wall-clock second. */
  readonly speed: number;
  readonly color: boolean;
  readonly until: number;
  /** Where to draw and read keys (tests pass fakes). @default process.stdout / process.stdin / process.stderr */
  readonly streams?: { readonly stdout: NodeJS.WriteStream; readonly stdin: NodeJS.ReadStream; readonly stderr?: NodeJS.WriteStream };
  /** The wall clock playback runs on (tests drive one by hand). @default the host clock */
  readonly clock?: Clock;
}

function inkOptions(opts: LiveOptions) {
  return {
    stdout: opts.streams?.stdout ?? process.stdout,
    stdin: opts.streams?.stdin ?? process.stdin,
    stderr: opts.streams?.stderr ?? process.stderr,
    exitOnCtrlC: false, // ctrl+c quits like `q`: the run is finished and its summary shown
    patchConsole: false,
  };
}

/** Plays one simulation live; resolves true once the UI has finished (false: use text instead). */
export async function runLive(sim: Simulation, opts: LiveOptions): Promise<boolean> {
  const context = createRunContext(opts.scenario, sim.workload, { seed: sim.seed, until: opts.until });
  const driver = createRunDriver(sim, opts.until);
  const app = render(<RunApp driver={driver} context={context} speed={opts.speed} color={opts.color} {...(opts.clock ? { clock: opts.clock } : {})} />, inkOptions(opts));
  await app.waitUntilExit();
  return true;
}

/** Plays a comparison live, panels side by side on one clock; resolves true once finished. */
export async function runCompareLive(cmp: Comparison, opts: LiveOptions): Promise<boolean> {
  const contexts = cmp.sims.map((sim) => createRunContext(opts.scenario, sim.workload, { seed: sim.seed, until: opts.until }));
  const driver = createCompareDriver(cmp, opts.until);
  const app = render(<CompareApp driver={driver} contexts={contexts} speed={opts.speed} color={opts.color} {...(opts.clock ? { clock: opts.clock } : {})} />, inkOptions(opts));
  await app.waitUntilExit();
  return true;
}
