/**
 * The live terminal UI entry points for `simulate run` and `simulate compare` (the CLI calls them
 * only when stdout is a terminal and CI is unset). Each mounts the ink app on the given streams,
 * plays the run in real time, and resolves once the final screen — the summary, or the verdict
 * table — has been drawn; the CLI prints nothing after it.
 */
import { basename } from 'node:path';
import { render, Text } from 'ink';
import type { ReactElement } from 'react';
import type { Terminal } from './terminal.js';
import type { Comparison } from '../run/compare.js';
import type { Simulation } from '../run/simulation.js';
import { CompareApp } from './components/CompareApp.js';
import { RunApp } from './components/RunApp.js';
import { createCompareDriver, createRunDriver } from './driver.js';
import { createRunContext } from './state/context.js';
import { INTERRUPTED } from './use-keys.js';
import { clearSplash, splashText } from './splash.js';
import { ColorContext, Paint } from './theme.js';
import type { Clock } from './use-playback.js';

export interface LiveOptions {
  /** Simulated seconds per wall-clock second. */
  readonly speed: number;
  readonly color: boolean;
  readonly until: number;
  /** The scenario file as the user named it (the replay hint repeats it). */
  readonly file: string;
  /** Where to draw and read keys (the CLI's terminal; tests pass fakes). */
  readonly terminal: Terminal;
  /** The wall clock playback runs on (tests drive one by hand). @default the host clock */
  readonly clock?: Clock;
  /** The Scenario's metadata.name, for the first frame. @default the file's base name */
  readonly scenario?: string;
  /** compare: the workloads --strategies named (the replay command repeats them). */
  readonly strategies?: readonly string[] | undefined;
}

/**
 * The terminal ink draws on, remembering whether the last text written ended its line. Ink leaves
 * a frame as tall as the terminal without a final newline (so the screen does not scroll), which
 * glues the shell prompt to the status line when the final screen is that tall; `endLine()` adds
 * the newline then, and only then. Escape sequences (cursor, synchronized output) are not text.
 * Example: writes 'frame\n', '\u001b[?25h' → endLine() writes nothing; writes 'frame' → '\n'.
 */
function lineTracking(out: NodeJS.WriteStream): { stdout: NodeJS.WriteStream; endLine: () => void } {
  let open = false;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string') {
      // eslint-disable-next-line no-control-regex
      const text = chunk.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
      if (text.length > 0) open = !text.endsWith('\n');
    }
    return (out.write as (...a: unknown[]) => boolean).call(out, chunk, ...rest);
  };
  const stdout = new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { stdout, endLine: () => void (open && out.write('\n')) };
}

/**
 * Mounts the first frame on the session's streams, then builds the app and swaps it in, and waits
 * until it exits, leaving the terminal on a fresh line. Both live views end this way. The first
 * frame is drawn before `build` runs: building runs every simulation to t = 0, which takes a
 * moment on a loaded machine, and a blank terminal reads as a hang.
 */
async function play(first: string, build: () => ReactElement, opts: LiveOptions): Promise<true | 'interrupted'> {
  clearSplash(opts.terminal.stdout);
  const out = lineTracking(opts.terminal.stdout);
  const instance = render(<Starting text={first} color={opts.color} />, {
    stdout: out.stdout,
    stdin: opts.terminal.stdin,
    stderr: opts.terminal.stderr,
    exitOnCtrlC: false, // use-keys handles ctrl+c: it unmounts with INTERRUPTED
    patchConsole: false,
  });
  await new Promise((resolve) => setImmediate(resolve)); // ink writes the first frame
  let app: ReactElement;
  try {
    app = build();
  } catch (err) {
    instance.unmount();
    throw err;
  }
  instance.rerender(app);
  const result = await instance.waitUntilExit();
  out.endLine();
  return result === INTERRUPTED ? 'interrupted' : true;
}

/** The first frame: what is about to play. Example: 'rollout-sim compare · flagship · seed 7 · simulating…'. */
function Starting({ text, color }: { readonly text: string; readonly color: boolean }) {
  return (
    <ColorContext.Provider value={color}>
      <Text wrap="truncate-end"><Paint tone="plain" bold>{text}</Paint></Text>
    </ColorContext.Provider>
  );
}

/** The scenario's name for the first frame: as the CLI gives it, else the file's base name. Example: 'scenarios/x.yaml' → 'x'. */
function scenarioName(opts: LiveOptions): string {
  return opts.scenario ?? basename(opts.file).replace(/\.ya?ml$/, '');
}

const columnsOf = (opts: LiveOptions): number => opts.terminal.stdout.columns || 80;

/** Plays one simulation live; resolves true once the UI has finished, 'interrupted' after Ctrl+C. */
export async function runLive(sim: Simulation, opts: LiveOptions): Promise<true | 'interrupted'> {
  return play(splashText('run', scenarioName(opts), sim.seed, columnsOf(opts)), () => {
    const driver = createRunDriver(sim, opts.until);
    const context = createRunContext(driver.start, { file: opts.file, until: opts.until });
    return <RunApp driver={driver} context={context} speed={opts.speed} color={opts.color} {...(opts.clock ? { clock: opts.clock } : {})} />;
  }, opts);
}

/** Plays a comparison live, panels side by side on one clock; resolves true once finished. */
export async function runCompareLive(cmp: Comparison, opts: LiveOptions): Promise<true | 'interrupted'> {
  return play(splashText('compare', scenarioName(opts), cmp.sims[0]?.seed ?? 0, columnsOf(opts)), () => {
    const driver = createCompareDriver(cmp, opts.until);
    const contexts = driver.starts.map((start) => createRunContext(start, { file: opts.file, until: opts.until }));
    return <CompareApp driver={driver} contexts={contexts} speed={opts.speed} color={opts.color} strategies={opts.strategies} {...(opts.clock ? { clock: opts.clock } : {})} />;
  }, opts);
}
