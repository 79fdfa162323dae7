/**
 * `simulate`: the command dispatcher. The only place that touches `process`: it builds the CliIO,
 * maps errors to exit codes (2 for bad input, without a stack trace; 1 for our own bugs).
 */
import { fileURLToPath } from 'node:url';
import { closest } from './args.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, readTextFile, type CliIO } from './io.js';

export const USAGE = `simulate — a deterministic simulator of Argo Rollouts progressive delivery

usage:
  simulate                       the flagship comparison: canary vs blue-green vs Deployment
  simulate FILE.yaml             same as: simulate run FILE.yaml
  simulate run FILE              one rollout, start to finish (live on a terminal; text, jsonl, json)
  simulate compare FILE          the scenario's strategies side by side on identical traffic
  simulate query DATASET PROMQL  evaluate PromQL over an OpenMetrics export or promtool dump
  simulate analyze TEMPLATE      run an AnalysisTemplate over recorded data (--dataset) or a result (--result)
  simulate list                  the built-in scenarios
  simulate COMMAND --help        help for one command

common flags: --seed N  --output ui|text|json|jsonl  --until DURATION  --speed X  --no-color`;

const COMMANDS = ['run', 'compare', 'query', 'analyze', 'list', 'help'];

/** The package's own folder (for built-in scenarios), from dist/cli/main.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SCENARIO = 'scenarios/flagship.yaml';

export async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  // Each command loads only what it needs (PromQL's grammar, the analysis engine, ...): start-up counts.
  const compareCommand = async (a: string[], o: CliIO) => (await import('./commands/compare.js')).compareCommand(a, o);
  const runCommand = async (a: string[], o: CliIO) => (await import('./commands/run.js')).runCommand(a, o);
  const runQuery = async (a: string[], o: CliIO) => (await import('./commands/query.js')).runQuery(a, o);
  const analyzeCommand = async (a: string[], o: CliIO) => (await import('./commands/analyze.js')).analyzeCommand(a, o);
  const listCommand = async (a: string[], o: CliIO, root: string) => (await import('./commands/list.js')).listCommand(a, o, root);
  try {
    if (command === undefined) return await compareCommand([PACKAGE_ROOT + DEFAULT_SCENARIO], io);
    if (command.startsWith('-') && command !== '--help' && command !== '-h') return await compareCommand([PACKAGE_ROOT + DEFAULT_SCENARIO, ...argv], io);
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'compare') return await compareCommand(rest, io);
    if (command === 'query') return await runQuery(rest, io);
    if (command === 'analyze') return await analyzeCommand(rest, io);
    if (command === 'list') return await listCommand(rest, io, PACKAGE_ROOT);
    if (command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE + '\n');
      return EXIT_OK;
    }
    if (/\.ya?ml$/.test(command)) return await runCommand(argv, io);
    const near = closest(command, COMMANDS);
    throw new UsageError(`unknown command "${command}"${near ? ` (did you mean "${near}"?)` : ''}\n\n${USAGE}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(err.message + '\n');
      return EXIT_BAD_INPUT;
    }
    const msg = err instanceof Error ? (io.env.DEBUG ? err.stack ?? err.message : err.message) : String(err);
    io.stderr(`internal error: ${msg}\n(this is a bug in rollout-sim; run with DEBUG=1 for the stack)\n`);
    return EXIT_INTERNAL;
  }
}

export async function main(argv: string[]): Promise<void> {
  const out: string[] = [];
  const io: CliIO = {
    stdout: (s) => {
      out.push(s);
      if (out.length >= 256) flush();
    },
    stderr: (s) => {
      flush();
      process.stderr.write(s);
    },
    readFile: readTextFile,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
  function flush(): void {
    if (out.length > 0) process.stdout.write(out.join(''));
    out.length = 0;
  }
  const code = await dispatch(argv, io);
  flush();
  process.exitCode = code;
}
